"""The translations: Ukrainian complete, English plural forms, both in step with the code,
compiled, and used at run time; service messages shown in the user's language."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from PySide6.QtCore import QCoreApplication, QTranslator

from app.domain import Role
from app.errors import RepatError
from app.persistence.db import describe_db_error
from app.services.context import AppContext
from app.services.documents import case_documents, certificate_issuing
from app.services.sync.report import STATUS_READY, STATUS_REFUSED, FileSummary
from app.sync.bundle.reading import open_bundle
from tests.conftest import make_round

from ui import i18n, i18n_build
from ui.sync.common import file_note
from ui.sync.devices.models import _size
from ui.sync.merge_wizard.summary import totals_text
from ui.widgets import labels, service_messages

TS = i18n_build.ts_path("uk")
QM = i18n_build.qm_path("uk")
EN_TS = i18n_build.ts_path("en")
EN_QM = i18n_build.qm_path("en")
PLACEHOLDER = re.compile(r"%L?n|%\d")


@pytest.fixture
def ukrainian(qapp):
    assert i18n.install(i18n.UKRAINIAN)
    yield
    i18n.install(i18n.ENGLISH)


def test_the_compiled_translation_loads(qapp) -> None:
    translator = QTranslator()
    assert translator.load(str(QM))
    assert translator.translate("MainWindow", "Intake") == "Приймання"


def test_known_strings_come_out_ukrainian(ukrainian) -> None:
    assert i18n.current_language() == "uk"
    assert QCoreApplication.translate("MainWindow", "&File") == "&Файл"
    assert QCoreApplication.translate("LoginDialog", "&Log in") == "&Увійти"
    assert labels.role("field_officer") == "Працівник польової групи"
    assert labels.role("clerk") == "Діловод"
    assert labels.category("complete") == "Тіло повністю"
    assert i18n.format_date(date(2026, 6, 1)) == "01.06.2026"


def test_english_is_the_source(qapp) -> None:
    i18n.install(i18n.ENGLISH)
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    assert labels.role("supervisor") == "Supervisor"
    assert i18n.format_date(date(2026, 6, 1)) == "2026-06-01"


def test_every_message_has_a_finished_translation() -> None:
    todo = i18n_build.untranslated("uk")
    listing = "\n".join(f"  [{m.context}] {m.source!r} ({', '.join(m.locations[:1])})" for m in todo)
    assert not todo, f"{len(todo)} untranslated strings (python -m ui.i18n_build --export todo.json):\n{listing}"


def test_translations_keep_the_placeholders() -> None:
    wrong = []
    for m in i18n_build.read_messages(TS):
        forms = m.translation if isinstance(m.translation, list) else [m.translation]
        for form in forms:
            if form and sorted(set(PLACEHOLDER.findall(form))) != sorted(set(PLACEHOLDER.findall(m.source))):
                wrong.append(f"[{m.context}] {m.source!r} -> {form!r}")
    assert not wrong, "\n".join(wrong)


def test_plural_strings_have_three_ukrainian_forms() -> None:
    for m in i18n_build.read_messages(TS):
        if m.numerus:
            assert isinstance(m.translation, list) and len(m.translation) == 3, m.source


def test_the_ts_file_holds_every_string_of_the_code(tmp_path: Path) -> None:
    """A string added to ui/ but not collected by ``make translations`` would stay English."""
    copy = tmp_path / "repat_uk.ts"
    shutil.copyfile(TS, copy)
    subprocess.run(
        [i18n_build.tool("pyside6-lupdate"), "-silent", *map(str, i18n_build.sources()), "-ts", str(copy)],
        check=True, capture_output=True,
    )
    in_code = {(m.context, m.source) for m in i18n_build.read_messages(copy)}
    in_ts = {(m.context, m.source) for m in i18n_build.read_messages(TS)}
    assert not in_code - in_ts, f"run `make translations`; new strings: {sorted(in_code - in_ts)}"


def test_the_qm_file_is_compiled_from_the_ts_file(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [i18n_build.tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(fresh)], check=True, capture_output=True
    )
    assert fresh.read_bytes() == QM.read_bytes(), "run `make translations` to rebuild repat_uk.qm"


def test_export_and_apply_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The text workflow: export what is missing, fill it in, apply it back into the .ts."""
    work = tmp_path / "translations"
    work.mkdir()
    ts = work / "repat_uk.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="uk_UA">\n'
        "<context><name>Demo</name>\n"
        '<message><source>&amp;Open</source><translation type="unfinished"></translation></message>\n'
        '<message numerus="yes"><source>%n bags</source><translation type="unfinished">'
        "<numerusform></numerusform><numerusform></numerusform><numerusform></numerusform>"
        "</translation></message>\n"
        '<message><source>Gone</source><translation type="vanished">Зникле</translation></message>\n'
        "</context>\n</TS>\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n_build, "TRANSLATIONS", work)
    todo = tmp_path / "todo.json"
    assert i18n_build.export(todo) == 2
    text = todo.read_text(encoding="utf-8")
    text = text.replace('"translation": ""', '"translation": "&Відкрити"', 1)
    text = re.sub(r'"translation": \[\s*"",\s*"",\s*""\s*\]', '"translation": ["%n мішок", "%n мішки", "%n мішків"]', text)
    todo.write_text(text, encoding="utf-8")
    assert i18n_build.apply(todo) == 2
    messages = {m.source: m for m in i18n_build.read_messages(ts)}
    assert messages["&Open"].translation == "&Відкрити" and messages["&Open"].is_translated
    assert messages["%n bags"].translation == ["%n мішок", "%n мішки", "%n мішків"]
    assert "Gone" not in messages  # retired strings need no translation
    assert i18n_build.untranslated() == []


def test_english_export_asks_for_two_forms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "translations"
    work.mkdir()
    (work / "repat_en.ts").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="en" sourcelanguage="en">\n'
        '<context><name>Demo</name>\n<message numerus="yes"><source>%n bag(s)</source><translation type="unfinished">'
        "<numerusform></numerusform><numerusform></numerusform></translation></message>\n</context>\n</TS>\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n_build, "TRANSLATIONS", work)
    todo = tmp_path / "todo.json"
    assert i18n_build.export(todo, "en") == 1
    text = todo.read_text(encoding="utf-8")
    assert re.search(r'"translation": \[\s*"",\s*""\s*\]', text)
    todo.write_text(re.sub(r'"translation": \[[^\]]*\]', '"translation": ["%n bag", "%n bags"]', text), encoding="utf-8")
    assert i18n_build.apply(todo, "en") == 1
    (message,) = i18n_build.read_messages(work / "repat_en.ts")
    assert message.translation == ["%n bag", "%n bags"] and message.is_translated


# A module-level helper such as ``def _tr(text): return QCoreApplication.translate("Ctx", text)``
# hides its literals from lupdate; each must also be marked with QT_TRANSLATE_NOOP("Ctx", ...).
def test_strings_passed_to_translation_helpers_are_collected() -> None:
    known = {m.source for m in i18n_build.read_messages(TS)}
    hidden = []
    for path in i18n_build.sources():
        for call in _calls(path):
            if _name(call) != "_tr" or not call.args:
                continue
            literal = call.args[0]  # adjacent literals ("a " "b") are already one constant here
            if isinstance(literal, ast.Constant) and isinstance(literal.value, str) and literal.value not in known:
                hidden.append(f"{path.name}:{call.lineno}: {literal.value!r}")
    assert not hidden, (
        "strings lupdate cannot see (mark them with QT_TRANSLATE_NOOP, then `make translations`):\n"
        + "\n".join(hidden)
    )


def _calls(path: Path) -> list[ast.Call]:
    return [n for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(n, ast.Call)]


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


# --- English: the singular and plural forms of the strings with a count ---------------------------


def test_english_plurals_come_out_right(qapp) -> None:
    """English has its own .qm with the plural forms only: "%n record(s)" → 1 record, 2 records."""
    assert i18n.install(i18n.ENGLISH)
    assert QCoreApplication.translate("FigureListDialog", "%n record(s)", "", 1) == "1 record"
    assert QCoreApplication.translate("FigureListDialog", "%n record(s)", "", 2) == "2 records"
    # every other string is the source text itself
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    note = file_note(FileSummary(path="kh.repat", status=STATUS_READY, message="", new=3, held=1, blobs=2))
    assert note == "1 record waits for records not received yet. 2 photos or scans."
    refused = [FileSummary(path=f"{i}.repat", status=STATUS_REFUSED, message="x") for i in range(2)]
    assert totals_text(refused[:1], applied=False).endswith(" 1 file refused; it changes nothing.")
    assert totals_text(refused, applied=False).endswith(" 2 files refused; they change nothing.")


def test_the_english_translation_holds_every_plural_and_only_plurals() -> None:
    english = i18n_build.read_messages(EN_TS)
    assert english and all(m.numerus for m in english)
    for m in english:
        assert isinstance(m.translation, list) and len(m.translation) == 2 and m.is_translated, m.source
        for form in m.translation:
            assert sorted(set(PLACEHOLDER.findall(form))) == sorted(set(PLACEHOLDER.findall(m.source))), form
    plurals_uk = {(m.context, m.source) for m in i18n_build.read_messages(TS) if m.numerus}
    assert {(m.context, m.source) for m in english} == plurals_uk


def test_the_english_qm_file_is_compiled_from_its_ts_file(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [i18n_build.tool("pyside6-lrelease"), "-silent", str(EN_TS), "-qm", str(fresh)], check=True,
        capture_output=True,
    )
    assert fresh.read_bytes() == EN_QM.read_bytes(), "run `make translations` to rebuild repat_en.qm"


def test_ukrainian_plurals_of_module_level_code(ukrainian) -> None:
    """Plurals outside a widget go through ``i18n.context(...).tr``, so they get all three forms."""
    def held(n: int) -> str:
        return file_note(FileSummary(path="kh.repat", status=STATUS_READY, message="", new=1, held=n))

    assert held(1) == "1 запис очікує записів, які ще не надійшли."
    assert held(3) == "3 записи очікують записів, які ще не надійшли."
    assert held(5) == "5 записів очікують записів, які ще не надійшли."
    refused = [FileSummary(path=f"{i}.repat", status=STATUS_REFUSED, message="x") for i in range(5)]
    assert totals_text(refused, applied=True).endswith(" 5 файлів відхилено; вони нічого не змінюють.")
    assert _size(3 * 1024) == "3 КБ"


def test_no_count_is_passed_to_qcoreapplication_translate() -> None:
    """lupdate takes a count given to ``QCoreApplication.translate`` for an old encoding argument
    and collects the string as no plural (or not at all), so it would never get its plural forms."""
    wrong = [
        f"{path.name}:{call.lineno}"
        for path in i18n_build.sources() for call in _calls(path)
        if _name(call) == "translate" and len(call.args) > 1 and isinstance(call.args[1], ast.Constant)
        and (len(call.args) > 3 or any(k.arg == "n" for k in call.keywords))
    ]
    assert not wrong, "use i18n.context(\"Context\").tr(text, \"\", n) for a plural: " + ", ".join(wrong)


def test_every_literal_passed_to_translate_is_collected() -> None:
    known = {(m.context, m.source) for m in i18n_build.read_messages(TS)}
    hidden = []
    for path in i18n_build.sources():
        for call in _calls(path):
            if _name(call) != "translate" or len(call.args) < 2:
                continue
            context, source = call.args[0], call.args[1]
            if not (isinstance(context, ast.Constant) and isinstance(source, ast.Constant)):
                continue
            if (context.value, source.value) not in known:
                hidden.append(f"{path.name}:{call.lineno}: [{context.value}] {source.value!r}")
    assert not hidden, "\n".join(hidden)


# --- service messages -----------------------------------------------------------------------------------


def test_every_service_message_is_matched_by_its_own_template(ukrainian) -> None:
    """No template hides another: each one, filled in, comes out as its own translation."""
    def fill(text: str) -> str:
        return re.sub(r"%(\d)", r"«V\1»", text)

    for template in service_messages._SERVICE_MESSAGES:
        sentence = fill(template)
        expected = fill(QCoreApplication.translate("ServiceMessages", template))
        assert service_messages.translate_message(sentence) == expected, template
        assert expected != sentence, f"no Ukrainian for {template!r}"


@pytest.mark.parametrize(("english", "ukrainian_text"), [
    ("Certificate KH01-A-2026-0007 is issued and cannot be changed; issue a correction that supersedes it.",
     "Акт KH01-A-2026-0007 оформлено, і його не можна змінити; оформіть виправлення, яке його замінить."),
    ("Someone else changed draft KH01-A-2026-0003 after you opened it; reopen it.",
     "Хтось інший змінив чернетку KH01-A-2026-0003 після того, як ви її відкрили; відкрийте її знову."),
    ("There is no certificate KH01-A-2026-0099 in this database.", "Акта KH01-A-2026-0099 немає в цій базі даних."),
    ("Cannot write /media/usb/act.pdf: the disk is full; nothing was written.",
     "Не вдається записати /media/usb/act.pdf: диск заповнено; нічого не записано."),
    ("Cannot write /tmp/act.pdf: Input/output error; nothing was written.",
     "Не вдається записати /tmp/act.pdf: Input/output error; нічого не записано."),
    ("Cannot copy KH01.repat to this computer: the disk is full.",
     "Не вдається скопіювати KH01.repat на цей комп’ютер: диск заповнено."),
    ("Cannot keep a copy of KH01.repat in quarantine: the disk is full; nothing was imported.",
     "Не вдається зберегти копію KH01.repat у карантині: диск заповнено; нічого не імпортовано."),
    ("Cannot write /media/usb/KH01.repat: the file is too big for this disk; nothing was marked as exported.",
     "Не вдається записати /media/usb/KH01.repat: файл завеликий для цього диска; нічого не позначено як "
     "експортоване."),
    ("The signature of kh01.repat is not valid: the file was altered after it was signed, or signed with another "
     "key; it was refused.",
     "Підпис файлу kh01.repat недійсний: файл змінено після підписання або підписано іншим ключем; його відхилено."),
    ("kh01.repat: The passphrase is wrong; nothing was imported.",
     "kh01.repat: парольна фраза неправильна; нічого не імпортовано."),
    ("KH01-2026-06-01.repat: Updating records", "KH01-2026-06-01.repat: оновлення записів"),
    ("Importing KH01-2026-06-01.repat", "Імпорт KH01-2026-06-01.repat"),
    ("Someone else saved this record while you were saving; nothing of yours was written. Reopen it to see their "
     "change, then apply yours again.",
     "Хтось інший зберіг цей запис саме тоді, коли ви його зберігали; ваших змін не записано. Відкрийте запис знову, "
     "щоб побачити цю зміну, а потім повторіть свою."),
])
def test_known_service_messages_come_out_ukrainian(ukrainian, english: str, ukrainian_text: str) -> None:
    assert service_messages.user_message(RepatError(english)) == ukrainian_text


def test_an_unknown_service_message_stays_as_it_is(ukrainian) -> None:
    text = "Something only a developer would see (code 17)."
    assert service_messages.user_message(RepatError(text)) == text


def test_real_service_errors_are_translated(ukrainian, sqlite_contexts: dict[Role, AppContext], tmp_path: Path) -> None:
    """The sentences the services really raise match the table (a changed sentence would fall back to English)."""
    sup = sqlite_contexts[Role.SUPERVISOR]

    def shown(exc_info: pytest.ExceptionInfo[RepatError]) -> str:
        text = service_messages.user_message(exc_info.value)
        assert text != str(exc_info.value), f"not translated: {exc_info.value}"
        return text

    with pytest.raises(RepatError) as caught:
        certificate_issuing.void_certificate(sup, "0190f7a0-0000-7000-8000-000000000000", "   ")
    assert shown(caught) == "Зазначте причину анулювання акта."

    rnd = make_round(sup, "R-2026-07-01")
    with pytest.raises(RepatError) as caught:
        case_documents.render_labels(sup, rnd.id, "a4")
    assert shown(caught) == "У раунді R-2026-07-01 немає справ, для яких можна надрукувати бирки."

    not_a_bundle = tmp_path / "notes.repat"
    not_a_bundle.write_text("these are notes, not a bundle\n", encoding="utf-8")
    with pytest.raises(RepatError) as caught:
        open_bundle(not_a_bundle, tmp_path / "work", label="notes.repat")
    assert "notes.repat" in shown(caught)

    assert service_messages.translate_message(describe_db_error(OSError("database or disk is full"))) == (
        "Диск заповнено: нічого не збережено. Звільніть місце й спробуйте ще раз."
    )
    assert service_messages.translate_message(describe_db_error(OSError("database is locked"))) == (
        "База даних зайнята (в неї записує інша програма); спробуйте ще раз за мить."
    )
