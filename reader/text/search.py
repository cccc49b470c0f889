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
``howitzers``); a Chinese word matches only itself, as the pipeline cut it
(``普京`` finds ``普京``; ``京`` or ``普`` alone find nothing). The words are
quoted for each engine, so quotes and operators a learner types are only
ever words::

    >>> terms = query_terms('howitzer OR "普京')
    >>> terms
    ['howitzer', 'or', '普京']
    >>> fts5_match(terms)
    '"howitzer"* "or"* "普京"'
    >>> tsquery(terms)
    "'howitzer':* & 'or':* & '普京'"
"""

import re

from reader.text.lexicon import HAN_RE
from reader.text.script import Script, convert

__all__ = ["MAX_TERMS", "fts5_match", "query_terms", "search_words", "tsquery"]

MAX_QUERY = 200  # characters of a query read at all
MAX_TERMS = 8
MAX_TERM = 40  # characters of one word

_WORD = re.compile(r"[^\W_]+")


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


def fts5_match(terms: list[str]) -> str:
    """An FTS5 MATCH expression: every term quoted, English ones as prefixes."""
    quoted = ('"{}"'.format(term.replace('"', '""')) for term in terms)
    return " ".join(q + "*" if _prefix(t) else q for t, q in zip(terms, quoted, strict=True))


def tsquery(terms: list[str]) -> str:
    """A PostgreSQL ``to_tsquery`` expression: every term quoted, English ones as prefixes."""
    quoted = ("'{}'".format(term.replace("\\", "\\\\").replace("'", "''")) for term in terms)
    return " & ".join(q + ":*" if _prefix(t) else q for t, q in zip(terms, quoted, strict=True))
