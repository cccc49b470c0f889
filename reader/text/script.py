"""Chinese text in the reader's script: simplified, or traditional as in Taiwan or Hong Kong.

Articles are stored as written; a page is shown in the reader's script by
converting its text with OpenCC, one character for one character, so that
everything keyed to positions (a ruby per character, word links, segment ids,
bookmarks, highlights) is the same in every script::

    >>> convert("台湾的国家", Script.TAIWAN)
    '臺灣的國家'
    >>> convert("台湾的国家", Script.HONG_KONG)
    '台灣的國家'
    >>> convert_words(["头发", "干", "了"], Script.TAIWAN)
    ['頭髮', '幹', '了']

OpenCC's ``s2t``, ``s2tw`` and ``s2hk`` configs map phrases and characters
but keep the vocabulary (``s2twp`` would turn 软件 into 軟體, changing the
length); should a config still change a text's length, each character is
converted on its own. A traditional text shown to a simplified reader goes
through ``t2s`` the same way.
"""

import enum
from functools import cache, lru_cache

import opencc


class Script(enum.StrEnum):
    SIMPLIFIED = "simplified"
    TAIWAN = "taiwan"
    HONG_KONG = "hongkong"


# What each script's page says it is written in (the ``lang`` of Chinese text).
LANG = {
    Script.SIMPLIFIED: "zh-Hans",
    Script.TAIWAN: "zh-Hant-TW",
    Script.HONG_KONG: "zh-Hant-HK",
}

_CONFIG = {Script.SIMPLIFIED: "t2s", Script.TAIWAN: "s2tw", Script.HONG_KONG: "s2hk"}


@cache
def _converter(script: Script) -> opencc.OpenCC:
    return opencc.OpenCC(_CONFIG[script])


@lru_cache(maxsize=65536)
def _convert_char(char: str, script: Script) -> str:
    converted = _converter(script).convert(char)
    return converted if len(converted) == 1 else char


def convert(text: str, script: Script | str) -> str:
    """``text`` in ``script``, exactly as long as ``text``."""
    if not text or text.isascii():
        return text
    # Words and titles recur on every page and are kept; paragraphs are not.
    return _convert_short(text, Script(script)) if len(text) <= 32 else _convert(text, script)


@lru_cache(maxsize=65536)
def _convert_short(text: str, script: Script) -> str:
    return _convert(text, script)


def _convert(text: str, script: Script | str) -> str:
    script = Script(script)
    converted = _converter(script).convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_convert_char(char, script) for char in text)


def convert_words(words: list[str], script: Script | str) -> list[str]:
    """Each of ``words`` in ``script``, converted together (a phrase may span two words).

    Each result is as long as its word.
    """
    joined = convert("".join(words), script)
    converted, start = [], 0
    for word in words:
        converted.append(joined[start : start + len(word)])
        start += len(word)
    return converted
