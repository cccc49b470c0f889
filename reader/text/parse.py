"""Read a seed file: one language's paragraphs, then the other's.

The seed format is UTF-8 text with one paragraph per line. Blank lines
are ignored; CRLF/CR line ends, a BOM and surrounding (also full-width)
spaces are tolerated. Lines are sorted into Chinese and English by
script (see ``lang.is_chinese``) and must form two blocks, in either
order. The first line of a block is that side's title when it reads as
a headline: much shorter than the block's other paragraphs and not
ending like a sentence. Both titles may also stand together at the top
(English title, Chinese title, English paragraphs, Chinese paragraphs).

>>> a = parse_seed("普京已经接近朝鲜。\\nPutin meets Kim\\nPutin has approached North Korea.")
>>> a.title_en, a.title_zh, a.zh, a.en
('Putin meets Kim', '', ['普京已经接近朝鲜。'], ['Putin has approached North Korea.'])

Anything else (an empty file, a missing side, languages interleaved, a
control character such as NUL, too many bytes or paragraphs) raises
``SeedFormatError`` with a message a teacher can act on. Two sides that
parse but can hardly be one article (thousands of paragraphs against a
handful) get a warning from ``mismatch`` for the teacher to confirm.
"""

import math
import re
import statistics
from dataclasses import dataclass

from reader.text.lang import han_count, has_letters, is_chinese

__all__ = [
    "MAX_BYTES",
    "MAX_PARAGRAPHS",
    "ParsedArticle",
    "SeedFormatError",
    "check_limits",
    "check_size",
    "control_character",
    "decode",
    "mismatch",
    "opening_title",
    "parse_bytes",
    "parse_seed",
    "parse_sides",
    "typed_text_problem",
]

# What one article may be: its file (or two pasted texts together) in bytes of
# UTF-8, and each side's paragraphs.
MAX_BYTES = 2 * 1024 * 1024
MAX_PARAGRAPHS = 5000


class SeedFormatError(ValueError):
    """The uploaded text is not a usable seed file; the message says why."""


@dataclass(frozen=True)
class ParsedArticle:
    """The two sides of an article, titles blank when the file has none."""

    title_en: str
    title_zh: str
    zh: list[str]
    en: list[str]


def decode(data: bytes) -> str:
    """Decode an uploaded file as UTF-8, dropping a BOM.

    Raises ``SeedFormatError`` for anything else, naming the offending
    byte and, when the bytes read as Chinese in a legacy encoding, that
    encoding, so the teacher knows to re-save the file as UTF-8.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SeedFormatError("the file is UTF-16 text; save it as UTF-8 and upload it again")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = f"not UTF-8 text (byte 0x{data[error.start]:02X} at position {error.start})"
        legacy = _legacy_encoding(data)
        if legacy:
            message += f"; it looks like {legacy}, save it as UTF-8 and upload it again"
        else:
            message += "; save it as UTF-8 (in most editors: Save as… → Encoding) and try again"
        raise SeedFormatError(message) from None


def _legacy_encoding(data: bytes) -> str | None:
    """Name the legacy Chinese encoding ``data`` looks like, if any.

    GBK and Big5 share their byte ranges, so either often decodes text
    written in the other. What tells them apart: real GBK text is almost
    all GB2312 (the 6763 common simplified characters), while Big5 read
    as GBK lands about half its characters outside GB2312.
    """
    try:
        as_gb = data.decode("gb18030")
    except UnicodeDecodeError:
        as_gb = None
    if as_gb is not None:
        hans = [c for c in as_gb if han_count(c)]
        if hans and sum(_in_gb2312(c) for c in hans) >= 0.9 * len(hans):
            return "GB18030 (GBK/GB2312)"
    try:
        as_big5 = data.decode("big5")
    except UnicodeDecodeError:
        return None
    return "Big5" if han_count(as_big5) else None


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def parse_bytes(data: bytes) -> ParsedArticle:
    """``parse_seed(decode(data))``."""
    return parse_seed(decode(data))


def check_size(size: int, max_bytes: int = MAX_BYTES) -> None:
    """Refuse a text of more than ``max_bytes`` bytes (of UTF-8), naming both sizes."""
    if size > max_bytes:
        # Rounded up, so that a text just over the limit never reads as equal to it.
        over = math.ceil(size / 2**20 * 10) / 10
        raise SeedFormatError(f"the text is {over:g} MB; the limit is {_megabytes(max_bytes)}")


def check_limits(parsed: "ParsedArticle", max_paragraphs: int = MAX_PARAGRAPHS) -> None:
    """Refuse an article with more than ``max_paragraphs`` paragraphs on a side."""
    for name, paragraphs in (("Chinese", parsed.zh), ("English", parsed.en)):
        if len(paragraphs) > max_paragraphs:
            raise SeedFormatError(
                f"the {name} side has {len(paragraphs):,} paragraphs; the limit is "
                f"{max_paragraphs:,}"
            )


def _megabytes(size: int) -> str:
    return f"{size / 2**20:g} MB"


# Translations keep roughly the same number of paragraphs (a few captions
# and merges aside) and about 3 English characters per Chinese one (1.6 to 5
# across the evaluation texts); past these bounds the sides are likely not
# each other's translation, or one is cut short.
_PARAGRAPH_RATIO = 4
_PARAGRAPH_SLACK = 10
_LENGTH_RATIO = (0.6, 12.0)
# Below this many Chinese characters (a line or two) the ratio says too little.
_MIN_HAN_FOR_RATIO = 50


# An untitled article is named by its opening words, at most this many characters.
_OPENING_TITLE = 20
_TITLE_MARKS = "。！？!?…；;.，,、：:\"'“”‘’「」『』（）()《》〈〉【】[] \u3000"


def opening_title(zh: list[str]) -> str:
    """A heading for an article whose text has none: its first Chinese sentence, or its start.

    >>> opening_title(["下雪了！今天早上，窗外白白的一片。"])
    '下雪了'
    >>> opening_title(["“下雪了！”他说。"]), opening_title(["（图）"])
    ('下雪了', '图')
    >>> opening_title(["四月初，江南的雨一场接着一场，从城里坐一个半小时的长途汽车就到了。"])
    '四月初，江南的雨一场接着一场，从城里坐一…'
    """
    from reader.text.sentences import split_zh

    first = split_zh(zh[0])[0] if zh and zh[0].strip() else ""
    # Marks at either end go (“下雪了！”他说 → 下雪了), so that no quote is left open.
    first = first.strip().strip(_TITLE_MARKS)
    return first if len(first) <= _OPENING_TITLE else first[:_OPENING_TITLE] + "…"


def mismatch(parsed: "ParsedArticle") -> str | None:
    """A warning when the two sides can hardly be one article; None when they can.

    >>> mismatch(ParsedArticle("", "", ["一段。"] * 200, ["One paragraph."] * 9))[:48]
    'The Chinese has 200 paragraphs and the English 9'
    >>> mismatch(ParsedArticle("", "", ["我们去银行。"], ["We go to the bank."])) is None
    True
    >>> rainy = ["今天下雨了，我们在家里看书、写字、听音乐。"] * 3
    >>> mismatch(ParsedArticle("", "", rainy, ["It rained."]))[:40]
    'The Chinese has 51 characters and the En'
    """
    nz, ne = len(parsed.zh), len(parsed.en)
    few, many = sorted((nz, ne))
    if many > _PARAGRAPH_RATIO * few + _PARAGRAPH_SLACK:
        return (
            f"The Chinese has {nz:,} paragraphs and the English {ne:,}: the two sides may not "
            "be one article, or one of them may be cut short."
        )
    han = han_count("".join(parsed.zh))
    latin = sum(len(p) for p in parsed.en)
    if han >= _MIN_HAN_FOR_RATIO and not _LENGTH_RATIO[0] <= latin / han <= _LENGTH_RATIO[1]:
        return (
            f"The Chinese has {han:,} characters and the English {latin:,}, far from what a "
            "translation has (about three English letters for each Chinese character): the "
            "two sides may not be one article."
        )
    return None


# C0 and C1 control characters other than tab and line ends (and the
# separators Unicode uses for lines): a sign of a binary or broken file.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_character(text: str) -> str | None:
    """Where ``text`` holds a control character, in words; None when it holds none.

    >>> control_character("第一行\\n第二\\x07行")
    'line 2 holds a control character (U+0007), which is not text'
    """
    found = _CONTROL.search(text)
    if found is None:
        return None
    char = found.group()
    line = text.count("\n", 0, found.start()) + 1
    name = {"\x00": "NUL", "\x7f": "DEL"}.get(char, "a control character")
    return f"line {line} holds {name} (U+{ord(char):04X}), which is not text"


def _refuse_control_characters(text: str) -> None:
    problem = control_character(text)
    if problem is not None:
        raise SeedFormatError(f"{problem}: save the file as plain UTF-8 text and try again")


def typed_text_problem(text: str, name: str) -> str | None:
    """What is wrong with a text typed or pasted into a box (``name``: "Chinese"…), if any.

    >>> typed_text_problem("我们\\x07去", "Chinese")[:60]
    'the Chinese text: line 1 holds a control character (U+0007),'
    """
    problem = control_character(text)
    if problem is None:
        return None
    return f"the {name} text: {problem}: delete it and try again"


# str.strip() already removes the full-width space U+3000; these are the
# invisible characters it keeps that editors and web pages leave behind.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"

# A sentence end: final punctuation, then any closing quotes or brackets.
_EN_SENTENCE_END = re.compile(r"[.!?…]['\"’”)\]]*$")
_ZH_SENTENCE_END = re.compile(r"[。！？!?.…；;]['\"’”」』）)》〉】\]]*$")
# A line ending in these is cut off mid-sentence, not a headline.
_CONTINUES = re.compile(r"[,，、:：;；]$")

# A title is at most this long, and at most this share of the block's
# median paragraph length (the seed: 86 characters against ~200).
_MAX_TITLE = {"en": 200, "zh": 60}
_TITLE_SHARE = 0.6


def parse_seed(text: str) -> ParsedArticle:
    """Split a seed file's text into titles and the two sides' paragraphs."""
    _refuse_control_characters(text)
    lines = _lines(text)
    if not lines:
        raise SeedFormatError("the file is empty")
    blocks = _blocks(lines)
    langs = {lang for lang, _ in blocks}
    if "zh" not in langs and "en" not in langs:
        raise SeedFormatError(
            "no Chinese paragraphs and no English paragraphs (no line has letters)"
        )
    if "zh" not in langs:
        raise SeedFormatError("no Chinese paragraphs (every line reads as English)")
    if "en" not in langs:
        raise SeedFormatError("no English paragraphs (every line reads as Chinese)")

    titles = {"zh": "", "en": ""}
    if len(blocks) == 4 and _titles_on_top(blocks):
        for lang, block in blocks[:2]:
            titles[lang] = block[0][1]
        blocks = blocks[2:]
    if len(blocks) > 2:
        raise SeedFormatError(_interleaved_message(blocks))

    sides: dict[str, list[str]] = {}
    for lang, block in blocks:
        paragraphs = [line for _, line in block]
        if not titles[lang] and _has_title(paragraphs, lang):
            titles[lang], paragraphs = paragraphs[0], paragraphs[1:]
        sides[lang] = paragraphs
    return ParsedArticle(
        title_en=titles["en"], title_zh=titles["zh"], zh=sides["zh"], en=sides["en"]
    )


def parse_sides(zh_text: str, en_text: str) -> ParsedArticle:
    """Two pasted texts, one a side, each one paragraph per line with an optional title line.

    >>> a = parse_sides("去银行\\n我们去银行。\\n他在行走。", "We go to the bank.\\nHe walks.")
    >>> a.title_zh, a.zh, a.title_en, a.en
    ('去银行', ['我们去银行。', '他在行走。'], '', ['We go to the bank.', 'He walks.'])

    Each box must hold its own language: mostly Han characters on the
    Chinese side, hardly any on the English side.
    """
    sides: dict[str, list[str]] = {}
    titles = {"zh": "", "en": ""}
    for lang, text, name in (("zh", zh_text, "Chinese"), ("en", en_text, "English")):
        problem = typed_text_problem(text, name)
        if problem is not None:
            raise SeedFormatError(problem)
        paragraphs = [line for _, line in _lines(text)]
        if not paragraphs:
            raise SeedFormatError(f"the {name} text is empty")
        joined = "".join(paragraphs)
        if lang == "zh" and not is_chinese(joined):
            raise SeedFormatError("the Chinese text has hardly any Chinese characters in it")
        if lang == "en" and (not has_letters(joined) or is_chinese(joined)):
            raise SeedFormatError("the English text is not English (it reads as Chinese)")
        if _has_title(paragraphs, lang):
            titles[lang], paragraphs = paragraphs[0], paragraphs[1:]
        sides[lang] = paragraphs
    return ParsedArticle(
        title_en=titles["en"], title_zh=titles["zh"], zh=sides["zh"], en=sides["en"]
    )


def _lines(text: str) -> list[tuple[int, str]]:
    """Non-blank stripped lines with their 1-based line numbers."""
    numbered = []
    for number, raw in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        line = raw.strip().strip(_INVISIBLE).strip()
        if line:
            numbered.append((number, line))
    return numbered


Block = list[tuple[int, str]]


def _blocks(lines: list[tuple[int, str]]) -> list[tuple[str, Block]]:
    """Group consecutive lines of one language into blocks.

    A line with no letters at all (``***``, ``2023``) belongs to no
    language, so it stays in the block it sits in rather than splitting
    it; before any language is known it joins the first block.
    """
    blocks: list[tuple[str, Block]] = []
    pending: Block = []
    for number, line in lines:
        if not has_letters(line):
            if blocks:
                blocks[-1][1].append((number, line))
            else:
                pending.append((number, line))
            continue
        lang = "zh" if is_chinese(line) else "en"
        if blocks and blocks[-1][0] == lang:
            blocks[-1][1].append((number, line))
        else:
            blocks.append((lang, pending + [(number, line)]))
            pending = []
    if pending:  # only letterless lines: nothing to attach them to
        blocks.append(("?", pending))
    return blocks


def _titles_on_top(blocks: list[tuple[str, Block]]) -> bool:
    """Whether four blocks are title A, title B, paragraphs A, paragraphs B."""
    (la, ta), (lb, tb), (lc, pc), (ld, pd) = blocks
    return (
        len(ta) == 1
        and len(tb) == 1
        and (lc, ld) == (la, lb)
        and _is_headline(ta[0][1], [line for _, line in pc], la)
        and _is_headline(tb[0][1], [line for _, line in pd], lb)
    )


def _has_title(paragraphs: list[str], lang: str) -> bool:
    """Whether a block's first line is its title rather than its first paragraph."""
    return len(paragraphs) >= 2 and _is_headline(paragraphs[0], paragraphs[1:], lang)


def _is_headline(line: str, body: list[str], lang: str) -> bool:
    """A line is a headline when it does not end like a sentence and is
    much shorter than the typical paragraph of the text it heads."""
    ends = _ZH_SENTENCE_END if lang == "zh" else _EN_SENTENCE_END
    if ends.search(line) or _CONTINUES.search(line):
        return False
    if len(line) > _MAX_TITLE.get(lang, 0):
        return False
    typical = statistics.median(len(paragraph) for paragraph in body)
    return len(line) <= _TITLE_SHARE * typical


def _interleaved_message(blocks: list[tuple[str, Block]]) -> str:
    names = {"zh": "Chinese", "en": "English", "?": "unknown"}
    starts = ", ".join(f"{names[lang]} from line {block[0][0]}" for lang, block in blocks[:4])
    if len(blocks) > 4:
        starts += ", …"
    return (
        "Chinese and English lines are interleaved; the seed format is one language "
        f"block then the other (found {len(blocks)} blocks: {starts})"
    )
