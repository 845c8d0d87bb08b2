"""The Ukrainian translation: complete, in step with the code, compiled, and used at run time."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from PySide6.QtCore import QCoreApplication, QTranslator

from ui import i18n, i18n_build, labels

TS = i18n_build.ts_path("uk")
QM = i18n_build.qm_path("uk")
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


# A module-level helper such as ``def _tr(text): return QCoreApplication.translate("Ctx", text)``
# hides its literals from lupdate; each must also be marked with QT_TRANSLATE_NOOP("Ctx", ...).
HELPER_CALL = re.compile(r'\b_tr\(\s*("(?:[^"\\\n]|\\.)*")')


def test_strings_passed_to_translation_helpers_are_collected() -> None:
    known = {m.source for m in i18n_build.read_messages(TS)}
    hidden = []
    for path in i18n_build.sources():
        text = path.read_text(encoding="utf-8")
        for match in HELPER_CALL.finditer(text):
            literal = ast.literal_eval(match.group(1))
            if literal not in known:
                line = text.count("\n", 0, match.start()) + 1
                hidden.append(f"{path.name}:{line}: {literal!r}")
    assert not hidden, (
        "strings lupdate cannot see (mark them with QT_TRANSLATE_NOOP, then `make translations`):\n"
        + "\n".join(hidden)
    )
