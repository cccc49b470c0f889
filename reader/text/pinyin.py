"""Pinyin for each word of a Chinese text, read in context.

The text is cut into words with ``segment.words``; each word is then
read with pypinyin, whose phrase dictionary knows that 行 is háng in
银行 but xíng in 行走::

    >>> annotate("我们去银行。")
    [('我们', ['wǒ', 'men']), ('去', ['qù']), ('银行', ['yín', 'háng']), ('。', [])]
    >>> [t.as_dict() for t in annotate_tokens("银行。")]
    [{'t': '银行', 'py': ['yín', 'háng'], 'tn': [2, 2]}, {'t': '。'}]

A word gets exactly one syllable per Han character it contains; tokens
without Han (punctuation, Latin words, numbers) get none.

Where jieba leaves several one-character words in a row (他/还/书/了),
the row is read as one string, so that pypinyin's own phrase matching
still sees 还书 (huán shū) instead of a lone 还 (hái).

Tone sandhi of 一 and 不 is not applied yet; it belongs in
``_readings``, which sees the whole token sequence (pypinyin's
``tone_sandhi=True`` covers it within one string).
"""

import unicodedata
from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin

from reader.text.lang import HAN_RE, is_han
from reader.text.segment import words

__all__ = ["Token", "annotate", "annotate_tokens", "readings", "tone_numbers"]


@dataclass
class Token:
    """One word of the text with its syllables and their tone numbers (5 = neutral)."""

    text: str
    pinyin: list[str]
    tones: list[int]

    def as_dict(self) -> dict:
        """The compact form stored with a segment: ``{"t", "py", "tn"}``, or
        ``{"t"}`` alone for a token without pinyin."""
        if not self.pinyin:
            return {"t": self.text}
        return {"t": self.text, "py": self.pinyin, "tn": self.tones}


def annotate(text: str) -> list[tuple[str, list[str]]]:
    """Each word of ``text`` with its syllables in tone marks."""
    tokens = words(text)
    return list(zip(tokens, readings(tokens), strict=True))


def annotate_tokens(text: str) -> list[Token]:
    """Each word of ``text`` as a ``Token`` with syllables and tone numbers."""
    return [
        Token(text=word, pinyin=syllables, tones=tone_numbers(syllables))
        for word, syllables in annotate(text)
    ]


# Combining marks left by NFD decomposition of a tone-marked vowel.
_TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}


def tone_numbers(syllables: list[str]) -> list[int]:
    """Tone number of each tone-marked syllable: ``['yín', 'men']`` -> ``[2, 5]``."""
    return [_tone(syllable) for syllable in syllables]


def _tone(syllable: str) -> int:
    for char in unicodedata.normalize("NFD", syllable):
        if char in _TONE_MARKS:
            return _TONE_MARKS[char]
    return 5  # no mark: the neutral tone (also an unknown reading, "")


def readings(tokens: list[str]) -> list[list[str]]:
    """The syllables of each already-segmented token, read in context."""
    result: list[list[str]] = [[] for _ in tokens]
    i = 0
    while i < len(tokens):
        if _is_single_han(tokens[i]):
            j = i
            while j < len(tokens) and _is_single_han(tokens[j]):
                j += 1
            for k, syllable in enumerate(_syllables("".join(tokens[i:j]))):
                result[i + k] = [syllable]
            i = j
        else:
            result[i] = _syllables(tokens[i])
            i += 1
    return result


def _is_single_han(token: str) -> bool:
    return len(token) == 1 and is_han(token)


def _syllables(token: str) -> list[str]:
    """One syllable per Han character of ``token``, other characters skipped.

    Read as a whole first, so the phrase dictionary applies; if that does
    not give one syllable per character (a character pypinyin does not
    know), read character by character and leave the unknown ones "".
    """
    han = HAN_RE.findall(token)
    if not han:
        return []
    whole = lazy_pinyin(token, style=Style.TONE, errors=lambda chars: None)
    if len(whole) == len(han):
        return whole
    return [
        (lazy_pinyin(char, style=Style.TONE, errors=lambda chars: None) or [""])[0] for char in han
    ]
