"""A learner's word lists: reading the lists they bring, telling words from the rest, finding one.

Pleco and Anki export flashcards one a line, the word first and then, a
tab or a comma apart, its pinyin and definitions; Pleco writes a word's
traditional form in brackets after it. Only the word counts::

    >>> read_word_list("\\ufeff银行\\tyin2hang2\\tbank\\n\\n行走, xíngzǒu\\n银行[銀行]\\n你好！\\n")
    ['银行', '行走', '银行', '你好']
    >>> not_a_word("银行"), not_a_word("普京"), not_a_word("三十"), not_a_word("bank")
    (None, 'a name', 'a number', 'not Chinese')

A search matches a word's pinyin, with tones or without, or a whole word
of one of its definitions::

    >>> entries = [dictionary.Entry("银行", "銀行", "yin2 hang2", ("bank", "CL:家[jia1]"))]
    >>> [matches(q, entries) for q in ("yinhang", "yín háng", "yin2hang2", "Bank", "ban")]
    [True, True, True, True, False]
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Sequence

from . import dictionary
from .lang import is_han
from .orthography import entry_pinyin, numbered_to_marks, toneless, word_pinyin
from .vocabulary import is_learnable

__all__ = [
    "MAX_BYTES",
    "MAX_LINES",
    "WordListError",
    "decode_word_list",
    "describe",
    "matches",
    "not_a_word",
    "read_word_list",
    "simplified",
]

MAX_BYTES = 1024 * 1024  # a list of every HSK word, with definitions, is a tenth of this
MAX_LINES = 20_000
MAX_QUERY = 100

_FIELD_END = re.compile(r"[\t,，;；]")
# In definitions: "(bound form) ", "(CL:家[jia1])" and "(Taiwan pr. [han4])" say nothing
# here; a reference "您[nin2]" or "一點|一点[yi1 dian3]" is read as its simplified word.
_NOISE = re.compile(r"^\(bound form\) |\s*\((?:CL:|Taiwan pr\.)[^)]*\)")
_REFERENCE = re.compile(r"(?:[^\s\[|(]+\|)?([^\s\[|(]+)\[[^\]]*\]")
_BARE_READING = re.compile(r"\[([^\]]*)\]")
_TRADITIONAL = re.compile(r"[\[|].*$")  # 银行[銀行], 银行|銀行
_MARKS_AROUND = re.compile(r"^[\W_]+|[\W_]+$")  # quotes, 你好！, “再见”: the word inside


class WordListError(ValueError):
    """A list that cannot be read: too big, not text, not UTF-8 or UTF-16."""


def decode_word_list(data: bytes) -> str:
    """The text of an uploaded list: UTF-8 (a BOM or none), or UTF-16 with its BOM."""
    if len(data) > MAX_BYTES:
        raise WordListError(f"The list is larger than {MAX_BYTES // 1024} KB; split it in parts.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise WordListError(
            "The file is not UTF-8 text. Export it again as UTF-8 (Pleco and Anki both can)."
        ) from None
    return text


def read_word_list(text: str) -> list[str]:
    """The first field of each line that has one, in order (repeats kept for the caller)."""
    if "\x00" in text:
        raise WordListError("The list holds NUL characters: it is not a text file.")
    lines = text.lstrip("\ufeff").splitlines()
    if len(lines) > MAX_LINES:
        raise WordListError(f"The list has more than {MAX_LINES:,} lines; split it in parts.")
    words = []
    for line in lines:
        word = _TRADITIONAL.sub("", _FIELD_END.split(line.lstrip("\ufeff"), maxsplit=1)[0])
        word = _MARKS_AROUND.sub("", unicodedata.normalize("NFC", word))
        if word:
            words.append(word)
    return words


def not_a_word(word: str) -> str | None:
    """Why ``word`` is no word to know (``"a name"``, …), or None when it is one."""
    if len(word) > 40 or not all(map(is_han, word)):
        return "not Chinese"
    if not is_learnable(word):
        return "a number"
    if not dictionary.is_word(word):
        return "not in the dictionary"
    if dictionary.is_proper_name(word):
        return "a name"
    return None


def simplified(word: str) -> str:
    """The simplified form of a dictionary word (the form articles are keyed by)."""
    entries = dictionary.lookup(word)
    forms = {entry.simplified for entry in entries if entry.traditional == word}
    if word in {entry.simplified for entry in entries} or len(forms) != 1:
        return word
    return forms.pop()


def describe(word: str, syllables: Sequence[str] = ()) -> tuple[str, str]:
    """The word's pinyin, written as a word, and its first meaning: in its reading in context.

    Cheaper than the pop-up's ``gloss`` (a list shows thousands of words):
    the entry read as the sentence reads it, else a common word's before a
    name's, the richest first; its first definition that is a meaning.

    >>> describe("银行", ["yín", "háng"]), describe("行", ["xíng"])
    (('yínháng', 'bank'), ('xíng', 'to walk'))
    """
    shown = " ".join(syllables)
    best, best_rank = None, None
    for entry in dictionary.lookup(word):
        meanings = [
            _readable(d) for d in entry.definitions if not dictionary.SKIP_DEFINITION.match(d)
        ]
        rank = (
            numbered_to_marks(entry.pinyin).lower() != shown.lower(),
            entry.pinyin[:1].isupper(),  # a name's reading after a common word's
            -len(meanings),  # the richest entry first, as the pop-up has it
        )
        if best_rank is None or rank < best_rank:
            best, best_rank = (entry, meanings), rank
    if best is None:
        return (word_pinyin(syllables) if syllables else ""), ""
    entry, meanings = best
    meaning = meanings[0] if meanings else _readable(entry.definitions[0])
    return entry_pinyin(entry.pinyin), meaning


def _readable(definition: str) -> str:
    text = _REFERENCE.sub(r"\1", _NOISE.sub("", definition)).replace("(coll.)", "colloquial:")
    return _BARE_READING.sub(lambda m: entry_pinyin(m[1]), text)


def _squeeze(text: str) -> str:
    return re.sub(r"[\s'’·-]", "", unicodedata.normalize("NFC", text.lower()))


def _has_tone_marks(text: str) -> bool:
    return any(
        unicodedata.combining(char) and char != "\u0308"  # ü's dots are no tone
        for char in unicodedata.normalize("NFD", text)
    )


def matches(query: str, entries: Sequence[dictionary.Entry]) -> bool:
    """Whether ``query`` is one of the entries' pinyin (or its start) or a word of a definition."""
    query = query.strip()[:MAX_QUERY]
    if not query:
        return False
    wanted = _squeeze(query)
    english = re.compile(rf"\b{re.escape(query)}\b", re.IGNORECASE)
    for entry in entries:
        numbered = entry.pinyin.lower().replace("u:", "v")
        if any(char.isdigit() for char in wanted):
            pinyin, asked = _squeeze(numbered), wanted.replace("ü", "v")
        elif _has_tone_marks(wanted):
            pinyin, asked = _squeeze(numbered_to_marks(entry.pinyin)), wanted
        else:
            pinyin, asked = _squeeze(toneless(numbered_to_marks(entry.pinyin))), toneless(wanted)
        if len(asked) >= 2 and pinyin.startswith(asked):
            return True
        for definition in entry.definitions:
            if not dictionary.SKIP_DEFINITION.match(definition) and english.search(definition):
                return True
    return False
