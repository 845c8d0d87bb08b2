"""Natural keys that two installations may both issue (case and certificate numbers, device
codes): the ``key_clash`` mark, the unique-unless-shared index and the alternative key a row
shows (see the comment below).
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Index, and_, case, false, func, select, text
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import FromClause

# A case number, a certificate number and a device code are issued by one device: the numbers by
# its per-device counters, the code when the installation is set up. On that device each value is
# issued once, and the database still refuses a second row with the same value. Across devices a
# plain UNIQUE constraint is wrong, though: a laptop set up again under its old device code starts
# its counters afresh, and the headquarters then receives two different records with one number.
# Both are real and must be kept, and the result must not depend on which bundle arrives first.
#
# So the rule is "unique among the rows whose value is not shared": ``key_clash`` is false for a
# row until an import meets another row (another id) with the same value; then every row holding
# that value is marked and the pair is flagged for the supervisor as a probable duplicate
# (``app.sync.importer``). The mark is a function of which rows exist, so every replica that
# holds the same rows marks the same ones, in any order of arrival. A device that issued a value
# twice by itself is still refused: its new row is unmarked and meets the earlier unmarked one.
# ``key_clash`` is this database's derived state (like the conflicts and the flags): it is never
# in a snapshot and never travels.

KEY_CLASH = "key_clash"


def key_clash_column() -> Column[bool]:
    return Column(KEY_CLASH, Boolean, nullable=False, server_default=false())


# Of the rows that share a value, the one with the smallest id (UUIDv7: in practice the one made
# first) shows the value as it is; every other one shows a stable alternative made of the value and
# the end of its own id, "KH01-2026-00007~3F9A". It depends only on which rows exist, like the
# mark, so every replica shows the same numbers in any order of arrival, and a row's alternative
# never changes once it has one. The recorded value itself is never rewritten: a label printed on
# a bag still finds its case.

ALTERNATIVE_SEPARATOR = "~"
_ID_TAIL = 4


def alternative_key(value: str, row_id: str) -> str:
    """The number (or code) ``row_id`` shows when a row with a smaller id holds ``value`` too."""
    return f"{value}{ALTERNATIVE_SEPARATOR}{row_id[-_ID_TAIL:].upper()}"


def split_alternative_key(text_: str) -> tuple[str, str] | None:
    """``("KH01-2026-00007", "3F9A")`` for an alternative number as shown, else None."""
    value, sep, tail = text_.strip().upper().rpartition(ALTERNATIVE_SEPARATOR)
    if not sep or not value or len(tail) != _ID_TAIL:
        return None
    return value, tail


def shown_key(table: FromClause, column: str) -> ColumnElement[str]:
    """SQL for the value a row shows: its own, or its alternative (see above). The correlated
    look-up runs only for marked rows and uses the column's index."""
    value = table.c[column]
    peer = table.alias()
    first = select(func.min(peer.c.id)).where(peer.c[column] == value).scalar_subquery()
    tail = func.upper(func.substr(table.c.id, func.length(table.c.id) - (_ID_TAIL - 1), _ID_TAIL))
    shown: ColumnElement[str] = case(
        (and_(table.c[KEY_CLASH].is_(True), table.c.id != first), value + ALTERNATIVE_SEPARATOR + tail),
        else_=value,
    )
    return shown


def unique_unless_shared(table: str, column: str) -> Index:
    """The unique index on ``column`` among the rows whose value is not shared (see above)."""
    where = text(f"NOT {KEY_CLASH}")
    return Index(f"uq_{table}_{column}_unshared", column, unique=True, sqlite_where=where, postgresql_where=where)
