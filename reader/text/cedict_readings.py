"""Which of CC-CEDICT's readings a word or character takes, when nothing else decides.

pypinyin reads a word from its own phrase table; CC-CEDICT often knows
better which reading is the everyday one. Three facts of the dictionary
are used, each on its own:

* **Neutral tones.** CC-CEDICT lists some words both with full tones and
  with a neutral tone, one sense each: 告诉 gào sù "to press charges"
  beside gào su "to tell", 东西 dōng xī "east and west" beside dōng xi
  "thing". For the words in ``EVERYDAY_NEUTRAL`` the neutral-tone sense
  is the everyday one (现代汉语词典 and textbooks print it so); for the
  others (精神 jīngshén "spirit", 土地 tǔdì "land", 地方 dìfāng "local")
  the sense is not settled by the word, so pypinyin's reading stays.
* **Bound readings.** A character's reading whose every sense only points
  to another word ("see 萝卜[luo2 bo5]", "used in 雪茄[xue3 jia1]") belongs
  to that word; the character on its own takes a reading with a sense of
  its own (卜 bǔ, 茄 qié). So does a character whose pypinyin reading is
  not in CC-CEDICT at all (掺 càn → chān).
* **Surnames.** The reading of "surname X", when CC-CEDICT has exactly one
  (肖 Xiāo, 单 Shàn, 解 Xiè); a caller that knows the character starts a
  person's name asks for it.

    >>> neutral_variant("告诉", ("gào", "sù"))
    ('gào', 'su')
    >>> own_reading("卜", "bo")
    'bǔ'
    >>> surname_reading("单")
    'shàn'
"""

import re
import unicodedata
from functools import lru_cache

from pypinyin.contrib.tone_convert import to_tone

from reader.text.dictionary import lookup

__all__ = [
    "EVERYDAY_NEUTRAL",
    "neutral_variant",
    "own_reading",
    "reading_for_sense",
    "readings_of",
    "surname_reading",
    "neutral_tone",
]

_NUMBERED = re.compile(r"[a-z]+[1-5]")
# Senses that only send the reader to another word.
_POINTER = re.compile(r"^(?:see|used in|see also|phonetic)\b|^\(used in\b|^\(phonetic\b", re.I)


@lru_cache(maxsize=8192)
def _marked(numbered: str) -> str:
    """``hang2`` -> ``háng``, ``liang5`` -> ``liang``, ``lu:4`` -> ``lǜ``."""
    numbered = numbered.lower().replace("u:", "v")
    if numbered.endswith("5"):
        return numbered[:-1].replace("v", "ü")
    return to_tone(numbered)


def _syllables(entry_pinyin: str, length: int) -> tuple[str, ...] | None:
    numbered = entry_pinyin.lower().replace("u:", "v").split()
    if len(numbered) != length or not all(map(_NUMBERED.fullmatch, numbered)):
        return None
    return tuple(map(_marked, numbered))


@lru_cache(maxsize=50_000)
def readings_of(word: str) -> tuple[tuple[tuple[str, ...], bool, bool], ...]:
    """Each distinct reading of ``word`` in CC-CEDICT, in file order.

    Items are (syllables, is_name, only_pointers): ``is_name`` when every
    entry with that reading is capitalised (a name), ``only_pointers``
    when every sense of it only points to another word.
    """
    found: dict[tuple[str, ...], list[bool]] = {}
    for entry in lookup(word):
        syllables = _syllables(entry.pinyin, len(word))
        if syllables is None:
            continue
        name = entry.pinyin[:1].isupper()
        pointer = all(_POINTER.search(d) for d in entry.definitions)
        flags = found.setdefault(syllables, [True, True])
        flags[0] &= name
        flags[1] &= pointer
    return tuple((syllables, name, pointer) for syllables, (name, pointer) in found.items())


def _neutralised(full: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """``other`` is ``full`` with some syllables in the neutral tone, the first one kept."""
    if len(full) != len(other) or full == other or full[0] != other[0]:
        return False
    for a, b in zip(full, other, strict=True):
        if a != b and neutral_tone(a) != b:
            return False
    return True


@lru_cache(maxsize=4096)
def neutral_tone(syllable: str) -> str:
    """The syllable in the neutral tone: ``sù`` -> ``su``, ``lǜ`` -> ``lü``."""
    plain = unicodedata.normalize("NFD", syllable)
    return unicodedata.normalize("NFC", "".join(c for c in plain if c not in _TONE_MARKS))


_TONE_MARKS = "\u0304\u0301\u030c\u0300"


# Words whose everyday sense is the one CC-CEDICT reads with a neutral tone
# (its other entry is a rarer sense: 故事 gùshì "old practice", 妻子 qīzǐ
# "wife and children"). Each needs both entries in CC-CEDICT to apply.
EVERYDAY_NEUTRAL = frozenset(
    "东西 告诉 多少 故事 妻子 生意 人家 本事 得罪 大爷 结实 出息 大方 口音 把手".split()
)


@lru_cache(maxsize=50_000)
def neutral_variant(
    word: str, syllables: tuple[str, ...], *, everyday_only: bool = True
) -> tuple[str, ...] | None:
    """CC-CEDICT's neutral-tone entry for ``word`` read ``syllables``, or None.

    Only words of ``EVERYDAY_NEUTRAL`` unless ``everyday_only`` is false,
    and only when the reading itself is also listed, so the neutral tone is
    a second entry of the same word.
    """
    if everyday_only and word not in EVERYDAY_NEUTRAL:
        return None
    entries = [r for r, name, _ in readings_of(word) if not name]
    if syllables not in entries:
        return None
    neutral = [r for r in entries if _neutralised(syllables, r)]
    return neutral[0] if len(neutral) == 1 else None


@lru_cache(maxsize=8192)
def own_reading(char: str, syllable: str) -> str | None:
    """A better reading of ``char`` standing alone than ``syllable``, or None.

    Only where ``syllable`` is a bound reading in CC-CEDICT or not in it
    at all: then its first reading with a sense of its own, common words
    before names.
    """
    items = readings_of(char)
    if not items:
        return None
    mine = [item for item in items if item[0] == (syllable,)]
    if mine and not mine[0][2]:
        return None  # a reading with a sense of its own (a name's too: 贾 Jiǎ, 冯 Féng)
    own = [r for r, name, pointer in items if not pointer and not name]
    own = own or [r for r, name, pointer in items if not pointer]
    if not own or own[0] == (syllable,):
        return None
    if not mine and neutral_tone(own[0][0]) == syllable:
        return None  # a neutral tone CC-CEDICT does not list for the character (们 men)
    return own[0][0]


@lru_cache(maxsize=4096)
def surname_reading(char: str) -> str | None:
    """The reading of ``char`` as a surname, when CC-CEDICT gives exactly one."""
    found = {
        syllables
        for entry in lookup(char)
        if any(d.lower().startswith("surname") for d in entry.definitions)
        and (syllables := _syllables(entry.pinyin, 1)) is not None
    }
    if len(found) != 1:
        return None
    return found.pop()[0].lower()


_WORD = re.compile(r"[a-z]+")


def reading_for_sense(word: str, english: list[str]) -> tuple[str, ...] | None:
    """The reading of the CC-CEDICT entry whose senses hold the most of ``english``, or None.

    For a word whose entries differ in reading, once the pipeline knows the
    English words it links to: 东西 linked to "thing" is dōng xi, linked to
    "east" dōng xī. None when no entry shares a word, or two tie.

    >>> reading_for_sense("东西", ["things"]), reading_for_sense("东西", ["east", "west"])
    (('dōng', 'xi'), ('dōng', 'xī'))
    """
    wanted = {_singular(w) for e in english for w in _WORD.findall(e.lower())}
    scores: dict[tuple[str, ...], int] = {}
    for entry in lookup(word):
        syllables = _syllables(entry.pinyin, len(word))
        if syllables is None:
            continue
        senses = {_singular(w) for d in entry.definitions for w in _WORD.findall(d.lower())}
        scores[syllables] = max(scores.get(syllables, 0), len(wanted & senses))
    ranked = sorted(scores.values(), reverse=True)
    if not ranked or ranked[0] == 0 or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return None
    return max(scores, key=scores.__getitem__)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
