"""Names as people write them: one search form for every spelling, and Ukrainian alphabetical order.

A name reaches Repat in Cyrillic from a family's application, in Latin letters from an
intermediary's manifest, transliterated by whichever system the writer knew: the Ukrainian
national system of 2010 (Kovalenko, Yurii, Zghurskyi), the older passport style (Yuriy), the
French/ICAO style (Iurii), a Russian-style spelling (Kovalienko, Evgeniy, Goncharenko) or a
Polish/German one (Jurij, Schewtschenko). ``name_fold`` gives all of them one form, so that a
prefix typed in either script finds the others:

1. Cyrillic is transliterated to Latin by ICU (``Ukrainian-Latin/BGN``, then ``Any-Latin`` for
   letters Ukrainian lacks, then ``Latin-ASCII``), after the soft sign and apostrophes are dropped;
2. the Latin text is folded by the rules in ``_FOLDS``: the spellings one Ukrainian sound is
   written with become one letter (х kh/h/ch-before-vowel, г/ґ h/g, щ shch/sch, ж zh/z, ц ts/tz/c,
   й/і/и/ї y/j/i/yi, я/ю/є ya/ia/ja, ...), doubled letters count once.

The fold is a search key, not a spelling: it loses the difference between some names on
purpose (Гонта and Хонта fold alike). A search by it finds more, never less.

``sort_key`` is the ICU collation key of the Ukrainian locale (CLDR): а б в г ґ д е є ж з и і ї
й к …, apostrophes ignored, Latin after Cyrillic. Stored beside a name (``*_key`` columns) and
compared as bytes, it gives SQLite and PostgreSQL the same order from an ordinary index.

Both are stored, so both must stay what they were when stored: ``FORMS_VERSION`` names the fold
rules and the ICU release, and a database whose stored forms were made under another one has
them made again when it is opened (``app.persistence.search``). Change ``FOLD_RULES`` whenever
``_FOLDS`` changes.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from typing import Any

FOLD_RULES = 1

# Apostrophes, the soft sign and the hard sign: written, left out or replaced in every system.
_DROPPED = dict.fromkeys(map(ord, "'’ʼʹ`´‘ьЬъЪ"), None)
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.,;:/()]+")
_NOT_LETTER = re.compile(r"[^a-z0-9 ]")

# Applied in this order to the lower-case ASCII text. Multi-letter spellings before their parts.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"tsch|tch", "C"),  # ч in German and English spellings, before the sch inside them
        (r"shch|szcz|sch|sh|sz", "S"),  # щ and ш (German sch, Polish sz)
        (r"cz|ch", "C"),  # ч (Polish cz)
        (r"zh|zs", "Z"),  # ж
        (r"kh|gh|h|g", "H"),  # х, г, ґ: Kharkiv, Hrytsenko / Grytsenko, Ghorodok
        (r"ts|tz|c", "c"),  # ц
        (r"w", "v"),
        (r"ph", "f"),
        (r"x", "ks"),
        (r"q", "k"),
        (r"[yj]", "i"),  # й, и, і, ї and the y/j of я ю є
        (r"i+", "i"),  # Yurii / Yuriy / Iurii, Mariia / Maria
        (r"\bi(?=[aeou])", ""),  # ya / ia / ja at the start of a word: я, ю, є
        (r"i(?=[aeou])", ""),  # and inside it: Kovalienko, Mariana
        (r"([a-z])\1+", r"\1"),  # doubled letters (Hanna / Hana, Anna / Ana)
    )
)


class _Icu(threading.local):
    """ICU's transliterator and collator, made on first use (ICU is not imported before a name is
    folded or sorted) and once per thread (they are not thread-safe)."""

    to_latin: Any = None
    collator: Any = None

    def load(self) -> _Icu:
        if self.collator is None:
            import icu

            self.to_latin = icu.Transliterator.createInstance("Ukrainian-Latin/BGN; Any-Latin; Latin-ASCII")
            collator = icu.Collator.createInstance(icu.Locale("uk_UA"))
            # apostrophes and punctuation do not separate two names that differ only there
            collator.setAttribute(icu.UCollAttribute.ALTERNATE_HANDLING, icu.UCollAttributeValue.SHIFTED)
            self.collator = collator
        return self


_icu = _Icu()


def forms_version() -> str:
    """What the stored search forms depend on: the fold rules and the ICU release."""
    import icu

    return f"fold {FOLD_RULES}; ICU {icu.ICU_VERSION}; Unicode {icu.UNICODE_VERSION}"


def _clean(value: str) -> str:
    text = unicodedata.normalize("NFC", value).translate(_DROPPED)
    return " ".join(_SEPARATORS.sub(" ", text).split())


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    latin = _icu.load().to_latin.transliterate(word).lower()
    folded = _NOT_LETTER.sub("", latin)
    for pattern, replacement in _FOLDS:
        folded = pattern.sub(replacement, folded)
    return folded.lower()


def name_fold(value: str | None) -> str:
    """The search form of a name: the same for its Cyrillic spelling and its transliterations.

    >>> name_fold("Коваленко Юрій") == name_fold("Kovalienko Iurii") == name_fold("KOVALENKO Yuriy")
    True
    """
    if not value:
        return ""
    words = (_fold_word(w) for w in _clean(value).split())
    return " ".join(w for w in words if w)


def given_name_fold(value: str | None) -> str:
    """The fold with its first word moved to the end ("Коваль Іван Петрович" -> "ivan petrovic
    koval"): stored beside ``name_fold``, it lets a prefix search find a name by its second word
    too, the given name in "Surname Given Patronymic" and the surname in "Ivan Koval"."""
    words = name_fold(value).split()
    return " ".join(words[1:] + words[:1]) if len(words) > 1 else ""


def prefix_folds(value: str) -> list[str]:
    """The folds a typed prefix is looked for under.

    A prefix cut inside a spelling of one sound ("Kovali" of "Kovalienko", "Zh" of "Zhuk",
    "Shc" of "Shcherbak") folds differently from the whole name, so the prefix without its
    last letters of such a spelling is looked for too: the search finds a few more names while
    the person goes on typing, never fewer.
    """
    fold = name_fold(value)
    if not fold:
        return []
    folds = [fold]
    text = _clean(value).rstrip()
    for cut in (1, 2, 3):
        if len(text) - cut < 2:
            break
        if not _may_continue(text[-cut:]):
            continue
        shorter = name_fold(text[:-cut])
        if shorter and not any(shorter.startswith(f) for f in folds):
            folds = [f for f in folds if not f.startswith(shorter)] + [shorter]
    return folds


# Endings of a typed prefix that may be the start of a longer spelling of one sound.
_OPEN_ENDINGS = frozenset({
    "s", "sh", "shc", "sc", "sz", "szc", "c", "cz", "t", "ts", "tc", "tsc", "tsch", "z", "k", "g", "i", "y",
    "j", "ii", "iy", "p", "і", "и", "й",
})


def _may_continue(ending: str) -> bool:
    return ending.lower() in _OPEN_ENDINGS


def sort_key(value: str | None) -> bytes:
    """The ICU collation key of ``value`` in Ukrainian order (compare as bytes)."""
    if not value:
        return b""
    return bytes(_icu.load().collator.getSortKey(" ".join(value.split())))


def sorted_names(values: list[str]) -> list[str]:
    """``values`` in Ukrainian alphabetical order."""
    return sorted(values, key=sort_key)
