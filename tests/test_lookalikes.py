"""Tags, bag numbers and case numbers compared as a person reads them: Cyrillic look-alike letters
(from Unicode's confusables table) and a scanner typing in the Ukrainian layout are read as the
Latin tag, on intake, in the manifest matching, in search and in the duplicate rules at the
headquarters."""

from __future__ import annotations

import pytest

from app.domain import Role, normalize_tag
from app.lookalikes import _prototypes, fold_key, number_reading, reading
from app.services.cases import case_file, intake, listing
from app.services.context import AppContext
from app.services.rounds import manifest_check, manifest_columns, manifest_file
from tests.conftest import make_round
from tests.ui.intake_helpers import add_manifest_line

CYRILLIC_MT = "\u041c\u0422-0008"  # Cyrillic М and Т: looks exactly like MT-0008
LAYOUT_MT = "\u042c\u0415-0008"  # what a scanner types for MT-0008 with the Ukrainian layout on


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("MT-0008", "MT-0008"),
        (CYRILLIC_MT, "MT-0008"),
        (LAYOUT_MT, "MT-0008"),
        ("\u043c\u0442-0008", "MT-0008"),  # the look-alike capitals in small letters
        ("\u041c\u0406-5", "MI-5"),  # Ukrainian І reads as a capital I, not as the l of its skeleton
        ("M\u0422-0008", "MT-0008"),  # one look-alike letter among Latin ones
        ("\uff2d\uff34\uff0d\uff10\uff10\uff10\uff18", "MT-0008"),  # full-width, as some scanners send
        ("UA\u20100001", "UA-0001"),  # a Unicode hyphen
        ("\u041a\u041d01-2026-00001", "KH01-2026-00001"),
    ],
)
def test_a_tag_reads_as_the_latin_tag_it_stands_for(typed: str, read: str) -> None:
    assert reading(typed).upper() == read
    assert fold_key(typed) == read.casefold() == normalize_tag(typed)


def test_genuine_cyrillic_stays_cyrillic_where_no_latin_reading_exists_and_digits_stay_digits() -> None:
    assert fold_key("МТ-0008") != fold_key("MT-OOO8")  # O and 0 are not folded into each other
    assert fold_key("AB-10") != fold_key("AB-1O")
    assert fold_key("Ґ-12") == "ґ-12"  # not on a key of the layout, no Latin look-alike: kept
    assert number_reading(" кн01-2026-00001 ") == "KH01-2026-00001"


def test_the_table_is_unicodes() -> None:
    table = _prototypes()
    assert len(table) > 5000  # confusables.txt, not a hand-made list
    assert table["\u041c"] == "M" and table["\u0406"] == "l"


def test_intake_sees_a_look_alike_or_wrong_layout_scan_as_the_same_tag(
    sqlite_contexts: dict[Role, AppContext],
) -> None:
    officer = sqlite_contexts[Role.FIELD_OFFICER]
    rnd = make_round(officer)
    add_manifest_line(officer, rnd.id, "MT-0008", "Шевченко Тарас")
    looked_up = intake.lookup_tag(officer, rnd.id, CYRILLIC_MT)
    assert looked_up.on_manifest and looked_up.claimed_name == "Шевченко Тарас"
    first = intake.record_intake(officer, intake.IntakeData(round_id=rnd.id, sender_tag=CYRILLIC_MT))
    assert not first.off_manifest
    assert intake.lookup_tag(officer, rnd.id, "MT-0008").received_as == [first.case_number]
    with pytest.raises(intake.DuplicateTag, match="already received in this round"):
        intake.record_intake(officer, intake.IntakeData(round_id=rnd.id, sender_tag=LAYOUT_MT))
    found = listing.list_cases(officer, listing.CaseQuery(search="\u041c\u0422-00"))
    assert [r.case_number for r in found.rows] == [first.case_number]
    typed = first.case_number.replace("K", "\u041a").replace("H", "\u041d")  # КН… typed in Cyrillic
    assert case_file.find_case_id(officer, typed) == first.case_id


def test_a_manifest_listing_one_tag_twice_in_look_alike_letters_says_so() -> None:
    data = f"sender_tag,claimed_name\nMT-0008,Один\n{CYRILLIC_MT},Два\nMT-0010,Три\n".encode()
    table = manifest_file.read_csv(data)
    check = manifest_check.validate_rows(table, manifest_columns.auto_mapping(table.headers))
    twice = [p for p in check.problems if p.kind == manifest_check.PROBLEM_DUPLICATE_IN_FILE]
    assert len(twice) == 2 and "listed more than once" in twice[0].message
