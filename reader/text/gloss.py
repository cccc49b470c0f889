"""A word's dictionary entry, arranged for a learner's pop-up.

The reading the page shows comes first, with its definitions, then the
word's other readings; a word of several characters also gets each
character's reading and meaning. A word CC-CEDICT lacks (most names) is
explained through its characters. Nothing here needs pypinyin: CC-CEDICT's
numbered pinyin is turned into tone marks by ``numbered_to_marks``.

>>> g = gloss("长大", shown="zhǎng dà")
>>> [r.pinyin for r in g.readings], g.readings[0].definitions[:2]
(['zhǎng dà'], ['to grow up'])
>>> [(c.char, c.readings[0].pinyin) for c in g.characters]
[('长', 'zhǎng'), ('大', 'dà')]
>>> gloss("很长", shown="hěn cháng").characters[1].readings[0].pinyin
'cháng'
>>> gloss("。") is None
True
"""

import re
import unicodedata
from dataclasses import dataclass, field

from . import dictionary, levels
from .lang import is_han

MAX_CHARACTER_DEFINITIONS = 3

_MARKS = {"1": "\u0304", "2": "\u0301", "3": "\u030c", "4": "\u0300"}
_SYLLABLE = re.compile(r"^([a-zA-Zü:]+)([1-5])$")


def numbered_to_marks(numbered: str) -> str:
    """CC-CEDICT's ``"yin2 hang2"`` as ``"yín háng"``; ``lu:4`` and ``lv4`` become ``lǜ``.

    The mark goes on a or e; on the o of ou; otherwise on the last vowel.
    """
    out = []
    for part in numbered.split():
        m = _SYLLABLE.match(part)
        if not m:
            out.append(part)
            continue
        letters, tone = m.groups()
        letters = letters.replace("u:", "ü").replace("v", "ü").replace("U:", "Ü")
        if tone in _MARKS:
            lower = letters.lower()
            if "a" in lower:
                at = lower.index("a")
            elif "e" in lower:
                at = lower.index("e")
            elif "ou" in lower:
                at = lower.index("o")
            else:
                at = max(lower.rfind(v) for v in "iouü")
            if at >= 0:
                letters = unicodedata.normalize(
                    "NFC", letters[: at + 1] + _MARKS[tone] + letters[at + 1 :]
                )
        out.append(letters)
    return " ".join(out)


# CC-CEDICT's cross-references, "個|个[ge4]" or "散[san4]": a learner wants the
# simplified word, with its reading in tone marks.
_CROSS_REFERENCE = re.compile(
    r"(?:[^\s|\[\]]+\|)?([^\s|\[\]]+)\[([A-Za-z:]+[1-5](?: [A-Za-z:]+[1-5])*)\]"
)


def _readable(definition: str) -> str:
    """``"see 散[san4]"`` → ``"see 散 (sàn)"``."""
    return _CROSS_REFERENCE.sub(lambda m: f"{m[1]} ({numbered_to_marks(m[2])})", definition)


def _toneless(pinyin: str) -> str:
    decomposed = unicodedata.normalize("NFD", pinyin.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Reading:
    pinyin: str
    definitions: list[str]
    measure_words: list[str] = field(default_factory=list)
    shown: bool = False


@dataclass(frozen=True)
class CharacterGloss:
    char: str
    readings: list[Reading]


@dataclass(frozen=True)
class Gloss:
    word: str
    simplified: str
    traditional: str
    readings: list[Reading]
    characters: list[CharacterGloss]
    level: int | None
    shown: str


def _readings(word: str, shown: str) -> list[Reading]:
    """The word's readings, the one shown on the page first (tone marks matched, else letters)."""
    merged: dict[str, tuple[list[str], list[str]]] = {}
    for entry in dictionary.lookup(word):
        pinyin = numbered_to_marks(entry.pinyin)
        definitions, measures = merged.setdefault(pinyin, ([], []))
        for definition in entry.definitions:
            if definition.startswith("CL:"):
                measures.extend(re.sub(r"\[[^\]]*\]", "", definition[3:]).split(","))
            elif (shown_text := _readable(definition)) not in definitions:
                definitions.append(shown_text)

    def score(pinyin: str) -> int:
        if shown and pinyin == shown:
            return 3
        if shown and pinyin.lower() == shown.lower():
            return 2
        # 一 and 不 are shown with their tone changes (yí gè), which no entry has.
        if shown and _toneless(pinyin) == _toneless(shown):
            return 1
        return 0

    # Common readings before the capitalised ones of names and surnames.
    ranked = sorted(merged.items(), key=lambda item: (-score(item[0]), item[0][:1].isupper()))
    best = score(ranked[0][0]) if ranked else 0
    return [
        Reading(
            pinyin=pinyin,
            definitions=definitions,
            measure_words=[m.split("|")[-1] for m in measures],
            shown=best > 0 and score(pinyin) == best,
        )
        for pinyin, (definitions, measures) in ranked
        if definitions or measures
    ]


def gloss(word: str, shown: str = "", standard: str = levels.DEFAULT_STANDARD) -> Gloss | None:
    """The pop-up's content for ``word``; None when neither it nor its characters have entries."""
    if not any(is_han(c) for c in word):
        return None
    readings = _readings(word, shown)
    syllables = shown.split()
    characters = []
    if len(word) > 1 or not readings:
        for k, char in enumerate(word):
            if not is_han(char):
                continue
            char_shown = syllables[k] if len(syllables) == len(word) else ""
            char_readings = [
                Reading(r.pinyin, r.definitions[:MAX_CHARACTER_DEFINITIONS], shown=r.shown)
                for r in _readings(char, char_shown)
            ]
            if char_readings:
                characters.append(CharacterGloss(char, char_readings))
    if not readings and not characters:
        return None
    entries = dictionary.lookup(word)
    simplified = entries[0].simplified if entries else word
    traditional = entries[0].traditional if entries else word
    return Gloss(
        word=word,
        simplified=simplified,
        traditional=traditional,
        readings=readings,
        characters=characters,
        level=levels.word_level(simplified, standard),
        shown=shown,
    )
