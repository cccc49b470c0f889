"""Pinyin as it is written: words, not syllables, after GB/T 16159-2012.

The page shows one syllable over each character; the pop-up and the
exports write pinyin as a learner reads it in a textbook or a dictionary,
following the national standard *Basic rules of the Chinese phonetic
alphabet orthography* (GB/T 16159-2012):

- a word's syllables are written together: yínháng, gàosu;
- a syllable beginning with a, o or e after another takes an apostrophe
  before it: Xī'ān, kě'ài;
- the ordinal prefix 第 is joined to its number by a hyphen: dì-èr;
- proper nouns begin with a capital letter, each of their words (Shìjiè
  Dàzhàn), a person's surname and given name apart (Xí Jìnpíng);
- a sentence begins with a capital; punctuation keeps to the word it
  belongs to, with no space inside quotation marks or brackets.

CC-CEDICT marks the words of its proper nouns with capitals (``Di4 er4 Ci4
Shi4 jie4 Da4 zhan4``): those capitals decide where such a word starts.

>>> entry_pinyin("Di4 er4 Ci4 Shi4 jie4 Da4 zhan4")
'Dì-èr Cì Shìjiè Dàzhàn'
>>> entry_pinyin("gao4 su5"), entry_pinyin("Xi1 an1"), entry_pinyin("Xi2 Jin4 ping2")
('gàosu', "Xī'ān", 'Xí Jìnpíng')
>>> word_pinyin(["dì", "èr"]), word_pinyin(["pǔ", "jīng"], capital=True)
('dì-èr', 'Pǔjīng')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache

__all__ = [
    "PERSON",
    "entry_pinyin",
    "numbered_to_marks",
    "sentence_pinyin",
    "toneless",
    "word_pinyin",
]

_MARKS = {"1": "\u0304", "2": "\u0301", "3": "\u030c", "4": "\u0300"}
_NUMBERED = re.compile(r"^([a-zA-Zü:]+)([1-5])$")


def _marked(letters: str, tone: str) -> str:
    """One syllable's letters with the tone mark where pinyin puts it.

    The mark goes on a or e; on the o of ou; otherwise on the last vowel.
    """
    letters = letters.replace("u:", "ü").replace("v", "ü").replace("U:", "Ü")
    if tone not in _MARKS:
        return letters
    lower = letters.lower()
    if "a" in lower:
        at = lower.index("a")
    elif "e" in lower:
        at = lower.index("e")
    elif "ou" in lower:
        at = lower.index("o")
    else:
        at = max(lower.rfind(v) for v in "iouü")
    if at < 0:
        return letters
    return unicodedata.normalize("NFC", letters[: at + 1] + _MARKS[tone] + letters[at + 1 :])


def numbered_to_marks(numbered: str) -> str:
    """CC-CEDICT's ``"yin2 hang2"`` as ``"yín háng"``; ``lu:4`` and ``lv4`` become ``lǜ``.

    Syllable by syllable, as the page shows them; ``entry_pinyin`` writes words.

    >>> numbered_to_marks("lu:4 xiao4 ma5")
    'lǜ xiào ma'
    """
    out = []
    for part in numbered.split():
        m = _NUMBERED.match(part)
        out.append(_marked(*m.groups()) if m else part)
    return " ".join(out)


# The ordinal prefix and the numerals it joins with a hyphen (dì-èr, dì-shíyī).
_ORDINAL = "dì"
_NUMERALS = frozenset("yī èr sān sì wǔ liù qī bā jiǔ shí bǎi qiān wàn líng yì".split())
_VOWEL_START = re.compile(r"^[aoeāáǎàōóǒòēéěèAOEĀÁǍÀŌÓǑÒĒÉĚÈ]")


@cache
def toneless(pinyin: str) -> str:
    """Pinyin without tone marks, lower case, ü as v: ``toneless("Lǚ")`` is ``"lv"``."""
    bare = unicodedata.normalize("NFD", pinyin.lower()).replace("u\u0308", "v")
    return "".join(char for char in bare if not unicodedata.combining(char))


def word_pinyin(syllables: Sequence[str], *, capital: bool = False) -> str:
    """One word's syllables written together: apostrophes, the ordinal's hyphen, a capital.

    >>> word_pinyin(["xī", "ān"]), word_pinyin(["tiān", "ān", "mén"], capital=True)
    ("xī'ān", "Tiān'ānmén")
    """
    text = ""
    for k, syllable in enumerate(s for s in syllables if s):
        if k == 0:
            text = syllable
        elif toneless(text) == toneless(_ORDINAL) and syllable.lower() in _NUMERALS:
            text += "-" + syllable
        elif _VOWEL_START.match(syllable):
            text += "'" + syllable
        else:
            text += syllable
    return text[:1].upper() + text[1:] if capital else text


def entry_pinyin(numbered: str) -> str:
    """A CC-CEDICT entry's pinyin written as words; its capitals start the words of a name.

    Letters and marks that are not syllables (卡拉OK's ``O K``) stay as they are.

    >>> entry_pinyin("ka3 la1 O K"), entry_pinyin("dong1 xi5")
    ('kǎlā O K', 'dōngxi')
    """
    words: list[list[str]] = []
    capitals: list[bool] = []
    loose: list[tuple[int, str]] = []  # (position among the words, text) of non-syllables
    proper = any(part[:1].isupper() for part in numbered.split() if _NUMBERED.match(part))
    for part in numbered.split():
        m = _NUMBERED.match(part)
        if not m:
            loose.append((len(words), part))
            words.append([])
            capitals.append(False)
            continue
        syllable = _marked(*m.groups())
        starts = not words or not words[-1] or (proper and part[:1].isupper())
        if starts:
            words.append([syllable])
            capitals.append(part[:1].isupper())
        else:
            words[-1].append(syllable)
    out = [word_pinyin(w, capital=c) for w, c in zip(words, capitals, strict=True)]
    for at, text in loose:
        out[at] = text
    return " ".join(w for w in out if w)


# Chinese punctuation as it is written in pinyin text, and which side it keeps to.
_PUNCTUATION = {
    "。": ".",
    "，": ",",
    "、": ",",
    "！": "!",
    "？": "?",
    "；": ";",
    "：": ":",
    "（": "(",
    "）": ")",
    "《": "«",
    "》": "»",
    "【": "[",
    "】": "]",
    "……": "…",
    "——": "—",
    "·": "",  # 马克·米利: Mǎkè Mǐlì
    "•": "",
    "・": "",
}
_OPENING = frozenset("“‘(«[《（【「『\"'")
_SENTENCE_END = frozenset(".!?…")


PERSON = "person"  # a name's kind, for ``sentence_pinyin``: surname and given name


def sentence_pinyin(tokens: Iterable[tuple[str, Sequence[str], bool | str]]) -> str:
    """A sentence's tokens, (text, syllables, name), as one line of written pinyin.

    ``name`` is False, True for a name, or ``PERSON`` for a Chinese person's
    name whose first character is the surname. Words are written whole and
    apart; a name with a capital, a person's surname and given name apart
    (陈晓 Chén Xiǎo); the first word of each sentence with a capital.
    Punctuation keeps to its word: no space before a comma or a closing
    quotation mark, none after an opening one. Numbers and Latin words stay
    as written; the middle dot of a transliterated name becomes a space.

    >>> sentence_pinyin([("我们", ("wǒ", "men"), False), ("去", ("qù",), False),
    ...                  ("西安", ("xī", "ān"), True), ("。", (), False)])
    "Wǒmen qù Xī'ān."
    >>> sentence_pinyin([("记者", ("jì", "zhě"), False), ("陈晓", ("chén", "xiǎo"), PERSON)])
    'Jìzhě Chén Xiǎo'
    >>> sentence_pinyin([("他", ("tā",), False), ("说", ("shuō",), False), ("：", (), False),
    ...                  ("“", (), False), ("好", ("hǎo",), False), ("”", (), False)])
    'Tā shuō: “hǎo”'
    """
    out = ""
    glue = False  # the next word attaches to what came before (after an opening mark)
    capital = True
    quotes = 0  # straight double quotes seen: odd ones open, even ones close
    for text, syllables, is_name in tokens:
        if syllables and is_name == PERSON and len(syllables) > 1:
            word = word_pinyin(syllables[:1], capital=True) + " "
            word += word_pinyin(syllables[1:], capital=True)
        elif syllables:
            word = word_pinyin(syllables, capital=bool(is_name) or capital)
        elif text.isspace() or not text:
            continue
        else:
            word = _PUNCTUATION.get(text, text)
            if not word:
                continue
        if not syllables and not (word[0].isalnum()):
            opening = word in _OPENING or (word == '"' and quotes % 2 == 0) or word in "“‘"
            if word == '"':
                quotes += 1
            if opening:
                out += (" " if out and not glue else "") + word
                glue = True
            else:
                out += word
                glue = False
                if word[-1] in _SENTENCE_END:
                    capital = True
            continue
        out += (" " if out and not glue else "") + word
        glue = False
        capital = False
    return out
