"""Which words of a text a learner learns: not names, not numbers, not marks.

The words of an article, counted once each, are what "N new words for
you · 96% known" is made of; names (普京) and numbers (三十, 2024) are read,
never learned::

    >>> is_learnable("银行"), is_learnable("三十"), is_learnable("十分"), is_learnable("。")
    (True, False, True, False)
    >>> is_learnable("普京", name=True)
    False
    >>> distinct_words(["我", "去", "银行", "。", "我", "三", "次"])
    ['我', '去', '银行', '次']
    >>> share_known(["我", "去", "银行"], {"我", "去"})
    (1, 66)
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from .lang import is_han
from .lexicon import ZH_NOT_NUMBERS, ZH_NUMERALS

__all__ = ["distinct_words", "is_learnable", "share_known"]

# Characters that make a number with the numerals: 两, 第一, 三点五, 半.
_NUMBER_CHARS = frozenset(ZH_NUMERALS) | frozenset("第点半几")
WORD_MAX_LENGTH = 40


def is_learnable(text: str, *, name: bool = False) -> bool:
    """A word to know or learn: Han characters, no name, not a number (十分 "very" is a word)."""
    if name or not text or len(text) > WORD_MAX_LENGTH or not all(map(is_han, text)):
        return False
    return text in ZH_NOT_NUMBERS or not all(char in _NUMBER_CHARS for char in text)


def distinct_words(tokens: Iterable[str]) -> list[str]:
    """The learnable words among ``tokens``, each once, in the order first met."""
    seen: dict[str, None] = {}
    for token in tokens:
        if token not in seen and is_learnable(token):
            seen[token] = None
    return list(seen)


def share_known(words: Collection[str], known: Collection[str]) -> tuple[int, int]:
    """(words not yet known, the percentage known, rounded down) of distinct ``words``."""
    if not words:
        return 0, 100
    unknown = sum(1 for word in words if word not in known)
    return unknown, (len(words) - unknown) * 100 // len(words)
