"""``repat candidates``: a case's ranked candidates, a round's two lists, and the decisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.persistence.db import open_database
from tests import test_cli
from tests.register.candidates_helpers import a_register
from tests.sync.conftest import context_for
from tests.test_cli import assert_one_sentence, run

dbfile = test_cli.dbfile
ready = test_cli.ready


@pytest.fixture
def cases(ready: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """The register of ``a_register`` and three cases of round R1: tag -> case number."""
    db = open_database(ready)
    try:
        a_register(context_for(db, "KH01", "ivan"))
    finally:
        db.close()
    for tag, name, birth in (("T-1", "Kovalenko Yurii", "1989"), ("T-2", "KOVALENKO Iurii Petrovych", "17.04.1990"),
                             ("T-3", "", "")):
        extra = ["--name", name, "--birth-date", birth] if name else []
        code, _out, err = run(capsys, "intake", "R1", "--tag", tag, *extra, "--db", str(ready), "--user", "ivan")
        assert code == 0, err
    code, out, _ = run(capsys, "cases", "list", "--db", str(ready), "--format", "json")
    return {c["sender_tag"]: c["case_number"] for c in json.loads(out)}


def test_a_case_s_candidates_with_score_and_reasons(ready: Path, cases: dict[str, str], capsys) -> None:
    code, out, err = run(capsys, "candidates", "--case", cases["T-1"], "--db", str(ready))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"Case {cases['T-1']} (round R1, tag T-1): Kovalenko Yurii, born 1989"
    assert lines[1] == "A candidate sets a priority for DNA comparison; it is never an identification."
    assert lines[2].split() == ["#", "score", "decision", "application", "name", "born", "disappeared", "reasons"]
    first = lines[4]
    assert first.split()[:3] == ["1", "68", "ЗБ-001"]
    assert "Коваленко Юрій Петрович" in first and "2024-03-02 Донецька область, Авдіївка" in first
    assert first.endswith("surname equal after transliteration; first name equal after transliteration; "
                          "year of birth ±1")
    assert lines[5].split()[:3] == ["2", "45", "ЗБ-002"] and len(lines) == 6
    code, out, _ = run(capsys, "candidates", "--case", cases["T-1"], "--db", str(ready), "--format", "json")
    data = json.loads(out)
    assert [c["register_number"] for c in data["candidates"]] == ["ЗБ-001", "ЗБ-002"]
    assert data["candidates"][0]["reasons"][2] == {"code": "birth_year_near", "value": "1",
                                                   "text": "year of birth ±1"}


def test_a_round_s_two_lists(ready: Path, cases: dict[str, str], capsys) -> None:
    code, out, err = run(capsys, "candidates", "--round", "R1", "--db", str(ready))
    assert code == 0, err
    assert out.startswith("Round R1: 3 cases, 5 applications in the register, threshold 60.\n")
    without, shared = out.split("\n\n")[1:3]
    assert without.splitlines()[0] == "Cases without any candidate at or above 60 (1):"
    assert without.splitlines()[3].split() == [cases["T-3"], "T-3", "-"]
    assert shared.splitlines()[0] == "Applications matched by several cases (1):"
    row = shared.splitlines()[3]
    assert row.startswith("ЗБ-001") and row.endswith(f"2  {cases['T-2']} (85), {cases['T-1']} (68)")
    code, out, _ = run(capsys, "candidates", "--round", "R1", "--threshold", "70", "--db", str(ready),
                       "--format", "json")
    data = json.loads(out)
    assert [c["case_number"] for c in data["without_candidates"]] == [cases["T-1"], cases["T-3"]]
    assert data["without_candidates"][0]["best_score"] == 68 and data["shared"] == []


def test_decide_prioritise_reject_and_withdraw(ready: Path, cases: dict[str, str], capsys) -> None:
    db = str(ready)
    code, out, err = run(capsys, "candidates", "decide", "--case", cases["T-1"], "--entry", "ЗБ-002", "prioritised",
                         "--note", "мати дала зразок", "--db", db, "--user", "ivan")
    assert code == 0, err
    assert out.splitlines()[0] == (f"Application ЗБ-002 prioritised for DNA comparison with case {cases['T-1']} "
                                   "(by Іван Бондар).")
    code, out, err = run(capsys, "candidates", "decide", "--case", cases["T-1"], "--entry", "ЗБ-001", "rejected",
                         "--db", db, "--user", "olena")
    assert code == 0, err
    code, out, _ = run(capsys, "candidates", "--case", cases["T-1"], "--db", db, "--format", "json")
    assert [(c["register_number"], c["decision"]) for c in json.loads(out)["candidates"]] == [
        ("ЗБ-002", "prioritised"), ("ЗБ-001", "rejected")]
    code, out, _ = run(capsys, "candidates", "--case", cases["T-1"], "--db", db)
    assert out.splitlines()[4].split()[:4] == ["1", "45", "prioritised", "ЗБ-002"]
    code, out, err = run(capsys, "candidates", "decide", "--case", cases["T-1"], "--entry", "ЗБ-002", "withdraw",
                         "--db", db, "--user", "ivan")
    assert code == 0 and "no longer decided about" in out
    code, out, _ = run(capsys, "forensics", "show", cases["T-1"], "--db", db, "--format", "json")
    assert json.loads(out)["established_name"] == ""  # a priority never identifies


def test_mistakes_are_one_sentence(ready: Path, cases: dict[str, str], capsys) -> None:
    db = str(ready)
    code, _out, err = run(capsys, "candidates", "--db", db)
    assert code == 1
    assert_one_sentence(err, "Give either --case CASE or --round ROUND.")
    code, _out, err = run(capsys, "candidates", "--case", "KH01-2026-99999", "--db", db)
    assert code == 1
    assert_one_sentence(err, "There is no case KH01-2026-99999")
    code, _out, err = run(capsys, "candidates", "decide", "--case", cases["T-1"], "--entry", "ЗБ-999", "rejected",
                          "--db", db, "--user", "ivan")
    assert code == 1
    assert_one_sentence(err, "There is no application ЗБ-999 in the register")
    code, _out, err = run(capsys, "candidates", "decide", "--case", cases["T-1"], "--entry", "ЗБ-001", "rejected",
                          "--db", db)
    assert code == 1
    assert_one_sentence(err, "give your user name with --user NAME")
    with pytest.raises(SystemExit):
        run(capsys, "candidates", "--round", "R1", "--threshold", "101", "--db", db)
