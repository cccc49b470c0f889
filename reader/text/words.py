"""Cut Chinese text into words with jieba (precise mode, HMM on).

jieba decides the Chinese words; runs of anything else are re-cut here
so that a Latin word or a number is one token, each punctuation mark is
its own token and whitespace disappears::

    >>> split_words("我们去银行。")
    ['我们', '去', '银行', '。']
    >>> split_words("在与Raddatz的谈话中，增长了3.5%")
    ['在', '与', 'Raddatz', '的', '谈话', '中', '，', '增长', '了', '3.5', '%']

Joining the tokens gives back the text minus its whitespace. Dictionary
words that mix scripts (卡拉OK, B超) stay whole, as jieba knows them.

The words are for a learner to look up, so a word jieba makes up that
CC-CEDICT does not have (很长, 请系, 离职采访) is cut again into the fewest
CC-CEDICT words; names stay whole, and a transliterated name keeps its
parts whole around the middle dot::

    >>> split_words("请系好安全带，这条河很长。")
    ['请', '系', '好', '安全带', '，', '这', '条', '河', '很', '长', '。']
    >>> split_words("马克·米利将军说")
    ['马克', '·', '米利', '将军', '说']

Use ``split_words`` rather than jieba directly: the tokenizer here is
private to the module, loaded once per process on first use.
"""

import logging
import re
import threading
from functools import cache, lru_cache
from itertools import chain

import jieba

from reader.text import dictionary, english
from reader.text.lexicon import HAN, HAN_RE, NAME_DOTS, NOT_IN_NAMES, SURNAMES, TRANSLIT_CHARS
from reader.text.script import Script, convert

__all__ = ["NAME_TAGS", "is_name_like", "split_texts", "split_words", "with_spaces", "word_class"]

_tokenizer: jieba.Tokenizer | None = None
_lock = threading.Lock()


def get_tokenizer() -> jieba.Tokenizer:
    # Double-checked so that concurrent first requests load the
    # dictionary once; after that no lock is taken.
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                # jieba logs its dictionary loading at DEBUG to stderr.
                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _tokenizer = tokenizer
    return _tokenizer


@cache
def _word_tags() -> dict[str, str]:
    # jieba's dictionary carries a part-of-speech tag on every word; the
    # table is read once, the first time a tag is asked for.
    from jieba.posseg import POSTokenizer

    return POSTokenizer(get_tokenizer()).word_tag_tab


def word_class(word: str) -> str:
    """jieba's dictionary part of speech for ``word`` ("v", "n", "ad", ...; "" if unknown).

    >>> word_class("跑"), word_class("书"), word_class("高兴地")
    ('v', 'n', '')
    """
    return _word_tags().get(word, "")


def split_words(text: str) -> list[str]:
    """Cut ``text`` into word, number and punctuation tokens, dropping whitespace."""
    return split_texts([text])[0]


def split_texts(texts: list[str]) -> list[list[str]]:
    """``split_words`` of each text, the dictionary read once for them all.

    Every later step looks the words up, so their entries are read as soon as
    jieba has cut: for an article's paragraphs cut together, a few queries in
    all rather than a few for every paragraph.
    """
    cuts = [_cut(text) for text in texts]
    dictionary.prefetch(chain(*cuts, *texts))  # the words and the characters
    return [_entry_words(_join_dotted_names(_jieba_words(cut))) for cut in cuts]


def _entry_words(tokens: list[str]) -> list[str]:
    """The tokens, each that CC-CEDICT lacks (and no name) cut again into its entries."""
    out: list[str] = []
    for token in tokens:
        if _needs_split(token):
            out.extend(_split_into_entries(token))
        else:
            out.append(token)
    return out


def with_spaces(text: str, tokens: list[str]) -> list[str]:
    """``tokens`` of ``text`` (from ``split_words``) with the spaces the writer typed put back.

    ``split_words`` drops whitespace, which suits alignment; the reader shows
    the text as written: a run of spaces between two tokens comes back as one
    token, its first character (记者 陈晓 stays apart from 记者陈晓).

    >>> with_spaces("记者 陈晓报道", ["记者", "陈晓", "报道"])
    ['记者', ' ', '陈晓', '报道']
    >>> with_spaces("本报记者\u3000\u3000张敏", ["本报", "记者", "张敏"])
    ['本报', '记者', '\u3000', '张敏']
    """
    out: list[str] = []
    at = 0
    for k, token in enumerate(tokens):
        found = text.find(token, at)
        if found < 0:  # not found as written: leave the rest as it is
            return out + tokens[k:]
        gap = text[at:found]
        if out and gap and gap.isspace():
            out.append(gap[0])
        out.append(token)
        at = found + len(token)
    return out


def _jieba_words(cut: list[str]) -> list[str]:
    """jieba's tokens, a run of tokens without Han re-cut as English (``_latin_tokens``)."""
    tokens: list[str] = []
    other: list[str] = []  # a run of jieba tokens without Han, re-cut as one string
    for token in cut:
        if HAN_RE.search(token):
            if other:
                tokens.extend(_latin_tokens("".join(other)))
                other = []
            tokens.append(token)
        else:
            other.append(token)
    if other:
        tokens.extend(_latin_tokens("".join(other)))
    return tokens


def _cut(text: str) -> list[str]:
    """jieba's words of ``text``, as written; traditional text is cut as its simplified form.

    jieba's dictionary is simplified: it would cut 臺灣 into 臺 and 灣. The
    simplified form is exactly as long (``script.convert``), so its words'
    lengths cut the text as written.
    """
    simplified = convert(text, Script.SIMPLIFIED)
    cut = list(get_tokenizer().cut(simplified, cut_all=False, HMM=True))
    if simplified == text:
        return cut
    words, at = [], 0
    for word in cut:
        words.append(text[at : at + len(word)])
        at += len(word)
    return words


def _latin_tokens(text: str) -> list[str]:
    """A run without Han as English's tokens (U.S., 3.5, iPhone15, A-10), whitespace dropped."""
    return [token for token in english.tokenize(text) if not token.isspace()]


# jieba's tags for transliterated and full personal names; its other name
# tags (nr, ns, nt, nz) are on too many plain words (湖水 ns, 盖房子 nr).
NAME_TAGS = ("nrt", "nrfg")
_MAX_ENTRY = 8  # longer CC-CEDICT headwords are too rare to matter in a split


def is_name_like(token: str) -> bool:
    """Whether a word missing from CC-CEDICT looks like a name (kept whole, not counted)."""
    if word_class(token) in NAME_TAGS or all(char in TRANSLIT_CHARS for char in token):
        return True
    return (
        2 <= len(token) <= 3
        and token[0] in SURNAMES
        and word_class(token) in ("", "nr")
        and not NOT_IN_NAMES.intersection(token)
    )


_HAN_WORD_RE = re.compile(f"[{HAN}]{{2,}}")  # two or more Han characters, nothing else


def _needs_split(token: str) -> bool:
    return (
        _HAN_WORD_RE.fullmatch(token) is not None
        and not dictionary.is_word(token)
        and not is_name_like(token)
    )


@lru_cache(maxsize=20_000)
def _split_into_entries(token: str) -> tuple[str, ...]:
    """The fewest CC-CEDICT words that make up ``token`` (a lone character always may).

    Ties go to the split with the longer words (sum of squared lengths), so
    离职采访 is 离职/采访 and 参谋长联席会议主席 keeps 参谋长 whole.
    """
    n = len(token)
    # Every piece the search may ask about, read from the dictionary in one query.
    dictionary.prefetch(
        token[start:end]
        for end in range(2, n + 1)
        for start in range(max(0, end - _MAX_ENTRY), end - 1)
    )
    best: list[tuple[int, int, int] | None] = [None] * (n + 1)  # (pieces, -score, start)
    best[0] = (0, 0, 0)
    for end in range(1, n + 1):
        for start in range(max(0, end - _MAX_ENTRY), end):
            before = best[start]
            if before is None:
                continue
            piece = token[start:end]
            if end - start > 1 and not dictionary.is_word(piece):
                continue
            pieces, neg_score, _ = before
            candidate = (pieces + 1, neg_score - (end - start) ** 2, start)
            known = best[end]
            if known is None or candidate[:2] < known[:2]:
                best[end] = candidate
    parts = []
    end = n
    while end > 0:
        step = best[end]
        assert step is not None  # a lone character always may: every end is reached
        start = step[2]
        parts.append(token[start:end])
        end = start
    return tuple(reversed(parts))


def _join_dotted_names(tokens: list[str]) -> list[str]:
    """Join the one-character pieces of a name part next to a middle dot (米/利 → 米利)."""
    if NAME_DOTS.isdisjoint(tokens):
        return tokens
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        beside_dot = (i > 0 and tokens[i - 1] in NAME_DOTS) or _run_reaches_dot(tokens, i)
        if beside_dot and len(token) == 1 and token in TRANSLIT_CHARS:
            j = i
            while j < len(tokens) and len(tokens[j]) == 1 and tokens[j] in TRANSLIT_CHARS:
                j += 1
            out.append("".join(tokens[i:j]))
            i = j
        else:
            out.append(token)
            i += 1
    return out


def _run_reaches_dot(tokens: list[str], i: int) -> bool:
    j = i
    while j < len(tokens) and len(tokens[j]) == 1 and tokens[j] in TRANSLIT_CHARS:
        j += 1
    return j > i + 1 and j < len(tokens) and tokens[j] in NAME_DOTS
