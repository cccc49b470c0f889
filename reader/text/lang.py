"""Tell Chinese text from English text by counting scripts.

A line is Chinese when its Han characters outweigh its Latin *words*.
Words, not letters, because one Latin name stands where Chinese would
write two or three characters: ``Milley在ABC采访中说`` has 5 Han
characters against 9 Latin letters, but only 2 Latin words, so it is
Chinese. An English sentence quoting a Chinese word (``The word 银行
means bank.``) has 2 Han characters against 5 words, so it is English.

>>> han_ratio("Milley在ABC采访中说")  # 5 Han / (5 Han + 9 letters)
0.35714285714285715
>>> is_chinese("Milley在ABC采访中说")
True
>>> is_chinese("Top US general describes Putin")
False
"""

from reader.text.lexicon import HAN_RE, LATIN_RE, LATIN_WORD_RE


def is_han(char: str) -> bool:
    """Whether one character is a Han character."""
    return HAN_RE.fullmatch(char) is not None


def han_count(text: str) -> int:
    """Number of Han characters in ``text``."""
    return len(HAN_RE.findall(text))


def han_ratio(text: str) -> float:
    """Share of the letters in ``text`` that are Han (0.0 when it has none).

    Letters are Han characters and Latin letters; digits, punctuation
    and spaces count for neither side.
    """
    han = han_count(text)
    latin = len(LATIN_RE.findall(text))
    if han + latin == 0:
        return 0.0
    return han / (han + latin)


def is_chinese(text: str) -> bool:
    """Whether ``text`` reads as Chinese: at least as many Han characters as Latin words.

    A text with neither (``2023``, ``***``) is not Chinese.
    """
    han = han_count(text)
    return han > 0 and han >= len(LATIN_WORD_RE.findall(text))


def has_letters(text: str) -> bool:
    """Whether ``text`` has any Han character or Latin letter at all."""
    return HAN_RE.search(text) is not None or LATIN_RE.search(text) is not None
