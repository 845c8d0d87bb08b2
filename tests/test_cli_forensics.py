"""``repat forensics`` (examination, samples, identification, release from the command line)
and the global options given before or after the command name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import test_cli
from tests.test_cli import assert_one_sentence, run

# the command-line tests' set-up: a database with the supervisor olena, the officer ivan and round R1
dbfile = test_cli.dbfile
ready = test_cli.ready


def _received_case(capsys: pytest.CaptureFixture[str], db: str, tag: str = "T-1") -> str:
    code, out, err = run(capsys, "intake", "R1", "--tag", tag, "--received-at", "2026-06-12 10:00",
                         "--db", db, "--user", "ivan")
    assert code == 0, err
    code, out, _ = run(capsys, "cases", "list", "--db", db, "--format", "json")
    return next(c["case_number"] for c in json.loads(out) if c["sender_tag"] == tag)


def _record(capsys: pytest.CaptureFixture[str], db: str, case: str) -> dict:  # type: ignore[type-arg]
    code, out, err = run(capsys, "forensics", "show", case, "--db", db, "--format", "json")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_a_case_goes_from_examination_to_release(ready: Path, capsys):
    db = str(ready)
    case = _received_case(capsys, db)
    steps = [
        ["examine", case, "--by", "Д-р Коваленко", "--at", "2026-06-13 09:30", "--notes", "skull intact"],
        ["sample", case, "--type", "bone", "--label", "S-1", "--taken-on", "2026-06-13", "--sent-to", "Lab Kyiv"],
        ["sample", case, "--type", "tooth", "--label", "S-2", "--taken-on", "2026-06-13"],
        ["withdraw-sample", case, "S-2"],
        ["identify", case, "--name", "Петренко Іван", "--by", "Д-р Коваленко", "--on", "2026-06-20",
         "--method", "dna", "--birth-date", "1990-02-01"],
        ["release", case, "--recipient", "Петренко Олена", "--relationship", "мати", "--document", "паспорт АА1",
         "--at", "2026-06-21 12:00", "--place", "Київ"],
    ]
    for step in steps:
        code, out, err = run(capsys, "forensics", *step, "--db", db, "--user", "ivan")
        assert code == 0, (step, err)
        assert out.startswith(f"Case {case} (round R1): ")
    record = _record(capsys, db, case)
    assert record["status"] == "released"
    assert record["examination_status"] == "completed" and record["examined_by"] == "Д-р Коваленко"
    assert [s["label"] for s in record["samples"]] == ["S-1"]  # S-2 withdrawn
    assert record["established_name"] == "Петренко Іван" and record["identification_method"] == "dna"
    assert [(r["recipient_name"], r["recipient_relationship"]) for r in record["releases"]] == [
        ("Петренко Олена", "мати")]
    code, out, _ = run(capsys, "forensics", "show", case, "--db", db)
    assert "released 2026-06-21 12:00 to Петренко Олена (мати), document паспорт АА1" in out
    code, out, _ = run(capsys, "audit", "verify", "--db", db)
    assert code == 0, out


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (["identify", "{case}", "--name", "X", "--by", "Y"], "before its identification"),
        (["release", "{case}", "--recipient", "X", "--document", "Y"], "before releasing"),
        (["examine", "{case}", "--by", "X", "--at", "2026-06-01 10:00"], "before the remains were received"),
        (["examine", "{case}"], "who examined"),
        (["examine", "R1-NO-SUCH", "--by", "X"], "There is no case R1-NO-SUCH"),
        (["withdraw-sample", "{case}", "S-9"], "has no sample S-9"),
    ],
)
def test_a_step_out_of_order_is_refused_in_one_sentence(ready: Path, capsys, step, message):
    db = str(ready)
    case = _received_case(capsys, db)
    code, out, err = run(capsys, "forensics", *[s.format(case=case) for s in step], "--db", db, "--user", "ivan")
    assert code == 1 and out == ""
    assert_one_sentence(err, message)
    assert _record(capsys, db, case)["status"] == "received"


def test_forensic_steps_need_a_user(ready: Path, capsys):
    db = str(ready)
    case = _received_case(capsys, db)
    code, _, err = run(capsys, "forensics", "examine", case, "--by", "X", "--db", db)
    assert code == 1
    assert_one_sentence(err, "--user NAME")


def test_a_badly_written_time_is_a_usage_error(ready: Path, capsys):
    with pytest.raises(SystemExit) as stop:
        run(capsys, "forensics", "examine", "C", "--at", "yesterday", "--db", str(ready), "--user", "ivan")
    assert stop.value.code == 2
    assert "yesterday is not a time written YYYY-MM-DD HH:MM" in capsys.readouterr().err


def test_global_options_go_before_or_after_the_command(ready: Path, capsys):
    db = str(ready)
    case = _received_case(capsys, db)
    # --db, --user and --lang before the command name
    code, _, err = run(capsys, "--db", db, "--user", "ivan", "--lang", "uk", "forensics", "examine", case,
                       "--by", "X", "--at", "2026-06-13 09:00")
    assert code == 0, err
    # ... or after it, or mixed
    code, _, err = run(capsys, "forensics", "sample", case, "--type", "hair", "--lang", "en", "--user", "ivan",
                       "--db", db)
    assert code == 0, err
    code, _, err = run(capsys, "--user", "ivan", "forensics", "sample", case, "--type", "bone", "--db", db)
    assert code == 0, err
    # given in both places, the one after the command counts: olena (a supervisor) voids, ivan may not
    code, _, err = run(capsys, "--user", "olena", "cases", "void", case, "--reason", "test", "--user", "ivan",
                       "--db", db)
    assert code == 1 and "supervisor" in err.lower()
    code, out, err = run(capsys, "--user", "ivan", "--db", db, "cases", "void", case, "--reason", "test entry",
                         "--user", "olena")
    assert code == 0, err
    assert out.startswith("Voided case ")
