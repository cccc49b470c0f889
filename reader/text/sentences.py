"""Split a paragraph into sentences, Chinese or English.

Every sentence is a slice of the paragraph with its surrounding
whitespace stripped, so nothing is lost or reordered: joining the
sentences gives back the paragraph minus whitespace.

Chinese ends a sentence after 。！？；… (and their ASCII forms), keeping
closing quotes and brackets with the sentence they close; commas never
split::

    >>> split_zh("他说：“好。”然后走了。")
    ['他说：“好。”', '然后走了。']

English ends a sentence after . ! ? when the next sentence visibly
starts (a capital, a digit or an opening quote), except after an
abbreviation, an initial or inside a number::

    >>> split_en('Gen. Mark Milley spoke. "I\\'m not sure," he said. It was 3.5 a.m.')
    ['Gen. Mark Milley spoke.', '"I\\'m not sure," he said.', 'It was 3.5 a.m.']

ASCII ``"`` is both the opening and the closing quote; which one it is
follows from how many came before it in the paragraph (an odd count
means a quotation is open).
"""

from reader.text.lang import is_han

__all__ = ["split_en", "split_zh"]

_ZH_FINAL = "。！？；!?;…｡"
_EN_FINAL = ".!?…"
# Closing quotes and brackets that belong to the sentence before them.
_CLOSERS = "”’」』）》〉】］)]}»"
_OPENERS = "“‘「『（《〈【［([{«"


def split_zh(text: str) -> list[str]:
    """Split Chinese text into sentences."""
    cuts = []
    quote_open = False
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == '"':
            quote_open = not quote_open
        elif char in _ZH_FINAL or (char == "." and _is_zh_period(text, i)):
            j = i + 1
            while j < n and (text[j] in _ZH_FINAL or text[j] == "."):  # ……, ？！, ...
                j += 1
            j, quote_open = _skip_closers(text, j, quote_open)
            cuts.append(j)
            i = j
            continue
        i += 1
    return _cut(text, cuts)


def _is_zh_period(text: str, i: int) -> bool:
    """An ASCII full stop ends a Chinese sentence when it follows Chinese
    (a Han character or closing punctuation) and starts no number: not in
    3.5, U.S. or a web address."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if not (is_han(before) or before in _CLOSERS or before in "\"'"):
        return False
    return not (after.isascii() and after.isalnum())


def _skip_closers(text: str, j: int, quote_open: bool) -> tuple[int, bool]:
    """Move ``j`` past the closing quotes and brackets that end a sentence."""
    n = len(text)
    while j < n:
        char = text[j]
        if char in _CLOSERS:
            j += 1
        elif char == '"' and quote_open:
            quote_open = False
            j += 1
        elif char == "'" and (j + 1 == n or text[j + 1].isspace() or text[j + 1] in _CLOSERS):
            j += 1
        else:
            break
    return j, quote_open


def _cut(text: str, cuts: list[int]) -> list[str]:
    sentences = []
    start = 0
    for end in [*cuts, len(text)]:
        sentence = text[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = end
    return sentences


# A full stop after these never ends a sentence: titles before a name,
# and Latin shorthands that always continue.
_ABBREVIATIONS = frozenset(
    """mr. mrs. ms. messrs. dr. prof. gen. lt. col. maj. capt. sgt. cpl. pvt. adm. cmdr.
    sen. rep. gov. pres. rev. hon. st. mt. ft. vs. v. e.g. i.e. cf. approx.""".split()
)
# ...nor after these when a number follows (No. 1, Sept. 11, Fig. 3).
_NUMBER_ABBREVIATIONS = frozenset(
    """no. nos. fig. figs. vol. p. pp. art. ch. sec. jan. feb. mar. apr. jun. jul. aug.
    sep. sept. oct. nov. dec.""".split()
)
# These often end a sentence too ("...in the U.S. The next day"), so a full
# stop after them ends one only when a typical sentence opener follows.
_AMBIGUOUS = frozenset(
    """u.s. u.k. u.n. e.u. d.c. a.m. p.m. etc. inc. co. corp. ltd. llc. jr. sr. bros.""".split()
)
_OPENER_WORDS = frozenset(
    """the a an he she it they we i you his her its their our my this that these those
    there here but and or so yet if when while after before as in on at for from by with
    however meanwhile officials some many most no not what why how who where""".split()
)


def split_en(text: str) -> list[str]:
    """Split English text into sentences."""
    cuts = []
    quote_open = False
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == '"':
            quote_open = not quote_open
        elif char in _EN_FINAL:
            j = i + 1
            while j < n and text[j] in _EN_FINAL:
                j += 1
            end, quote_open = _skip_closers(text, j, quote_open)
            if _ends_en_sentence(text, i, j, end, quote_open):
                cuts.append(end)
            i = end
            continue
        i += 1
    return _cut(text, cuts)


def _ends_en_sentence(text: str, first: int, last: int, end: int, quote_open: bool) -> bool:
    """Whether the final punctuation ``text[first:last]`` (closers up to
    ``end``) ends a sentence."""
    rest = text[end:]
    if not rest.strip():
        return True
    if rest[0].isspace():
        start = len(rest) - len(rest.lstrip())
        if not _starts_sentence(rest[start:], quote_open):
            return False
    elif not (rest[0] in '“"' and _starts_sentence(rest, quote_open)):
        # Glued to what follows (3.5, U.S., e.g.), unless a quotation opens
        # right away as in 'meeting."I'm' from careless copy-and-paste.
        return False

    if text[first:last] != ".":
        return True  # ! ? ... and the like have no abbreviation to check
    word = _word_before(text, last).lower()
    next_word = _first_word(rest).lower()
    if word in _ABBREVIATIONS:
        return False
    if word in _NUMBER_ABBREVIATIONS and next_word[:1].isdigit():
        return False
    if word in _AMBIGUOUS or _is_initial(word) or _is_dotted_acronym(word):
        return next_word in _OPENER_WORDS
    return True


def _starts_sentence(rest: str, quote_open: bool) -> bool:
    """Whether ``rest`` opens like a sentence: capital, digit, or an
    opening quote or bracket before one."""
    i = 0
    while i < len(rest) and (rest[i] in _OPENERS or (rest[i] == '"' and not quote_open)):
        if rest[i] == '"':
            quote_open = True
        i += 1
    if i == len(rest):
        return False
    char = rest[i]
    return char.isupper() or char.isdigit() or is_han(char)


def _word_before(text: str, last: int) -> str:
    """The whitespace-delimited word ending at ``text[last - 1]``, openers stripped."""
    start = last
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:last].lstrip(_OPENERS + "\"'")


def _first_word(rest: str) -> str:
    word = rest.split(maxsplit=1)[0] if rest.strip() else ""
    return word.strip(_OPENERS + _CLOSERS + "\"'.,;:!?")


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[0].isalpha() and word[1] == "."


def _is_dotted_acronym(word: str) -> bool:
    parts = word.split(".")
    return len(parts) >= 3 and parts[-1] == "" and all(len(p) == 1 for p in parts[:-1])
