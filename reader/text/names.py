"""What reads as a person's or place's name, and how a name sounds across languages.

A transliterated name (米利 Milley, 拉达茨 Raddatz, 普京 Putin) is a run of
``lexicon.TRANSLIT_CHARS`` that the dictionary does not know as a common
word; the segmenter often cuts it (米/利, 拉德/达茨), so a run of several
tokens counts, and a token next to a name dot does too::

    >>> name_runs(["玛莎", "·", "拉德", "达茨", "说"])
    [(0, 1), (2, 4)]
    >>> name_runs(["安宁", "的", "马", "上"])
    []

Name skeletons map a name's consonants to coarse sound classes (b/p/f/v,
d/t, l/r, s/z/c/j/q/x/ts, ...) and drop vowels, h, w and y, so that a
pinyin transliteration and the English spelling it came from meet::

    >>> name_skeleton_pinyin("拉达茨"), name_skeleton_en("Raddatz")
    ('LTS', 'LTS')
    >>> name_skeleton_pinyin("米利"), name_skeleton_en("Milley")
    ('ML', 'ML')
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from reader.text import dictionary
from reader.text.lexicon import NAME_DOTS, TRANSLIT_CHARS

__all__ = [
    "edit_distance",
    "is_name_entry",
    "is_surname",
    "is_transliteration",
    "name_runs",
    "name_skeleton_en",
    "name_skeleton_pinyin",
    "pinyin_syllables",
    "spelled_pinyin",
    "toneless",
]


def is_transliteration(token: str) -> bool:
    """Whether every character of a token is one Chinese uses to transliterate names."""
    return bool(token) and TRANSLIT_CHARS.issuperset(token)


def name_runs(tokens: list[str]) -> list[tuple[int, int]]:
    """Spans ``(i, j)`` of tokens that read as one transliterated name.

    A run of transliteration tokens is a name when the dictionary does not
    know it as a common word, and it is cut into several tokens, touches a
    name dot, is missing from the dictionary, or is there as a proper noun.
    """
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if not is_transliteration(tokens[i]):
            i += 1
            continue
        j = i
        while j < len(tokens) and is_transliteration(tokens[j]):
            j += 1
        dotted = (i > 0 and tokens[i - 1] in NAME_DOTS) or (
            j < len(tokens) and tokens[j] in NAME_DOTS
        )
        if _reads_as_name(tokens[i:j], dotted):
            spans.append((i, j))
        i = j
    return spans


def _reads_as_name(tokens: list[str], dotted: bool) -> bool:
    hanzi = "".join(tokens)
    if len(hanzi) < 2 or (dictionary.is_word(hanzi) and not is_name_entry(hanzi)):
        return False
    return (
        len(tokens) > 1
        or dotted
        or not dictionary.is_word(hanzi)
        or dictionary.is_proper_name(hanzi)
    )


@lru_cache(maxsize=10_000)
def is_surname(char: str) -> bool:
    """Whether CC-CEDICT lists the character as a surname."""
    return any(
        d.startswith("surname ") for entry in dictionary.lookup(char) for d in entry.definitions
    )


def is_name_entry(word: str) -> bool:
    """Whether CC-CEDICT has the word as a proper noun (among its other senses, perhaps)."""
    return any(entry.pinyin[:1].isupper() for entry in dictionary.lookup(word))


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (rapidfuzz): ``edit_distance("LTS", "LS")`` is 1."""
    return Levenshtein.distance(a, b)


@lru_cache(maxsize=50_000)
def toneless(pinyin: str) -> str:
    """Pinyin without tone marks, lower case, ü as v: ``toneless("Lǚ")`` is ``"lv"``."""
    bare = unicodedata.normalize("NFD", pinyin.lower()).replace("u\u0308", "v")
    return "".join(char for char in bare if not unicodedata.combining(char))


@lru_cache(maxsize=100_000)
def spelled_pinyin(word: str) -> str:
    """Toneless pinyin run together, as English spells Chinese names: 习近平 → xijinping."""
    return "".join(pinyin_syllables(word))


# Pinyin initials and English letter groups → sound classes; vowels, h, w, y → ''.
_PY_INITIAL = (
    ("zh", "S"), ("ch", "S"), ("sh", "S"), ("b", "P"), ("p", "P"), ("f", "P"), ("m", "M"),
    ("d", "T"), ("t", "T"), ("n", "N"), ("l", "L"), ("g", "K"), ("k", "K"), ("h", ""),
    ("j", "S"), ("q", "S"), ("x", "S"), ("r", "L"), ("z", "S"), ("c", "S"), ("s", "S"),
    ("y", ""), ("w", ""),
)  # fmt: skip
_EN_GROUPS = (
    ("sch", "S"), ("tch", "S"), ("ch", "S"), ("sh", "S"), ("th", "T"), ("ph", "P"),
    ("ck", "K"), ("ts", "S"), ("tz", "S"), ("dz", "S"), ("gh", ""), ("b", "P"), ("p", "P"),
    ("f", "P"), ("v", "P"), ("m", "M"), ("d", "T"), ("t", "T"), ("n", "N"), ("l", "L"),
    ("r", "L"), ("g", "K"), ("k", "K"), ("q", "K"), ("x", "KS"), ("j", "S"), ("z", "S"),
    ("s", "S"),
)  # fmt: skip


def _collapse(classes: list[str]) -> str:
    out: list[str] = []
    for c in "".join(classes):
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def pinyin_syllables(hanzi: str) -> list[str]:
    """Toneless pinyin, one syllable per character (pypinyin, loaded on first use)."""
    from pypinyin import Style, lazy_pinyin

    return [s.replace("ü", "v") for s in lazy_pinyin(hanzi, style=Style.NORMAL, errors="ignore")]


@lru_cache(maxsize=50_000)
def name_skeleton_pinyin(hanzi: str) -> str:
    """Sound-class skeleton of a transliterated name: 拉达茨 → 'LTS'."""
    classes: list[str] = []
    for syl in pinyin_syllables(hanzi):
        for prefix, cls in _PY_INITIAL:
            if syl.startswith(prefix):
                classes.append(cls)
                syl = syl[len(prefix) :]
                break
        if syl == "er":  # 尔 transliterates a final r/l (Vladimir → 弗拉基米尔)
            classes.append("L")
        # Nasal finals are too unreliable across transliteration (普京 Putin) to keep.
    return _collapse(classes)


@lru_cache(maxsize=50_000)
def name_skeleton_en(word: str) -> str:
    """Sound-class skeleton of an English spelling: Raddatz → 'LTS', Milley → 'ML'."""
    w = word.lower()
    classes: list[str] = []
    i = 0
    while i < len(w):
        ch = w[i]
        if ch == "c":  # soft before e/i/y, hard elsewhere
            classes.append("S" if w[i + 1 : i + 2] in ("e", "i", "y") else "K")
            i += 1
            continue
        nxt = w[i + 1 : i + 2]
        if ch in "rnm" and i > 0 and nxt not in ("a", "e", "i", "o", "u", "y"):
            if nxt == "" and ch != "n":
                classes.append("L" if ch == "r" else "M")  # Vladimir → 米尔, Tom → 汤姆
                i += 1
                continue
            # r and nasals closing a syllable (Martin → 马丁, Anderson → 安德森) have
            # no reliable pinyin counterpart: pinyin finals -n/-ng are dropped too.
            i += 1
            continue
        if w.startswith("th", i) and i > 0:
            classes.append("S")  # Martha → 玛莎, Nathan → 内森
            i += 2
            continue
        for group, cls in _EN_GROUPS:
            if w.startswith(group, i):
                classes.append(cls)
                i += len(group)
                break
        else:
            i += 1
    return _collapse(classes)
