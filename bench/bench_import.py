"""The save-time pipeline on real text: time per 100 paragraphs, beside jieba and before.

    python bench/bench_import.py            (or: make bench)

Runs ``reader.text.pipeline.build_pairs`` (align paragraphs, align sentences,
pinyin, levels, word links: everything an import does but the database
writes) over the Chinese and English of every article in tests/data/align,
and, on the same machine in the same run, the same over the pipeline as it
was at ``BASELINE`` (checked out of git into a temporary folder), so that
the two figures are side by side. Each side runs in a process of its own
with jieba, its tag table and the dictionary loaded first, best of three.

Prints, for each: milliseconds per 100 Chinese paragraphs, how many times
jieba was called per paragraph, and the ratio to jieba alone segmenting
the same paragraphs once in the same process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The last commit before each text was segmented once per import.
BASELINE = "9374af4"

MEASURE = r"""
import glob, json, sys, time
import jieba
from reader.text import pipeline
try:
    from reader.text.words import split_words, word_class
except ImportError:  # before words.py was segment.py
    from reader.text.segment import words as split_words, word_class

articles = [json.load(open(path, encoding="utf-8")) for path in sorted(glob.glob(sys.argv[1]))]
split_words("预热")
word_class("跑")  # jieba's tag table
pipeline.build_pairs(["我们去银行。"], ["We go to the bank."])
calls = [0]
cut = jieba.Tokenizer.cut
def counting(self, *args, **kwargs):
    calls[0] += 1
    return cut(self, *args, **kwargs)
best = float("inf")
for _ in range(3):
    jieba.Tokenizer.cut = counting
    calls[0] = 0
    start = time.perf_counter()
    for article in articles:
        pipeline.build_pairs(article["zh"], article["en"])
    best = min(best, time.perf_counter() - start)
    jieba.Tokenizer.cut = cut
tokenizer = jieba.Tokenizer()
tokenizer.initialize()
alone = float("inf")
for _ in range(3):
    start = time.perf_counter()
    for article in articles:
        for paragraph in article["zh"]:
            list(tokenizer.cut(paragraph))
    alone = min(alone, time.perf_counter() - start)
paragraphs = sum(len(article["zh"]) for article in articles)
print(json.dumps({"seconds": best, "paragraphs": paragraphs, "calls": calls[0], "jieba": alone}))
"""


def measure(root: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(ROOT / "tests" / "data" / "align" / "*.json")],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def baseline_tree(folder: Path) -> bool:
    """Check ``BASELINE``'s reader/ out into ``folder``; False without git or the commit."""
    try:
        archive = subprocess.run(
            ["git", "archive", BASELINE, "reader"], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    except (OSError, subprocess.CalledProcessError):
        return False
    return True


def line(name: str, figures: dict) -> str:
    per_100 = figures["seconds"] / figures["paragraphs"] * 100 * 1000
    calls = figures["calls"] / figures["paragraphs"]
    ratio = figures["seconds"] / figures["jieba"]
    return f"  {name:22} {per_100:7.0f} ms   {calls:5.2f}   {ratio:6.1f} ×"


def main() -> dict:
    results = {"now": measure(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        if baseline_tree(Path(tmp)):
            results["baseline"] = measure(Path(tmp))
    n = results["now"]["paragraphs"]
    print(f"save-time pipeline on tests/data/align ({n} Chinese paragraphs), best of 3")
    print(f"  {'':22} {'per 100 ¶':>10}   {'jieba/¶':>7}   {'vs jieba':>7}")
    if "baseline" in results:
        print(line(f"before ({BASELINE})", results["baseline"]))
    else:
        print(f"  before ({BASELINE}): not measured (no git history here)")
    print(line("now", results["now"]))
    return results


if __name__ == "__main__":
    main()
