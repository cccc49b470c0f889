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

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate, chain, compress, count
from operator import itemgetter
from typing import TypeVar

from rapidfuzz.distance import Levenshtein

from reader.text import dictionary, english
from reader.text.lexicon import (
    HAN_RE,
    LATIN,
    NAME_DOTS,
    NOT_IN_NAMES,
    SURNAMES,
    TRANSLIT_CHARS,
    ZH_FUNCTION_WORDS,
)
from reader.text.orthography import PERSON, toneless

__all__ = [
    "name_kind",
    "NameSpan",
    "edit_distance",
    "find_names",
    "is_person_entry",
    "join_names",
    "is_name_entry",
    "is_surname",
    "is_transliteration",
    "name_runs",
    "name_skeleton_en",
    "name_skeleton_pinyin",
    "pinyin_syllables",
    "spelled_pinyin",
]

T = TypeVar("T")


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
def name_kind(text: str, *, flagged: bool) -> bool | str:
    """How pinyin writes the word (``orthography.sentence_pinyin``'s ``name``): a name
    the pipeline found (``flagged``) is ``PERSON`` when it is a Chinese person's, surname
    first (陈晓 Chén Xiǎo), else True (Mǐlì); so is a word CC-CEDICT has only as a
    proper noun (朝鲜 Cháoxiǎn); any other word is False."""
    if flagged:
        if 2 <= len(text) <= 3 and not is_transliteration(text) and is_surname(text[0]):
            return PERSON
        return True
    entries = dictionary.lookup(text) if len(text) > 1 else ()
    return bool(entries) and all(entry.pinyin[:1].isupper() for entry in entries)


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
    return syllables_skeleton(tuple(pinyin_syllables(hanzi)))


@lru_cache(maxsize=50_000)
def syllables_skeleton(syllables: tuple[str, ...]) -> str:
    """``name_skeleton_pinyin`` from toneless syllables: ("la", "da", "ci") → 'LTS'."""
    classes: list[str] = []
    for syl in syllables:
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


# --- Whole names in a sentence pair -----------------------------------------------------------
#
# ``find_names`` says which stretches of a Chinese sentence are person names,
# from the segmenter's words, their readings and the English sentence (its
# docstring has an example); ``join_names`` makes each one token. In order of
# trust, a stretch is a name when
#
# 1. its pinyin spells two capitalised English words, a surname and a given
#    name (陈晓 Chen Xiao, 欧阳明 Ouyang Ming, 老杨 Lao Yang, 麦家 Mai Jia), or
#    one English word the dictionary has no Chinese word for (三毛 Sanmao);
#    a Korean name by its surname's romanisation (崔秀美 Choi Soo-mi);
# 2. it is a Japanese surname the English names (铃木 Suzuki), with the two
#    characters after it when the English puts a given name before it
#    (山田太郎 Taro Yamada);
# 3. it is a run of transliteration characters (``name_runs``) less an edge
#    character that makes a word with its neighbour (安德森|赛后), and not a
#    place the dictionary knows unless a dot or the English says so: the part
#    whose sound skeleton is a capitalised English word's, else the whole run
#    (with English, a one-word run needs an English word that sounds like it);
# 4. it is one word CC-CEDICT knows as a person's name (莫言, 金庸, 安娜
#    "Anna (name)"; 孙子 "grandson" only where the English sounds like it), or
#    a made-up word of surname shape whose surname the English writes.
#
# Stretches may cut the segmenter's words (陈晓|从); each English name is
# used once for every time it is written, so 早高峰 keeps its 高峰 when the
# English has one "Gao Feng" and the sentence's other 高峰 took it.

# The romanisations of common Korean surnames (South Korean usage first).
KOREAN_SURNAMES = {
    "kim": "金", "lee": "李", "yi": "李", "rhee": "李", "park": "朴", "pak": "朴", "bak": "朴",
    "choi": "崔", "choe": "崔", "jung": "郑", "jeong": "郑", "chung": "郑", "kang": "姜",
    "cho": "赵", "jo": "赵", "yoon": "尹", "yun": "尹", "jang": "张", "lim": "林", "im": "林",
    "han": "韩", "oh": "吴", "shin": "申", "seo": "徐", "suh": "徐", "kwon": "权",
    "hwang": "黄", "ahn": "安", "song": "宋", "ryu": "柳", "yoo": "柳", "hong": "洪",
    "jeon": "全", "ko": "高", "moon": "文", "son": "孙", "yang": "梁", "bae": "裴",
    "baek": "白", "heo": "许", "nam": "南", "roh": "卢", "noh": "卢",
}  # fmt: skip

# English words that stand before a name without being part of it.
_TITLES = frozenset(
    "mr mrs ms miss dr prof professor president general coach auntie uncle sir madam "
    "director minister chairman senator governor judge captain".split()
)
# English words before a place's name.
_PLACE_WORDS = frozenset("in at from to into near via across toward towards visit visited".split())
# A dictionary sense that is about a person: "(name)", a surname, a lifespan, a pen name.
_PERSON_SENSE = re.compile(
    r"\(name\)|surname|\((?:c\. |born |b\. )?\d{3,4}[-–)]|pen name|novelist|\bwriter\b"
)
_FIRST = itemgetter(slice(0, 1))
_TRANSLIT_PAIR = re.compile(f"[{''.join(sorted(TRANSLIT_CHARS))}]{{2}}")
_CAPITALISED = re.compile(f"[{LATIN}][{LATIN}'’-]*")


@dataclass(frozen=True)
class NameSpan:
    """A person's name in a sentence: its characters ``start:end`` in the joined
    words, and its English form when the English sentence has it."""

    start: int
    end: int
    english: str = ""


@lru_cache(maxsize=50_000)
def is_person_entry(word: str) -> bool:
    """Whether a CC-CEDICT sense of the word names a person (莫言, 安娜 "Anna (name)")."""
    return any(
        _PERSON_SENSE.search(d)
        for entry in dictionary.lookup(word)
        if entry.pinyin[:1].isupper()
        for d in entry.definitions
    )


def _english_names(en: Sequence[str]) -> list[list[int]]:
    """Runs of capitalised English words (indices into ``en``), one space apart."""
    runs: list[list[int]] = []
    for j in compress(count(), map(str.isupper, map(_FIRST, en))):
        word = en[j]
        if not _CAPITALISED.fullmatch(word):
            continue
        if word.lower() in _TITLES or (word.lower() in english.STOP_WORDS and j == 0):
            continue
        if runs and runs[-1][-1] == j - 2 and en[j - 1] == " ":
            runs[-1].append(j)
        else:
            runs.append([j])
    return runs


@lru_cache(maxsize=50_000)
def _folded(word: str) -> str:
    """An English spelling as pinyin is compared with it: Jong-un → jongun, Satō → sato."""
    bare = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in bare if c.isascii() and c.isalpha())


def find_names(
    words: Sequence[str], readings: Sequence[Sequence[str]], en: Sequence[str] = ()
) -> list[NameSpan]:
    """Person names in a sentence, as character spans of ``"".join(words)`` (see above).

    ``readings`` are the words' syllables, one per Han character, as the page
    reads them; ``en`` the English sentence's tokens (``english.tokenize``)::

        >>> words = ["记者", "陈晓从", "北京", "报道", "，", "米", "利", "说"]
        >>> readings = [("jì", "zhě"), ("chén", "xiǎo", "cóng"), ("běi", "jīng"),
        ...             ("bào", "dào"), (), ("mǐ",), ("lì",), ("shuō",)]
        >>> en = english.tokenize("Chen Xiao reports from Beijing; Milley said")
        >>> [(s.start, s.end, s.english) for s in find_names(words, readings, en)]
        [(2, 4, 'Chen Xiao'), (10, 12, 'Milley')]
    """
    # Per word, cached, so that a sentence costs little more than a pass over its words.
    text = "".join(words)
    starts = list(accumulate(map(len, words), initial=0))  # each word's start, and the end
    bounds = set(starts)
    # Each character's toneless syllable, None where it is not Han.
    spelled = list(chain.from_iterable(map(_spelled_word, words, map(tuple, readings))))
    # The words the dictionaries say something of as names.
    facts = [(k, fact) for k, fact in enumerate(map(_facts, words)) if fact is not None]
    translit = _TRANSLIT_PAIR.search(text) is not None  # two such characters together
    whole: set[int] | None = None  # characters inside a word (a Latin word, a number)

    found: list[NameSpan] = []
    taken = [False] * len(text)

    def free(s: int, e: int, *, cut: bool) -> bool:
        nonlocal whole
        if whole is None:
            whole = {
                c
                for k, word in enumerate(words)
                if len(word) > 1 and spelled[starts[k]] is None
                for c in range(starts[k] + 1, starts[k + 1])
            }
        if any(taken[s:e]) or e in whole or s in whole:
            return False
        return cut or (s in bounds and e in bounds)

    def take(s: int, e: int, english_form: str) -> None:
        found.append(NameSpan(s, e, english_form))
        for c in range(s, e):
            taken[c] = True

    runs = _english_names(en) if en else []
    capitalised_words = {_folded(en[j]) for run in runs for j in run}

    def _surname_in(syllable: str | None, char: str) -> bool:
        return syllable in capitalised_words or any(
            KOREAN_SURNAMES.get(word) == char for word in capitalised_words
        )

    # 1. Pinyin spelling two English words: surname (1–2 syllables), given name (1–2).
    pairs: list[tuple[str, str, str]] = []  # (surname, given name, as written)
    singles: list[tuple[str, str]] = []
    for run in runs:
        folded = [_folded(en[j]) for j in run]
        for n in range(len(run) - 1):
            pairs.append((folded[n], folded[n + 1], f"{en[run[n]]} {en[run[n + 1]]}"))
        if len(run) == 1:
            singles.append((folded[0], en[run[0]]))
    if pairs or singles:
        # What a stretch's syllables must spell, run together, to be worth a closer
        # look, and the beginnings of those spellings: most characters begin none.
        wanted = {a + b for a, b, _ in pairs} | {folded for folded, _ in singles}
        beginnings = {w[:n] for w in wanted for n in range(1, len(w) + 1)}
        candidates = [
            (s, e)
            for s, syllable in enumerate(spelled)
            if syllable in beginnings
            for e in _spelled_ends(spelled, s, wanted, beginnings)
        ]
        for cut in (False, True):
            for s, e in candidates:
                if free(s, e, cut=cut):
                    match = _spelled_name(spelled[s:e], text[s:e], pairs, singles)
                    if match is not None:
                        take(s, e, match)
        for surname_en, _given, written in pairs:
            char = KOREAN_SURNAMES.get(surname_en)
            if char is None or "-" not in written:
                continue
            for s in range(len(text) - 2):
                if text[s] == char and all(spelled[s : s + 3]) and free(s, s + 3, cut=True):
                    if not NOT_IN_NAMES.intersection(text[s + 1 : s + 3]):
                        take(s, s + 3, written)
                        break
    # 2. Japanese surnames, with the given name the English writes before them.
    if runs:
        capitalised = {_folded(en[j]): j for run in runs for j in run}
        for k, fact in facts:
            romaji = fact.japanese
            if romaji is None or romaji not in capitalised:
                continue
            s, e = starts[k], starts[k + 1]
            if not free(s, e, cut=False):
                continue
            j = capitalised[romaji]
            given = words[k + 1 : k + 3]
            english_form = en[j]
            if (
                j >= 2
                and en[j - 1] == " "
                and _CAPITALISED.fullmatch(en[j - 2])
                and en[j - 2][:1].isupper()
                and en[j - 2].lower() not in _TITLES
                and len(given) == 2
                and all(len(g) == 1 and HAN_RE.match(g) for g in given)
                and not NOT_IN_NAMES.intersection(given)
                and free(s, e + 2, cut=False)
            ):
                e += 2
                english_form = f"{en[j - 2]} {en[j]}"
            take(s, e, english_form)
    # 3. Transliterations; what follows asks how the English names sound.
    translit = name_runs(words) if translit else []
    dotted_anywhere = not NAME_DOTS.isdisjoint(words)
    if translit or dotted_anywhere or any(fact.person for _, fact in facts):
        skeletons = {name_skeleton_en(en[j]): en[j] for run in runs for j in run}
    else:
        skeletons = {}
    places = {
        en[j] for run in runs if run[0] >= 2 and en[run[0] - 2].lower() in _PLACE_WORDS for j in run
    }

    def skeleton(s: int, e: int) -> str:
        """The sound skeleton of characters ``s:e``, from the page's readings."""
        syllables = tuple(spelled[s:e])
        if None in syllables:
            return name_skeleton_pinyin(text[s:e])
        return syllables_skeleton(syllables)

    def sounds_english(s: int, e: int) -> str | None:
        """The capitalised English word that sounds like characters ``s:e``, not a place."""
        found = skeleton(s, e)
        english_form = skeletons.get(found) if len(found) >= 2 else None
        return english_form if english_form not in places else None

    in_english = (lambda k: sounds_english(starts[k], starts[k + 1])) if translit else None
    for i, j in _split_at_places(words, translit, in_english):
        # A character at the run's edge that makes a word with its neighbour
        # outside (安德森|赛|后: 赛后 "after the match") is not the name's.
        while j - i > 1 and len(words[j - 1]) == 1 and j < len(words):
            if not _is_any_word(words[j - 1] + words[j]):
                break
            j -= 1
        while j - i > 1 and len(words[i]) == 1 and i > 0:
            if not _is_any_word(words[i - 1] + words[i]):
                break
            i += 1
        hanzi = "".join(words[i:j])
        if len(hanzi) < 2:
            continue
        dotted = (i > 0 and words[i - 1] in NAME_DOTS) or (j < len(words) and words[j] in NAME_DOTS)
        if dictionary.is_word(hanzi) and not is_person_entry(hanzi) and not dotted:
            # A place or a thing (伦敦 "London, capital of ...", 乌克兰), unless the
            # English names it where a person stands (索菲亚 Sofia, not "in Sofia").
            english_form = skeletons.get(skeleton(starts[i], starts[j]))
            if english_form in places or not any(
                d.split(" (")[0] == english_form
                for entry in dictionary.lookup(hanzi)
                for d in entry.definitions
            ):
                continue
        if (
            en
            and j - i == 1
            and not dotted
            and not _sounds_like_any(skeleton(starts[i], starts[j]), skeletons)
        ):
            continue  # one word the English has no name for (路修 "the road is built")
        best = None
        for a in range(i, j):
            for b in range(j, a, -1):
                english_form = skeletons.get(skeleton(starts[a], starts[b]))
                if english_form and starts[b] - starts[a] >= 2:
                    if best is None or b - a > best[1] - best[0]:
                        best = (a, b, english_form)
        a, b, english_form = best or (i, j, "")
        s, e = starts[a], starts[b]
        if free(s, e, cut=False):
            take(s, e, english_form)
    # A part after a name dot that the segmenter ran into the next word (李将 → 李|将).
    for k in range(1, len(words)) if dotted_anywhere else ():
        word = words[k]
        if words[k - 1] not in NAME_DOTS or len(word) < 2 or dictionary.is_word(word):
            continue
        for size in range(len(word) - 1, 0, -1):
            english_form = skeletons.get(skeleton(starts[k], starts[k] + size))
            rest = word[size:]
            if english_form and (len(rest) == 1 or dictionary.is_word(rest)):
                if free(starts[k], starts[k] + size, cut=True):
                    take(starts[k], starts[k] + size, english_form)
                break
    # 4. Words known as persons' names, and made-up words of surname shape.
    for k, fact in facts:
        if not (fact.surname_shape or fact.person):
            continue
        word = words[k]
        s, e = starts[k], starts[k + 1]
        if free(s, e, cut=False):
            if fact.surname_shape:
                # Where there is English, the name's surname is written there.
                if not en or _surname_in(spelled[s], word[0]):
                    take(s, e, "")
            else:
                # A word with common senses too (孙子 "grandson", Sun Tzu) is a
                # name only where the English writes one that sounds like it.
                english_form = sounds_english(s, e)
                if english_form or dictionary.is_proper_name(word):
                    take(s, e, english_form or "")
    return sorted(found, key=lambda span: span.start)


def _sounds_like_any(zs: str, skeletons: dict[str, str]) -> bool:
    """Whether some English skeleton is the name's skeleton ``zs``, or one sound off with
    the same start (奥卡福 KP, Okafor KPL; 诺瓦克 NK, Novak NPK), or the English's
    without the sound a vowel-initial syllable loses (恩旺科 K, Nwankwo NK)."""
    return any(
        es == zs
        or es[1:] == zs
        or (es[:1] == zs[:1] and len(zs) >= 2 and edit_distance(es, zs) <= 1)
        for es in skeletons
        if es
    )


def _split_at_places(
    words: Sequence[str], runs: list[tuple[int, int]], in_english
) -> list[tuple[int, int]]:
    """Runs cut at the places and things the dictionary knows (苏格兰 | 阿伯丁), unless
    a dot or the English makes them a name (索菲亚·贝克, Sophia Baker)."""
    out = []
    for i, j in runs:
        start = i
        for k in range(i, j):
            word = words[k]
            if (
                len(word) >= 2
                and dictionary.is_proper_name(word)
                and not is_person_entry(word)
                and not (k > 0 and words[k - 1] in NAME_DOTS)
                and not (k + 1 < len(words) and words[k + 1] in NAME_DOTS)
                and not in_english(k)
            ):
                if k > start:
                    out.append((start, k))
                start = k + 1
        if j > start:
            out.append((start, j))
    return out


@lru_cache(maxsize=100_000)
def _spelled_word(word: str, syllables: tuple[str, ...]) -> tuple[str | None, ...]:
    """The toneless syllable of each of a word's characters; all None unless it is Han."""
    if len(syllables) == len(word):
        return tuple(map(toneless, syllables))
    return (None,) * len(word)


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the dictionaries say of a word that bears on its being a name."""

    person: bool = False  # a CC-CEDICT sense names a person (莫言, 安娜)
    surname_shape: bool = False  # missing from CC-CEDICT, made of surname and given name
    japanese: str | None = None  # romanisation of a Japanese surname (铃木 → suzuki)


@lru_cache(maxsize=100_000)
def _facts(word: str) -> _Facts | None:
    """None for a word that is no name whatever the sentence: most words."""
    if len(word) < 2 or not HAN_RE.match(word):
        return None
    if not dictionary.is_word(word):
        return _Facts(surname_shape=True) if _has_surname_shape(word) else None
    if not is_name_entry(word):  # no proper-noun sense at all
        return None
    fact = _Facts(person=is_person_entry(word), japanese=_japanese_surname(word))
    return fact if fact.person or fact.japanese else None


def _spelled_ends(
    spelled: list[str | None], s: int, wanted: set[str], beginnings: set[str]
) -> list[int]:
    """Where stretches of two to four characters from ``s`` spell a wanted name."""
    ends = []
    joined = spelled[s]
    for e in range(s + 2, min(s + 4, len(spelled)) + 1):
        syllable = spelled[e - 1]
        if syllable is None:
            break
        joined += syllable
        if joined not in beginnings:
            break
        if joined in wanted:
            ends.append(e)
    return ends


def _spelled_name(
    syllables: Sequence[str],
    hanzi: str,
    pairs: list[tuple[str, str, str]],
    singles: list[tuple[str, str]],
) -> str | None:
    for surname_size in (1, 2):
        given = "".join(syllables[surname_size:])
        if not given or len(syllables) - surname_size > 2:
            continue
        surname = "".join(syllables[:surname_size])
        for n, (surname_en, given_en, written) in enumerate(pairs):
            if surname == surname_en and given == given_en:
                del pairs[n]  # each English name once for every time it is written
                return written
    if not dictionary.is_word(hanzi) and not ZH_FUNCTION_WORDS.intersection(hanzi):
        joined = "".join(syllables)
        for n, (folded, written) in enumerate(singles):
            if joined == folded:
                del singles[n]
                return written
    return None


_JAPANESE_SURNAME = re.compile(r"^([^\s(]+) \(Japanese surname\)$")


@lru_cache(maxsize=10_000)
def _japanese_surname(word: str) -> str | None:
    """The romanisation CC-CEDICT gives a Japanese surname: 铃木 → "suzuki"."""
    if len(word) < 2:
        return None
    for entry in dictionary.lookup(word):
        if not entry.pinyin[:1].isupper():
            continue
        for d in entry.definitions:
            if match := _JAPANESE_SURNAME.match(d):
                return _folded(match[1])
    return None


# Words after a surname that make it a form of address, not a name (王老师).
_TITLE_WORDS = frozenset(
    "老师 先生 女士 小姐 太太 夫人 医生 大夫 经理 教授 校长 主任 同学 师傅 阿姨 叔叔 博士 "
    "总统 书记 局长 部长 教练 律师 院长 总 哥 姐 爷 奶 家".split()
)


def _is_any_word(word: str) -> bool:
    """Whether CC-CEDICT or the segmenter's dictionary has the word (赛后 is jieba's only)."""
    from reader.text.words import get_tokenizer

    return dictionary.is_word(word) or bool(get_tokenizer().FREQ.get(word))


def _has_surname_shape(word: str) -> bool:
    """A two- or three-character word made up from a common surname and a given name."""
    return (
        2 <= len(word) <= 3
        and word[0] in SURNAMES
        and word[1:] not in _TITLE_WORDS
        and not NOT_IN_NAMES.intersection(word)
        and not ZH_FUNCTION_WORDS.intersection(word[1:])
        and _word_class(word) in ("", "nr")
    )


def _word_class(word: str) -> str:
    from reader.text.words import word_class  # the segmenter imports this module's neighbours

    return word_class(word)


def join_names(tokens: Sequence[T], spans: Sequence[NameSpan]) -> list[tuple[T, NameSpan | None]]:
    """Re-cut ``tokens`` (with ``text``, ``syllables``, ``tones``) so each name is one token.

    A token a name cuts keeps its syllables and tones, character by character;
    each token comes back with its name, or None.
    """
    if not spans:
        return [(token, None) for token in tokens]
    chars = [(token, k) for token in tokens for k in range(len(token.text))]
    cuts = {a for a, (_, k) in enumerate(chars) if k == 0} | {len(chars)}
    for span in spans:
        cuts.difference_update(range(span.start + 1, span.end))
        cuts.update((span.start, span.end))
    names = {(span.start, span.end): span for span in spans}
    ordered = sorted(cuts)
    out: list[tuple[T, NameSpan | None]] = []
    for a, b in zip(ordered, ordered[1:], strict=False):
        first, k = chars[a]
        if k == 0 and len(first.text) == b - a:
            out.append((first, names.get((a, b))))
            continue
        syllables: list[str] = []
        tones: list[int] = []
        for token, k in chars[a:b]:
            if len(token.syllables) == len(token.text) == len(token.tones):
                syllables.append(token.syllables[k])
                tones.append(token.tones[k])
            elif k == 0:
                syllables.extend(token.syllables)
                tones.extend(token.tones)
        text = "".join(token.text[k] for token, k in chars[a:b])
        joined = replace(first, text=text, syllables=tuple(syllables), tones=tuple(tones))
        out.append((joined, names.get((a, b))))
    return out
