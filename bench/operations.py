"""The timed operations: each through the application's services, and the same work done by
hand with the bare database driver as the baseline."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy.engine import make_url

from app.domain import normalize_tag, normalize_text
from app.ids import uuid7
from app.names import name_fold
from app.services.cases import intake, listing
from bench.dataset import Dataset
from bench.measure import Result, timed

SAVE_TARGET = 0.020
TABLE_TARGET = 0.100
SEARCH_TARGET = 0.050
PAGE = 200  # rows the case table shows first (ui.cases.model.PAGE_SIZE)

LIST_COLUMNS = (
    "c.id, c.case_number, r.code, c.sender_tag, c.bag_number, c.claimed_name, c.category, c.status, "
    "c.off_manifest, c.storage_location, c.received_at"
)


class Raw:
    """A bare DB-API connection to the same database: ``sqlite3`` or ``psycopg``."""

    def __init__(self, ds: Dataset) -> None:
        self.dialect = ds.db.dialect
        self.conn: Any
        if self.dialect == "sqlite":
            assert ds.db.path is not None
            self.conn = sqlite3.connect(ds.db.path, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.mark = "?"
        else:
            import psycopg

            url = make_url(ds.db.url).set(drivername="postgresql")
            self.conn = psycopg.connect(url.render_as_string(hide_password=False))
            self.mark = "%s"

    def sql(self, text: str) -> str:
        return text.replace("?", self.mark)

    def query(self, text: str, params: tuple[Any, ...] = ()) -> list[Any]:
        cur = self.conn.execute(self.sql(text), params)
        rows = cur.fetchall()
        if self.dialect != "sqlite":
            self.conn.rollback()  # end the read transaction, as the service's session does
        return list(rows)

    def insert_commit(self, text: str, params: tuple[Any, ...]) -> None:
        if self.dialect == "sqlite":
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute(self.sql(text), params)
            self.conn.execute("COMMIT")
        else:
            self.conn.execute(self.sql(text), params)
            self.conn.commit()

    def close(self) -> None:
        self.conn.close()


@contextlib.contextmanager
def raw(ds: Dataset) -> Iterator[Raw]:
    conn = Raw(ds)
    try:
        yield conn
    finally:
        conn.close()


# --- saving one case ------------------------------------------------------------------------------

RAW_CASE_INSERT = (
    "INSERT INTO cases (id, rev, head_version, hlc, deleted, created_at, updated_at, updated_by, case_number, "
    "round_id, manifest_line_id, sender_tag, sender_tag_norm, off_manifest, bag_number, category, "
    "condition_flags, apparent_sex, age_group, storage_location, status, claimed_name, claimed_name_norm, "
    "claimed_birth_date, claimed_citizenship, claimed_source, established_name, established_name_norm, "
    "established_birth_date, identification_method, identified_by, notes, received_at, received_by) "
    "VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, '', 'complete', '', 'unknown', 'unknown', '', "
    "'received', ?, ?, '', '', 'manifest', '', '', '', '', '', '', ?, ?)"
)


def bench_save(ds: Dataset, n: int) -> Result:
    officer = ds.officer
    tags = iter(ds.intake_tags)

    def save(_i: int) -> None:
        tag = next(tags)
        intake.record_intake(officer, intake.IntakeData(
            round_id=ds.intake_round_id, sender_tag=tag, storage_location="Холодильник 3",
            effects=[intake.EffectData("Жетон", category="identity_tag")],
        ))

    samples = timed(save, n)
    user_id = officer.user.id if officer.user else None
    now = datetime(2026, 6, 1, 12, 0)
    with raw(ds) as conn:
        def insert(i: int) -> None:
            tag = f"RAW-{i + 10:05d}"
            conn.insert_commit(RAW_CASE_INSERT, (
                uuid7(), uuid7(), f"{i + 10:013d}-00000-RAW", False, now, now, user_id, f"RAW-2026-{i + 10:05d}",
                ds.intake_round_id, tag, normalize_text(tag), False, "Ґудзь Євгенія", "ґудзь євгенія", now, user_id,
            ))

        baseline = timed(insert, n)
        conn.insert_commit("DELETE FROM cases WHERE case_number LIKE ?", ("RAW-%",))
    return Result(
        "save one case (record_intake)", ds.db.dialect, samples, baseline, "one INSERT+COMMIT", SAVE_TARGET,
        note="the save writes the case, an effect, the custody event, their row versions and the counter "
        "in one transaction; the baseline writes one case row",
    )


# --- the case table -------------------------------------------------------------------------------


def _raw_page(conn: Raw, where: str = "", params: tuple[Any, ...] = ()) -> tuple[list[Any], int]:
    cond = "c.deleted = ?" + (f" AND {where}" if where else "")
    rows = conn.query(
        f"SELECT {LIST_COLUMNS} FROM cases c JOIN rounds r ON r.id = c.round_id WHERE {cond} "
        f"ORDER BY c.case_number, c.id LIMIT {PAGE + 1}",
        (False, *params),
    )
    count = conn.query(f"SELECT count(*) FROM cases c WHERE {cond}", (False, *params))[0][0]
    return rows, int(count)


def _service_page(ds: Dataset, query: listing.CaseQuery) -> tuple[int, int]:
    page = listing.list_cases(ds.officer, query, limit=PAGE)
    return len(page.rows), listing.count_cases(ds.officer, query)


def bench_table(ds: Dataset, n: int) -> list[Result]:
    results = []
    one_round = ds.round_ids[len(ds.round_ids) // 2]
    with raw(ds) as conn:
        for label, query, where, params in [
            ("open case table, all rounds (first page + count)", listing.CaseQuery(), "", ()),
            ("open case table, one round (first page + count)", listing.CaseQuery(round_id=one_round),
             "c.round_id = ?", (one_round,)),
        ]:
            expected = _raw_page(conn, where, params)
            got = _service_page(ds, query)
            assert got == (min(PAGE, len(expected[0])), expected[1]), (got, len(expected[0]), expected[1])
            samples = timed(lambda _i, q=query: _service_page(ds, q), n)  # type: ignore[misc]
            baseline = timed(lambda _i, w=where, p=params: _raw_page(conn, w, p), n)  # type: ignore[misc]
            results.append(Result(label, ds.db.dialect, samples, baseline, "same SQL by hand", TABLE_TARGET))
    results.append(_sorted_by_received(ds, n))
    results.append(_deep_page(ds, n))
    model = _qt_model_result(ds, n)
    if model is not None:
        results.append(model)
    return results


def _sorted_by_received(ds: Dataset, n: int) -> Result:
    """The table sorted by a column other than the case number: newest received first."""
    query = listing.CaseQuery(sort="received_at", descending=True)
    sql = (f"SELECT {LIST_COLUMNS} FROM cases c JOIN rounds r ON r.id = c.round_id WHERE c.deleted = ? "
           f"ORDER BY c.received_at DESC, c.id DESC LIMIT {PAGE + 1}")
    with raw(ds) as conn:
        first = conn.query(sql, (False,))
        assert [r.id for r in listing.list_cases(ds.officer, query, limit=PAGE).rows] == [r[0] for r in first[:PAGE]]
        samples = timed(lambda _i: _service_page(ds, query), n)
        baseline = timed(lambda _i: (conn.query(sql, (False,)), conn.query(
            "SELECT count(*) FROM cases c WHERE c.deleted = ?", (False,))), n)
    return Result("open case table, newest received first (first page + count)", ds.db.dialect, samples,
                  baseline, "same SQL by hand", TABLE_TARGET)


def _deep_page(ds: Dataset, n: int) -> Result:
    """Scrolling far down the table sorted by name: the page after row 90% of the way down."""
    query = listing.CaseQuery(sort="claimed_name")
    offset = int(ds.cases * 0.9)
    with raw(ds) as conn:
        value, last_id = conn.query(
            f"SELECT c.claimed_name_key, c.id FROM cases c WHERE c.deleted = ? "
            f"ORDER BY c.claimed_name_key, c.id LIMIT 1 OFFSET {offset}", (False,))[0]
        sql = (f"SELECT {LIST_COLUMNS} FROM cases c JOIN rounds r ON r.id = c.round_id WHERE c.deleted = ? "
               f"AND (c.claimed_name_key, c.id) > (?, ?) ORDER BY c.claimed_name_key, c.id LIMIT {PAGE + 1}")
        expected = [r[0] for r in conn.query(sql, (False, value, last_id))[:PAGE]]
        got = listing.list_cases(ds.officer, query, after=(value, last_id), limit=PAGE)
        assert [r.id for r in got.rows] == expected
        samples = timed(lambda _i: listing.list_cases(ds.officer, query, after=(value, last_id), limit=PAGE), n)
        baseline = timed(lambda _i: conn.query(sql, (False, value, last_id)), n)
    return Result(f"scroll: next page after row {offset:,}, sorted by name", ds.db.dialect, samples, baseline,
                  "same SQL by hand", TABLE_TARGET)


def _qt_model_result(ds: Dataset, n: int) -> Result | None:
    """The GUI's table model loading its first page (when the GUI's model is present)."""
    try:
        from PySide6.QtWidgets import QApplication

        from ui.cases.model import CaseTableModel
    except ImportError:
        return None
    app = QApplication.instance() or QApplication([])
    model = CaseTableModel(ds.officer)

    def load(_i: int) -> None:
        model.set_query(listing.CaseQuery())
        assert model.rowCount() > 0
        model.data(model.index(0, 0))

    samples = timed(load, n)
    del app
    with raw(ds) as conn:
        baseline = timed(lambda _i: conn.query(
            f"SELECT {LIST_COLUMNS} FROM cases c JOIN rounds r ON r.id = c.round_id WHERE c.deleted = ? "
            f"ORDER BY c.case_number, c.id LIMIT {PAGE + 1}", (False,)), n)
    return Result("open case table, Qt model (first page)", ds.db.dialect, samples, baseline, "same SQL by hand",
                  TABLE_TARGET)


# --- search ---------------------------------------------------------------------------------------


def _prefix(column: str, dialect: str) -> str:
    if dialect == "sqlite":
        return f"({column} >= ? AND {column} < ?)"
    return f"{column} LIKE ?"


def _prefix_params(value: str, dialect: str) -> tuple[str, ...]:
    return (value, value + "\U0010ffff") if dialect == "sqlite" else (value + "%",)


def bench_search(ds: Dataset, n: int) -> list[Result]:
    """Typing into the search box: the first page of matches and their count."""
    dialect = ds.db.dialect
    searches: list[tuple[str, str, str, Callable[[str], str]]] = [
        ("search by name prefix", "ґУДЗЬ", "c.claimed_name_fold", name_fold),
        ("search by name prefix in Latin letters", "Hudz", "c.claimed_name_fold", name_fold),
        ("search by tag prefix", "ua-042-01", "c.sender_tag_norm", normalize_tag),
        ("search by case number prefix", "KH05-2025-001", "c.case_number", str.upper),
    ]
    results = []
    with raw(ds) as conn:
        for label, typed, column, norm in searches:
            query = listing.CaseQuery(search=typed)
            where, params = _prefix(column, dialect), _prefix_params(norm(typed), dialect)
            expected = _raw_page(conn, where, params)
            got = _service_page(ds, query)
            assert got == (min(PAGE, len(expected[0])), expected[1]), (label, got, expected[1])
            samples = timed(lambda _i, q=query: _service_page(ds, q), n)  # type: ignore[misc]
            baseline = timed(lambda _i, w=where, p=params: _raw_page(conn, w, p), n)  # type: ignore[misc]
            results.append(Result(
                f"{label} ({expected[1]:,} matches)", dialect, samples, baseline, "one-column SQL by hand",
                SEARCH_TARGET,
            ))
    return results
