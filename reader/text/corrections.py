"""A teacher's fixes to words: join two words, split one, or give a word its right pinyin.

The segmenter and the pinyin are right most of the time; when they are
not, a teacher fixes the article once and every sentence that has the
word follows, or fixes just one sentence (``sentence`` names it by its
Chinese). A join may cut across the segmenter's words: where 一早就 was cut
一|早就, joining 一早 gives 一早|就. Fixes are plain values applied to
annotated tokens:

>>> from reader.text.annotation import ZhToken
>>> tokens = [ZhToken("参谋", ("cān", "móu"), (1, 2)), ZhToken("长", ("zhǎng",), (3,))]
>>> [t.text for t in apply_corrections(tokens, [Correction("join", "参谋长")])]
['参谋长']
>>> fixed = apply_corrections(tokens, [Correction("pinyin", "参谋", "cān mou")])
>>> fixed[0].syllables, fixed[0].tones
(('cān', 'mou'), (1, 5))
>>> [t.text for t in apply_corrections(tokens, [Correction("split", "参谋", "参 谋")])]
['参', '谋', '长']
>>> early = [ZhToken("一", ("yì",), (4,)), ZhToken("早就", ("zǎo", "jiù"), (3, 4))]
>>> [(t.text, t.syllables) for t in apply_corrections(early, [Correction("join", "一早")])]
[('一早', ('yì', 'zǎo')), ('就', ('jiù',))]
>>> only = Correction("pinyin", "参谋", "cān mou", sentence="参谋长说")
>>> apply_corrections(tokens, [only], sentence="参谋长到了")[0].syllables
('cān', 'móu')
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
    sentence: str = ""  # the Chinese of the one sentence it applies to; "" for every one

    def applies_to(self, sentence: str | None) -> bool:
        return not self.sentence or sentence is None or sentence == self.sentence

    def shows_in(self, texts: list[str]) -> bool:
        """Whether a sentence's words (their texts) show the fix: the word whole, or split.

        >>> Correction("split", "图书馆", "图书 馆").shows_in(["去", "图书", "馆"])
        True
        >>> Correction("pinyin", "图书馆", "tú shū guǎn").shows_in(["去", "图书", "馆"])
        False
        """
        if self.kind != "split":
            return self.word in texts
        parts = self.value.split()
        return any(texts[i : i + len(parts)] == parts for i in range(len(texts) - len(parts) + 1))

    def __post_init__(self):
        if self.kind not in KINDS:
            raise CorrectionError(f"unknown kind of fix {self.kind!r}")
        if not self.word or not all(is_han(c) for c in self.word):
            raise CorrectionError("the word must be Chinese characters only")
        if self.kind == "join" and len(self.word) < 2:
            raise CorrectionError("a joined word has at least two characters")
        if self.sentence and self.word not in self.sentence:
            raise CorrectionError(f"the sentence chosen does not contain {self.word}")
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
                raise CorrectionError(
                    "pinyin is letters with tone marks or tone numbers, such as zhǎng or zhang3"
                )


def _token(text: str, syllables) -> ZhToken:
    syllables = tuple(syllables)
    return ZhToken(text, syllables, tuple(tone_numbers(syllables)))


def _cut(token: ZhToken, at: int) -> tuple[ZhToken, ZhToken] | None:
    """The token in two at character ``at``, each part with its syllables; None if it can't be."""
    if len(token.syllables) != len(token.text) or not all(is_han(c) for c in token.text):
        return None
    return _token(token.text[:at], token.syllables[:at]), _token(
        token.text[at:], token.syllables[at:]
    )


def _join(tokens: list[ZhToken], word: str) -> list[ZhToken]:
    """Every run of characters spelling ``word`` made one token, cutting the tokens at its ends
    when the segmenter's words run past them (一|早就 → 一早|就)."""
    out: list[ZhToken] = []
    i = 0
    while i < len(tokens):
        joined = _join_at(tokens, i, word)
        if joined is None:
            out.append(tokens[i])
            i += 1
            continue
        pieces, i = joined
        out.extend(pieces)
    return out


def _join_at(tokens: list[ZhToken], i: int, word: str) -> tuple[list[ZhToken], int] | None:
    """``word`` starting at some character of ``tokens[i]``: the tokens that replace
    ``tokens[i:j]`` and ``j``; None when it does not start there (or cannot be cut out)."""
    token = tokens[i]
    for start in range(len(token.text)):
        if not word.startswith(token.text[start:][: len(word)]):
            continue
        text, j = token.text[start:], i + 1
        while len(text) < len(word) and j < len(tokens) and word.startswith(text):
            text += tokens[j].text
            j += 1
        if not text.startswith(word) or (start == 0 and text == word and j - i == 1):
            continue  # not here, or already one word
        pieces: list[ZhToken] = []
        first = tokens[i]
        if start:
            cut = _cut(first, start)
            if cut is None:
                continue
            pieces.append(cut[0])
            first = cut[1]
        run = [first, *tokens[i + 1 : j]]
        rest = None
        if len(text) > len(word):  # the last token runs past the word: cut it
            cut = _cut(run[-1], len(run[-1].text) - (len(text) - len(word)))
            if cut is None:
                continue
            run[-1], rest = cut
        if len(run) == 1 and not start and rest is None:
            continue
        pieces.append(_token(word, [s for t in run for s in t.syllables]))
        if rest is not None:
            pieces.append(rest)
        return pieces, j
    return None


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


def apply_corrections(
    tokens: list[ZhToken], corrections, sentence: str | None = None
) -> list[ZhToken]:
    """The tokens of ``sentence`` with every fix for it applied, joins and splits first,
    then readings; a fix for one sentence applies only there (every fix, when
    ``sentence`` is None)."""
    corrections = [fix for fix in corrections if fix.applies_to(sentence)]
    for fix in corrections:
        if fix.kind == "join":
            tokens = _join(tokens, fix.word)
        elif fix.kind == "split":
            tokens = _split(tokens, fix.word, fix.value.split())
    readings = {fix.word: fix.value.split() for fix in corrections if fix.kind == "pinyin"}
    return [_token(t.text, readings[t.text]) if t.text in readings else t for t in tokens]
