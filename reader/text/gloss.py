"""A word's dictionary entry, arranged for a learner's pop-up.

The sense that fits comes first: the reading whose definitions meet the
English words the page linked the word to, and the reading the page shows;
then the word's other readings. Each reading is written as a word, after
GB/T 16159 (``orthography``): gàosu, Pǔjīng, Dì-èr Cì Shìjiè Dàzhàn; the
one the page shows is written exactly as the page reads it, tone changes
included (yí gè), with the dictionary's form beside it. Definitions lose
CC-CEDICT's cross-reference syntax and self-references. A word of several
characters also gets each character's reading and meaning; a word
CC-CEDICT lacks is explained through its characters. A name says so and
gives its English form, the characters' unrelated senses after. Nothing
here needs pypinyin.

>>> g = gloss("长大", shown="zhǎng dà")
>>> g.written, [r.pinyin for r in g.readings], g.readings[0].definitions[:1]
('zhǎngdà', ['zhǎngdà'], ['to grow up'])
>>> [(c.char, c.readings[0].pinyin) for c in g.characters]
[('长', 'zhǎng'), ('大', 'dà')]
>>> gloss("告诉", shown="gào su").readings[0].definitions[0]
'to tell; to inform; to let know'
>>> [r.pinyin for r in gloss("东西", shown="dōng xī", english_words=["things"]).readings]
['dōngxi', 'dōngxī']
>>> gloss("。") is None
True
"""

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from . import dictionary, english, levels
from .lang import is_han
from .orthography import entry_pinyin, numbered_to_marks, toneless, word_pinyin

MAX_CHARACTER_DEFINITIONS = 3

# CC-CEDICT's cross-references, "個|个[ge4]" or "散[san4]", and bare readings,
# "[yao1]": a learner wants the simplified word with its reading written out.
_CROSS_REFERENCE = re.compile(
    r"(?:[^\s|\[\]()]+\|)?([^\s|\[\]()]+)\[([A-Za-z:]+[1-5](?: [A-Za-z:]+[1-5])*)\]"
)
_BARE_READING = re.compile(r"\[([A-Za-z:]+[1-5](?: [A-Za-z:]+[1-5])*)\]")
# A traditional|simplified pair with no reading, "(蘭花|兰花 Cymbidium)": the simplified.
_FORM_PAIR = re.compile(r"[^\s|\[\]()]+\|([^\s|\[\]()]+)")
# Measure words given inside a sense, "state (CL:個|个[ge4])": they go with the others.
_INLINE_MEASURES = re.compile(r"\s*\(CL:([^)]*)\)")
# "(Taiwan pr. [han4])": the reading in Taiwan, which the page does not use.
_TAIWAN_READING = re.compile(r"\s*\(?Taiwan pr\. \[([^\]]+)\]\)?")
_REFERS_TO = re.compile(r"^(?:old |archaic |Japanese |)variant of (.+?)(?: \(.*\))?$")
# Senses that only point elsewhere come after the word's own.
_POINTERS = ("variant of", "old variant of", "archaic variant of", "Japanese variant of", "used in")
# Labels CC-CEDICT puts before a sense, as a reader would say them; "(bound form)"
# (a character used only inside words) tells a learner nothing they can use.
_LABELS = {
    "(bound form) ": "",
    "(coll.) ": "colloquial: ",
    "(literary) ": "literary: ",
    "(dialect) ": "dialect: ",
    "(old) ": "old: ",
    "(archaic) ": "archaic: ",
    "(Tw) ": "Taiwan: ",
    "(slang) ": "slang: ",
    "(Internet slang) ": "Internet slang: ",
    "(onom.) ": "the sound of ",
}


def _readable(definition: str, word: str, forms: set[str]) -> str | None:
    """A definition as a learner reads it; None for one that only names the word itself.

    ``"see 散[san4]"`` → ``"see 散 (sàn)"``; ``"variant of 個|个[ge4]"`` on 个 → None;
    ``"orchid (蘭花|兰花 Cymbidium)"`` → ``"orchid (兰花 Cymbidium)"``; the Taiwan
    reading and inline measure words (``_INLINE_MEASURES``) are taken out.
    """
    referred = _REFERS_TO.match(definition)
    if referred:
        target = _CROSS_REFERENCE.match(referred[1])
        names = {target[1], *(target[0].split("[")[0].split("|"))} if target else set()
        if names & forms:
            return None
    definition = _TAIWAN_READING.sub("", _INLINE_MEASURES.sub("", definition))
    for label, said in _LABELS.items():
        if definition.startswith(label):
            definition = said + definition[len(label) :]
    text = _CROSS_REFERENCE.sub(lambda m: f"{m[1]} ({entry_pinyin(m[2])})", definition)
    text = _BARE_READING.sub(lambda m: entry_pinyin(m[1]), text)
    text = _FORM_PAIR.sub(lambda m: m[1], text)
    return text.strip() or None


def _measure_words(definition: str) -> list[str]:
    """The measure words a sense names, "CL:個|个[ge4],位[wei4]" → ["个", "位"]."""
    if definition.startswith("CL:"):
        listed = [definition[3:]]
    else:
        listed = _INLINE_MEASURES.findall(definition)
    return [
        word.split("|")[-1].strip()
        for text in listed
        for word in re.sub(r"\[[^\]]*\]", "", text).split(",")
        if word.strip()
    ]


def _is_pointer(definition: str) -> bool:
    return definition.startswith(_POINTERS) or definition.startswith("the sound of ")


@dataclass(frozen=True)
class Reading:
    pinyin: str  # written as a word (GB/T 16159): "gàosu", "Pǔjīng"
    syllables: str  # one per character, as the page shows them: "gào su"
    definitions: list[str]
    measure_words: list[str] = field(default_factory=list)
    shown: bool = False  # the reading the page shows
    fits: bool = False  # a definition meets the English the page linked the word to
    said: bool = False  # shown, but the page says it otherwise (a tone change: yí gè)


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
    shown: str  # the page's syllables, "yí gè"
    written: str = ""  # the page's reading written as a word, "yígè"
    name: str = ""  # for a name: its English form, from the page's link


def _readings(
    word: str, shown: str, english_words: AbstractSet[str] = frozenset(), proper: bool = False
) -> list[Reading]:
    """The word's readings, the one that fits first (English met, then the page's reading).

    ``proper``: the page's English writes the word with a capital, so a
    name's reading goes before a common word's.
    """
    merged: dict[str, tuple[str, list[str], list[str]]] = {}
    entries = dictionary.lookup(word)
    forms = {word} | {e.simplified for e in entries} | {e.traditional for e in entries}
    for entry in sorted(entries, key=_borrowed):
        syllables = numbered_to_marks(entry.pinyin)
        _, definitions, measures = merged.setdefault(
            syllables, (entry_pinyin(entry.pinyin), [], [])
        )
        for definition in entry.definitions:
            measures.extend(m for m in _measure_words(definition) if m not in measures)
            if definition.startswith("CL:"):
                continue
            if (text := _readable(definition, word, forms)) and text not in definitions:
                definitions.append(text)

    def score(syllables: str) -> int:
        if shown and syllables.lower() == shown.lower():
            return 2
        # 一 and 不 are shown with their tone changes (yí gè), which no entry has.
        if shown and toneless(syllables) == toneless(shown):
            return 1
        return 0

    def fitting(definitions: list[str]) -> list[str]:
        return [d for d in definitions if english_words & english.content_lemmas(d)]

    ranked = sorted(
        merged.items(),
        key=lambda item: (
            -(bool(fitting(item[1][1])) and score(item[0]) > 0),
            -bool(fitting(item[1][1])),
            -score(item[0]),
            # Common readings before those of names and surnames, unless the
            # page's English gives the word a capital (马克 Mark, not the mark).
            item[0][:1].isupper() != proper,
        ),
    )
    best = max((score(syllables) for syllables in merged), default=0)
    readings: list[Reading] = []
    for syllables, (written, definitions, measures) in ranked:
        if not definitions and not measures:
            continue
        fits = fitting(definitions)
        own = [d for d in definitions if d not in fits and not _is_pointer(d)]
        is_shown = best > 0 and score(syllables) == best and not any(r.shown for r in readings)
        readings.append(
            Reading(
                pinyin=written,
                syllables=syllables,
                # Within a reading, the senses the English met first, pointers last.
                definitions=fits + own + [d for d in definitions if d not in fits + own],
                measure_words=measures,
                shown=is_shown,
                fits=bool(fits),
                said=is_shown and score(syllables) < 2,
            )
        )
    return readings


def _borrowed(entry: dictionary.Entry) -> tuple[bool, int]:
    """Entries with senses of their own first, the richest first; pointers and sounds last."""
    own = [
        d for d in entry.definitions if not d.startswith(_POINTERS + ("(onom.)", "CL:", "used in"))
    ]
    return (not own or entry.definitions[0].startswith("(onom.)"), -len(own))


def _traditional(entries: Sequence[dictionary.Entry], syllables: str) -> str:
    """The traditional form of the entry with senses of its own, in the reading shown first.

    当 is 當, not 噹 (an onomatopoeia); 时 is 時, not the old variant 旹.
    """
    best = min(entries, key=lambda e: (numbered_to_marks(e.pinyin) != syllables, _borrowed(e)))
    return best.traditional


def gloss(
    word: str,
    shown: str = "",
    standard: str = levels.DEFAULT_STANDARD,
    english_words: Sequence[str] = (),
    name: str = "",
) -> Gloss | None:
    """The pop-up's content for ``word``; None when neither it nor its characters have entries.

    ``shown`` is the page's reading of the word (its syllables), ``english_words``
    the English words the page linked it to, and ``name`` the English form of a
    name when the page knows the word is one (米利 → Milley).
    """
    if not any(is_han(c) for c in word):
        return None
    wanted = english.content_lemmas(" ".join(english_words))
    proper = bool(name) or any(w[:1].isupper() for w in english_words)
    readings = _readings(word, shown, wanted, proper)
    syllables = shown.split()
    characters = []
    if len(word) > 1 or not readings:
        for k, char in enumerate(word):
            if not is_han(char):
                continue
            char_shown = syllables[k] if len(syllables) == len(word) else ""
            char_readings = [
                Reading(
                    r.pinyin, r.syllables, r.definitions[:MAX_CHARACTER_DEFINITIONS], shown=r.shown
                )
                for r in _readings(char, char_shown)
            ]
            if char_readings:
                characters.append(CharacterGloss(char, char_readings))
    if not readings and not characters:
        return None
    entries = dictionary.lookup(word)
    on_page = next((r for r in readings if r.shown), None)
    if on_page and not on_page.said:
        written = on_page.pinyin  # the dictionary's own form: Pǔjīng, Měiguó Guǎngbō Gōngsī
    else:
        written = word_pinyin(syllables, capital=bool(name))
    simplified = entries[0].simplified if entries else word
    traditional = _traditional(entries, on_page.syllables if on_page else "") if entries else word
    return Gloss(
        word=word,
        simplified=simplified,
        traditional=traditional,
        readings=readings,
        characters=characters,
        level=None if name else levels.word_level(simplified, standard),
        shown=shown,
        written=written,
        name=name,
    )
