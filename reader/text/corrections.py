"""A teacher's fixes to words: join two words, split one, or give a word its right pinyin.

The segmenter and the pinyin are right most of the time; when they are
not, a teacher fixes the article once and every sentence that has the
word follows. Fixes are plain values applied to annotated tokens:

>>> from reader.text.annotation import ZhToken
>>> tokens = [ZhToken("参谋", ("cān", "móu"), (1, 2)), ZhToken("长", ("zhǎng",), (3,))]
>>> [t.text for t in apply_corrections(tokens, [Correction("join", "参谋长")])]
['参谋长']
>>> fixed = apply_corrections(tokens, [Correction("pinyin", "参谋", "cān mou")])
>>> fixed[0].syllables, fixed[0].tones
(('cān', 'mou'), (1, 5))
>>> [t.text for t in apply_corrections(tokens, [Correction("split", "参谋", "参 谋")])]
['参', '谋', '长']
"""

from dataclasses import dataclass

from .annotation import ZhToken
from .lang import is_han
from .pinyin import tone_numbers

KINDS = ("join", "split", "pinyin")


class CorrectionError(ValueError):
    """A fix that cannot be applied as given (the message says what is wrong)."""


@dataclass(frozen=True)
class Correction:
    """``kind`` is join, split or pinyin; ``word`` the Chinese it concerns; ``value``:

    - join: nothing (the word is what the neighbouring words should make);
    - split: the parts, separated by spaces (``"离职 采访"``);
    - pinyin: the syllables in tone marks, one per character (``"cháo xiǎn"``).
    """

    kind: str
    word: str
    value: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise CorrectionError(f"unknown kind of fix {self.kind!r}")
        if not self.word or not all(is_han(c) for c in self.word):
            raise CorrectionError("the word must be Chinese characters only")
        if self.kind == "join" and len(self.word) < 2:
            raise CorrectionError("a joined word has at least two characters")
        if self.kind == "split":
            parts = self.value.split()
            if len(parts) < 2 or "".join(parts) != self.word:
                raise CorrectionError(
                    f"the parts must spell {self.word} with a space between them, "
                    f"as in {self.word[:1]} {self.word[1:]}"
                )
        if self.kind == "pinyin":
            syllables = self.value.split()
            if len(syllables) != len(self.word):
                raise CorrectionError(
                    f"give one syllable for each of the {len(self.word)} characters of "
                    f"{self.word}, separated by spaces"
                )
            if not all(s.isalpha() for s in syllables):
                raise CorrectionError("pinyin is letters with tone marks, such as zhǎng")


def _token(text: str, syllables) -> ZhToken:
    syllables = tuple(syllables)
    return ZhToken(text, syllables, tuple(tone_numbers(syllables)))


def _join(tokens: list[ZhToken], word: str) -> list[ZhToken]:
    out: list[ZhToken] = []
    i = 0
    while i < len(tokens):
        j, text = i, ""
        while j < len(tokens) and len(text) < len(word) and word.startswith(text + tokens[j].text):
            text += tokens[j].text
            j += 1
        if text == word and j - i > 1:
            out.append(_token(word, [s for t in tokens[i:j] for s in t.syllables]))
            i = j
        else:
            out.append(tokens[i])
            i += 1
    return out


def _split(tokens: list[ZhToken], word: str, parts: list[str]) -> list[ZhToken]:
    out: list[ZhToken] = []
    for token in tokens:
        if token.text != word:
            out.append(token)
            continue
        at = 0
        for part in parts:
            out.append(_token(part, token.syllables[at : at + len(part)]))
            at += len(part)
    return out


def apply_corrections(tokens: list[ZhToken], corrections) -> list[ZhToken]:
    """The tokens with every fix applied, joins and splits first, then readings."""
    for fix in corrections:
        if fix.kind == "join":
            tokens = _join(tokens, fix.word)
        elif fix.kind == "split":
            tokens = _split(tokens, fix.word, fix.value.split())
    readings = {fix.word: fix.value.split() for fix in corrections if fix.kind == "pinyin"}
    return [_token(t.text, readings[t.text]) if t.text in readings else t for t in tokens]
