"""The words an article is found by, and a learner's query made safe for the database.

An article's search document is its words, lowercased and space-separated:
the titles, the Chinese words as the pipeline cut them at import, and the
English. Anything but letters and digits is dropped, so that SQLite's FTS5
and PostgreSQL's 'simple' parser cut the document into the same words::

    >>> search_words("Putin's 152-mm howitzers")
    ['putin', 's', '152', 'mm', 'howitzers']
    >>> search_words("普京")
    ['普京']

A query is cut the same way, and an article must have all its words. An
English word matches the words it begins (``howitzer`` finds
``howitzers``); Chinese matches whole words, as the pipeline cut them
(``普京`` finds ``普京``; ``京`` or ``普`` alone find nothing). Learners type
Chinese without spaces, so a run of characters matches those characters as
whole words in a row, however the import cut them: ``下雪了`` finds
下雪 了, and so would it 下 雪 了. The words are quoted for each engine, so
quotes and operators a learner types are only ever words::

    >>> terms = query_terms('howitzer OR "普京')
    >>> terms
    ['howitzer', 'or', '普京']
    >>> fts5_match(terms)
    '"howitzer"* AND "or"* AND ("普京" OR "普 京")'
    >>> tsquery(terms)
    "'howitzer':* & 'or':* & ('普京' | '普' & '京')"

(PostgreSQL's phrase operator counts word positions only up to 16,383, so
the tsquery asks only for a cut's words, and ``phrases`` gives the words in
a row that the database then looks for in the document itself.)
"""

import re

from reader.text.lexicon import HAN, HAN_RE
from reader.text.script import Script, convert

__all__ = [
    "MAX_TERMS",
    "cuts",
    "fts5_match",
    "phrases",
    "query_terms",
    "search_words",
    "tsquery",
]

MAX_QUERY = 200  # characters of a query read at all
MAX_TERMS = 8
MAX_TERM = 40  # characters of one word
# A run of Chinese this long or shorter is looked for in every way it can be cut
# into words (2 ** (n - 1) ways); a longer one, rarely typed, only as one word.
MAX_CUT = 7

_WORD = re.compile(r"[^\W_]+")
_HAN_RUN = re.compile(f"[{HAN}]+")


def search_words(text: str) -> list[str]:
    """The runs of letters and digits in ``text``, lowercased."""
    return _WORD.findall(text.lower())


def query_terms(query: str) -> list[str]:
    """The first few words of a learner's query, each cut to a sane length; traditional
    characters read as the simplified the index holds (國家 finds 国家)."""
    words = search_words(convert(query[:MAX_QUERY], Script.SIMPLIFIED))
    return list(dict.fromkeys(word[:MAX_TERM] for word in words))[:MAX_TERMS]


def _prefix(term: str) -> bool:
    return not HAN_RE.search(term)


def cuts(term: str) -> list[list[str]]:
    """The ways a term can stand in the index: a run of Chinese, cut into words every way.

    >>> cuts("下雪了")
    [['下雪了'], ['下', '雪了'], ['下雪', '了'], ['下', '雪', '了']]
    >>> cuts("howitzer")
    [['howitzer']]
    """
    if len(term) > MAX_CUT or not _HAN_RUN.fullmatch(term):
        return [[term]]
    out = []
    for mask in range(2 ** (len(term) - 1)):
        ends = [k for k in range(1, len(term)) if mask >> (k - 1) & 1]
        out.append([term[a:b] for a, b in zip([0, *ends], [*ends, len(term)], strict=True)])
    return out


def fts5_match(terms: list[str]) -> str:
    """An FTS5 MATCH expression: every term quoted, English ones as prefixes, Chinese
    ones as any of their cuts (``cuts``), each a phrase."""

    def quoted(words: list[str]) -> str:
        return '"{}"'.format(" ".join(words).replace('"', '""'))

    def one(term: str) -> str:
        if _prefix(term):
            return quoted([term]) + "*"
        ways = [quoted(words) for words in cuts(term)]
        return ways[0] if len(ways) == 1 else "(" + " OR ".join(ways) + ")"

    return " AND ".join(map(one, terms))


def phrases(term: str) -> list[str]:
    """A Chinese term's cuts as the document writes them, words a space apart; [] for a
    term that is one word however it is cut.

    >>> phrases("下雪"), phrases("普京")[1:], phrases("bank")
    (['下雪', '下 雪'], ['普 京'], [])
    """
    ways = cuts(term)
    return [" ".join(words) for words in ways] if len(ways) > 1 else []


def tsquery(terms: list[str]) -> str:
    """A PostgreSQL ``to_tsquery`` expression: every term quoted, English ones as prefixes,
    Chinese ones as any of their cuts (``cuts``), each cut's words all there (in a row:
    ``phrases``)."""

    def quoted(word: str) -> str:
        return "'{}'".format(word.replace("\\", "\\\\").replace("'", "''"))

    def one(term: str) -> str:
        if _prefix(term):
            return quoted(term) + ":*"
        ways = [" & ".join(map(quoted, words)) for words in cuts(term)]
        return ways[0] if len(ways) == 1 else "(" + " | ".join(ways) + ")"

    return " & ".join(map(one, terms))
