"""Build the translations: ``python -m ui.i18n_build`` (``make translations``).

1. ``pyside6-lupdate`` collects every translatable string of ``ui/**/*.py`` into
   ``resources/translations/repat_uk.ts``. The .ts file is the source of truth: lupdate keeps the
   translations it already holds, adds new strings as unfinished and keeps vanished ones aside.
2. English is the language of the source texts, but a plural string cannot be right in both
   numbers at once ("%n record(s)"). ``repat_en.ts`` holds only the plural strings
   (``lupdate -pluralonly``), each with its singular and plural form.
3. ``pyside6-lrelease`` compiles each .ts into its .qm, which the application loads.

Then it lists what is still untranslated. Translating:

* in Qt Linguist: ``.venv/bin/pyside6-linguist resources/translations/repat_uk.ts``; or
* as text: ``python -m ui.i18n_build --export todo.json`` writes the untranslated strings
  (context, source, where it is used, an empty "translation"), you fill in the translations,
  and ``python -m ui.i18n_build --apply todo.json`` merges them into the .ts and rebuilds.
  For a plural string (``%n``), "translation" is a list of the language's forms: three in
  Ukrainian (one, few, many: 1 справа, 2 справи, 5 справ), two in English (``--lang en``:
  1 record, 2 records).

Without ``--lang`` every language is built; ``--export`` and ``--apply`` work on Ukrainian unless
``--lang en`` is given. ``--check`` exits with status 1 when a string is untranslated (for CI);
``--prune`` drops the strings the code no longer uses.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = {"uk": "uk_UA", "en": "en"}
# Languages whose .ts holds only the plural strings: the source texts are already in English.
PLURAL_ONLY = {"en"}
# How many forms a plural string has in each language.
PLURAL_FORMS = {"uk": 3, "en": 2}
# Messages lupdate no longer finds in the code; they are kept (lupdate reuses them when the
# string comes back) but need no translation.
RETIRED = {"vanished", "obsolete"}


@dataclass
class Message:
    context: str
    source: str
    comment: str = ""
    locations: list[str] = field(default_factory=list)
    numerus: bool = False
    translation: str | list[str] = ""
    unfinished: bool = False

    @property
    def is_translated(self) -> bool:
        if self.unfinished:
            return False
        forms = self.translation if isinstance(self.translation, list) else [self.translation]
        return bool(forms) and all(f.strip() for f in forms)


def ts_path(lang: str = "uk") -> Path:
    return TRANSLATIONS / f"repat_{lang}.ts"


def qm_path(lang: str = "uk") -> Path:
    return TRANSLATIONS / f"repat_{lang}.qm"


def tool(name: str) -> str:
    """A Qt tool from the same environment as this Python (``.venv/bin/pyside6-lupdate``)."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else name


def sources() -> list[Path]:
    return sorted(p for p in UI_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def lupdate(lang: str = "uk", prune: bool = False) -> None:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    args = [
        tool("pyside6-lupdate"), *[str(p.relative_to(ROOT)) for p in sources()],
        "-source-language", "en", "-target-language", LANGUAGES[lang], "-locations", "relative",
        "-ts", str(ts_path(lang).relative_to(ROOT)),
    ]
    if prune:
        args.insert(1, "-no-obsolete")
    if lang in PLURAL_ONLY:
        args.insert(1, "-pluralonly")
    subprocess.run(args, cwd=ROOT, check=True)


def lrelease(lang: str = "uk") -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts_path(lang)), "-qm", str(qm_path(lang))], cwd=ROOT, check=True
    )


def read_messages(path: Path) -> list[Message]:
    """Every live message of a .ts file (retired ones left out)."""
    messages: list[Message] = []
    last_file = ""
    last_line: dict[str, int] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in RETIRED:
                continue
            locations = []
            for loc in message.iter("location"):  # "-locations relative": "+n" from the previous one
                last_file = loc.get("filename") or last_file
                line = loc.get("line", "0")
                number = last_line.get(last_file, 0) + int(line) if line.startswith(("+", "-")) else int(line)
                last_line[last_file] = number
                locations.append(f"{Path(last_file).name}:{number}")
            numerus = message.get("numerus") == "yes"
            value: str | list[str]
            if translation is None:
                value = ""
            elif numerus:
                value = [f.text or "" for f in translation.iter("numerusform")]
            else:
                value = translation.text or ""
            messages.append(Message(
                context=name,
                source=message.findtext("source", ""),
                comment=message.findtext("comment", "") or message.findtext("extracomment", ""),
                locations=locations,
                numerus=numerus,
                translation=value,
                unfinished=kind == "unfinished",
            ))
    return messages


def untranslated(lang: str = "uk") -> list[Message]:
    return [m for m in read_messages(ts_path(lang)) if not m.is_translated]


def export(path: Path, lang: str = "uk") -> int:
    todo = untranslated(lang)
    rows = [
        {
            "context": m.context, "source": m.source, "comment": m.comment, "where": m.locations[:1],
            "translation": [""] * PLURAL_FORMS.get(lang, 3) if m.numerus else "",
        }
        for m in todo
    ]
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(rows)


def apply(path: Path, lang: str = "uk") -> int:
    """Merge translations from a JSON list (see ``export``) into the .ts file. Returns how many."""
    wanted: dict[tuple[str, str], str | list[str]] = {}
    for row in json.loads(path.read_text(encoding="utf-8")):
        value = row.get("translation")
        if value and (not isinstance(value, list) or all(v.strip() for v in value)):
            wanted[(row["context"], row["source"])] = value
    ts = ts_path(lang)
    tree = ET.parse(ts)
    done = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            key = (name, message.findtext("source", ""))
            if key not in wanted:
                continue
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            if translation.get("type") in RETIRED:
                continue
            value = wanted[key]
            for child in list(translation):
                translation.remove(child)
            if message.get("numerus") == "yes":
                forms = value if isinstance(value, list) else [value] * PLURAL_FORMS.get(lang, 3)
                translation.text = None
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = value if isinstance(value, str) else value[0]
            translation.attrib.pop("type", None)
            done += 1
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return done


def report(lang: str = "uk") -> int:
    todo = untranslated(lang)
    for m in todo:
        where = m.locations[0] if m.locations else "?"
        print(f"untranslated  {where:32} [{m.context}] {m.source!r}")
    total = len(read_messages(ts_path(lang)))
    print(f"{ts_path(lang).relative_to(ROOT)}: {total - len(todo)} of {total} strings translated")
    return len(todo)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.i18n_build", description=__doc__.split("\n")[0])
    parser.add_argument("--lang", choices=sorted(LANGUAGES), help="only this language (default: all)")
    parser.add_argument("--export", metavar="JSON", type=Path, help="write the untranslated strings to fill in")
    parser.add_argument("--apply", metavar="JSON", type=Path, help="merge translations from a filled-in export")
    parser.add_argument("--check", action="store_true", help="exit 1 when a string is untranslated")
    parser.add_argument("--prune", action="store_true", help="drop strings the code no longer uses")
    args = parser.parse_args(argv)

    languages = [args.lang] if args.lang else list(LANGUAGES)
    edited = args.lang or "uk"  # the language --export and --apply work on
    missing = 0
    for lang in languages:
        lupdate(lang, prune=args.prune)
        if args.apply and lang == edited:
            print(f"applied {apply(args.apply, lang)} translations from {args.apply}")
            lupdate(lang, prune=args.prune)  # lupdate writes the file back in its own layout
        lrelease(lang)
        if args.export and lang == edited:
            print(f"wrote {export(args.export, lang)} untranslated strings to {args.export}")
        missing += report(lang)
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
