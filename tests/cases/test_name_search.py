"""The search forms of names on a real database: found in either script, sorted in Ukrainian
order on both databases, never part of a record's history, made again when they are stale."""

from __future__ import annotations

import json
import sqlite3
import threading

from sqlalchemy import delete, select

from app.domain import Role
from app.names import forms_version, name_fold
from app.persistence.db import Database, open_database
from app.persistence.models import Case, LocalSetting, RowVersion
from app.persistence.search import SETTING
from app.services.admin import audit
from app.services.cases import listing
from app.services.context import AppContext
from app.services.rounds import rounds
from tests.cases.test_cases_service import intake
from tests.conftest import make_round

NAMES = ["Яковенко Олег", "Ґудзь Євгенія", "Іваненко Ігор", "Гонта Іван", "Їжакевич Петро", "Бондар Іван",
         "Євтушенко Анна", "Ефименко Дмитро", "Иванишин Богдан", "Щербак Юрій", "Шевченко Тарас", "Adams John"]
UKRAINIAN_ORDER = ["Бондар Іван", "Гонта Іван", "Ґудзь Євгенія", "Ефименко Дмитро", "Євтушенко Анна",
                   "Иванишин Богдан", "Іваненко Ігор", "Їжакевич Петро", "Шевченко Тарас", "Щербак Юрій",
                   "Яковенко Олег", "Adams John"]


def test_the_case_list_sorts_names_in_ukrainian_order_page_by_page(
    db: Database, officer: AppContext, a_round: rounds.RoundSummary
) -> None:
    for i, name in enumerate(NAMES):
        intake(officer, a_round.id, f"T-{i}", claimed_name=name)
    for descending in (False, True):
        query = listing.CaseQuery(sort="claimed_name", descending=descending)
        names: list[str] = []
        after = None
        while True:
            page = listing.list_cases(officer, query, after=after, limit=5)
            names += [r.claimed_name for r in page.rows]
            if page.next_key is None:
                break
            after = page.next_key
        assert names == (list(reversed(UKRAINIAN_ORDER)) if descending else UKRAINIAN_ORDER)


def test_a_changed_name_is_found_under_its_new_spelling(
    db: Database, officer: AppContext, supervisor: AppContext, a_round: rounds.RoundSummary
) -> None:
    made = intake(officer, a_round.id, "T-1", claimed_name="Коваль Іван")

    def found(text: str) -> bool:
        return made.case_id in {r.id for r in listing.list_cases(officer, listing.CaseQuery(search=text)).rows}

    assert found("Koval Ivan") and not found("Kovalenko")
    with supervisor.unit_of_work() as s:  # an ORM save of a changed name, as forensics records one
        case = s.get(Case, made.case_id)
        assert case is not None
        case.established_name = "Коваленко Іван"
    assert found("Kovalienko") and found("коваленко і") and found("Koval Ivan")
    with supervisor.unit_of_work() as s:
        case = s.get(Case, made.case_id)
        assert case is not None
        case.claimed_name = "Бондар Петро"
    assert found("Bondar") and found("Kovalenko") and not found("Koval Ivan")


def test_search_forms_are_no_part_of_the_record_and_the_audit_stays_clean(
    db: Database, officer: AppContext, supervisor: AppContext, a_round: rounds.RoundSummary
) -> None:
    made = intake(officer, a_round.id, "T-1", claimed_name="Ґудзь Євгенія")
    with db.session() as s:
        case = s.get(Case, made.case_id)
        assert case is not None and case.claimed_name_fold == name_fold("Ґудзь Євгенія") and case.claimed_name_key
        snapshots = [json.loads(v) for v in s.scalars(select(RowVersion.snapshot)
                                                       .where(RowVersion.row_id == made.case_id))]
    assert snapshots and all("claimed_name_fold" not in snap and "claimed_name_key" not in snap for snap in snapshots)
    assert snapshots[-1]["claimed_name"] == "Ґудзь Євгенія"
    assert audit.verify(supervisor).intact


def test_stale_search_forms_are_made_again_when_the_database_is_opened(
    sqlite_db: Database, sqlite_contexts: dict[Role, AppContext]
) -> None:
    officer, supervisor = sqlite_contexts[Role.FIELD_OFFICER], sqlite_contexts[Role.SUPERVISOR]
    a_round = make_round(officer)
    for i, name in enumerate(NAMES):
        intake(officer, a_round.id, f"T-{i}", claimed_name=name)
    path = sqlite_db.path
    assert path is not None
    sqlite_db.close()
    # as an older program (other fold rules, another ICU release) would have left them
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE cases SET claimed_name_fold = 'x', claimed_name_key = x'00'")
        conn.execute("UPDATE local_settings SET value = 'fold 0; ICU 1' WHERE key = ?", (SETTING,))
    conn.close()

    reopened = open_database(path)
    try:
        with reopened.session() as s:
            assert s.scalar(select(LocalSetting.value).where(LocalSetting.key == SETTING)) == forms_version()
            folds = {name: fold for name, fold in s.execute(select(Case.claimed_name, Case.claimed_name_fold))}
        assert folds == {name: name_fold(name) for name in NAMES}
        ctx = AppContext(reopened, officer.device_code)
        ctx.user = officer.user
        names = [r.claimed_name for r in listing.list_cases(ctx, listing.CaseQuery(sort="claimed_name")).rows]
        assert names == UKRAINIAN_ORDER
        ctx.user = supervisor.user
        assert audit.verify(ctx).intact
    finally:
        reopened.close()


def test_clients_opening_a_stale_database_at_once_all_open_it(
    db: Database, officer: AppContext, a_round: rounds.RoundSummary
) -> None:
    intake(officer, a_round.id, "T-1", claimed_name="Коваль Іван")
    with db.engine.begin() as conn:
        conn.execute(delete(LocalSetting).where(LocalSetting.key == SETTING))
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def client() -> None:
        try:
            barrier.wait()
            open_database(db.url).close()
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=client) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    with db.session() as s:
        assert s.scalars(select(LocalSetting.value).where(LocalSetting.key == SETTING)).all() == [forms_version()]
