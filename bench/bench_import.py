"""The save-time pipeline on real text, beside jieba and before; a 1,000-paragraph job.

    python bench/bench_import.py            (or: make bench)

Imports the Chinese and English of every article in tests/data/align and,
when a ../shared checkout is beside the project, its development sets: each
article once, as an import meets it. Four ways, each in fresh processes
(the least time of three each), beside jieba alone segmenting the same paragraphs in the
same process:

- *the worker's job, rows saved*: ``services.run_job`` on a queued import,
  what the background worker runs for each job (the pipeline, then the
  article, its pairs, segments and search words written to a scratch
  SQLite database), after ``pipeline.warm_up`` (what the worker does once
  before its first job) and one small job; only the jobs are timed;
- *in the worker, no rows*: ``reader.text.pipeline.build_pairs`` alone
  (align paragraphs, align sentences, pinyin, levels, word links), after
  ``pipeline.warm_up``;
- *first in a process, no rows*: with jieba and the dictionary loaded but
  nothing learned yet, as ``import_articles`` meets its first file;
- *before*: the third, for the pipeline as it was at ``BASELINE`` (checked
  out of git into a temporary folder).

Prints milliseconds per 100 Chinese paragraphs, jieba calls per paragraph,
and the ratio to jieba (target for the worker's job: at most 10 times).

Then a 1,000-paragraph-a-side article (the articles above, in turn) is
queued with ``import_articles --queue`` into a scratch database and run by
the real worker (``db_worker --batch``): the job's own time, the worker's
whole run (start-up and warm-up included) and its peak memory.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSETS = ROOT.parent / "shared" / "devsets" / "align"
# The last commit before each text was segmented once per import.
BASELINE = "9374af4"
RUNS = 3
JOB_PARAGRAPHS = 1000
TARGET = 10.0

MEASURE = r"""
import json, sys, time
import jieba
from reader.text import pipeline
try:
    from reader.text.words import split_words, word_class
except ImportError:  # before words.py was segment.py
    from reader.text.segment import words as split_words, word_class

mode, paths = sys.argv[1], sys.argv[2:]
articles = [json.load(open(path, encoding="utf-8")) for path in paths]
split_words("预热")
word_class("跑")  # jieba's tag table
pipeline.build_pairs(["我们去银行。"], ["We go to the bank."])
if mode == "saved":  # the worker's own job function, on a scratch database
    import django
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from reader import services
    from reader.text.parse import ParsedArticle
    call_command("migrate", verbosity=0)
    def queued(zh, en, slug):
        parsed = ParsedArticle(title_en="", title_zh="", zh=zh, en=en)
        return services.queue_import(parsed=parsed, slug=slug, enqueue=False).pk
    services.run_job(queued(["我们去银行。"], ["We go to the bank."], "first"))
    pipeline.warm_up(standard=settings.DUIZHAO_HSK_STANDARD)  # as reader.tasks.warm_up
    jobs = [queued(a["zh"], a["en"], f"article-{n}") for n, a in enumerate(articles)]
    def build(k, article):
        assert services.run_job(jobs[k]).status == "done"
else:
    if mode == "worker":
        pipeline.warm_up()
    def build(k, article):
        pipeline.build_pairs(article["zh"], article["en"])
calls = [0]
cut = jieba.Tokenizer.cut
def counting(self, *args, **kwargs):
    calls[0] += 1
    return cut(self, *args, **kwargs)
jieba.Tokenizer.cut = counting
start = time.process_time()
for k, article in enumerate(articles):
    build(k, article)
seconds = time.process_time() - start
jieba.Tokenizer.cut = cut
tokenizer = jieba.Tokenizer()
tokenizer.initialize()
alone = float("inf")
for _ in range(3):
    start = time.process_time()
    for article in articles:
        for paragraph in article["zh"]:
            list(tokenizer.cut(paragraph))
    alone = min(alone, time.process_time() - start)
paragraphs = sum(len(article["zh"]) for article in articles)
print(json.dumps({"seconds": seconds, "paragraphs": paragraphs, "calls": calls[0], "jieba": alone}))
"""


def articles() -> list[Path]:
    """The real articles measured: the project's, and the development sets when present."""
    paths = sorted((ROOT / "tests" / "data" / "align").glob("*.json"))
    if DEVSETS.is_dir():
        paths += sorted(DEVSETS.glob("*.json"))
    return paths


def measure(root: Path, mode: str, paths: list[Path]) -> dict:
    """The least disturbed of RUNS fresh processes (each article met once per process).

    The pipeline's least time over the runs against jieba's least, not the run
    with the best ratio: on a shared machine that is the run in which jieba
    happened to be slowed the most.
    """
    runs: list[dict] = []
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory(prefix="duizhao-bench-") as tmp:
            out = subprocess.run(
                [sys.executable, "-c", MEASURE, mode, *map(str, paths)],
                cwd=root,
                env={**scratch_env(tmp), "PYTHONPATH": str(root)},
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    return {
        **runs[0],
        "seconds": min(run["seconds"] for run in runs),
        "jieba": min(run["jieba"] for run in runs),
    }


def scratch_env(folder: str) -> dict:
    """This environment for a Django process on an SQLite file of its own in ``folder``."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
        "DJANGO_LOG_LEVEL": "ERROR",
    }


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
    return f"  {name:34} {per_100:7.0f} ms   {calls:5.2f}   {ratio:6.1f} ×"


def long_article(path: Path, paths: list[Path], paragraphs: int = JOB_PARAGRAPHS) -> tuple:
    """A seed-format file of at least ``paragraphs`` a side: whole real articles in turn."""
    zh: list[str] = []
    en: list[str] = []
    while len(zh) < paragraphs or len(en) < paragraphs:
        for source in paths:
            article = json.loads(source.read_text(encoding="utf-8"))
            zh += article["zh"]
            en += article["en"]
            if len(zh) >= paragraphs and len(en) >= paragraphs:
                break
    path.write_text(
        "A long article\n" + "\n".join(en) + "\n\n一篇长文章\n" + "\n".join(zh) + "\n",
        encoding="utf-8",
    )
    return len(zh), len(en)


JOB_FIGURES = r"""
import json, django
django.setup()
from reader.models import Job, Segment
job = Job.objects.get()
print(json.dumps({
    "status": job.status, "error": job.error,
    "seconds": (job.finished - job.started).total_seconds(),
    "pairs": job.pairs_done, "paragraphs": job.paragraphs_done,
    "segments": Segment.objects.filter(pair__article=job.article).count(),
}))
"""


def long_job(paths: list[Path]) -> dict:
    """Queue a 1,000-paragraph article and let the real worker run it."""
    with tempfile.TemporaryDirectory(prefix="duizhao-job-") as tmp:
        env = scratch_env(tmp)
        manage = [sys.executable, str(ROOT / "manage.py")]

        def run(*args: str) -> subprocess.CompletedProcess:
            return subprocess.run(
                [*manage, *args], env=env, cwd=ROOT, check=True, capture_output=True, text=True
            )

        run("migrate", "--noinput")
        run("build_dictionary")
        source = Path(tmp) / "a-long-article.txt"
        sides = long_article(source, paths)
        run("import_articles", "--queue", "--draft", str(source))
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.perf_counter()
        run("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--verbosity", "0")
        whole = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        out = subprocess.run(
            [sys.executable, "-c", JOB_FIGURES],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        figures = json.loads(out)
    # The worker is the largest child so far unless an earlier one was larger.
    figures.update(
        zh=sides[0],
        en=sides[1],
        worker_seconds=whole,
        worker_peak_mb=peak / 1024 if peak > before else None,
    )
    return figures


def main() -> dict:
    paths = articles()
    where = "tests/data/align" + (" and ../shared/devsets/align" if DEVSETS.is_dir() else "")
    # The job first: its worker's peak memory shows only while it is the largest child.
    job = long_job(paths)
    results = {
        "saved": measure(ROOT, "saved", paths),
        "worker": measure(ROOT, "worker", paths),
        "first": measure(ROOT, "first", paths),
    }
    with tempfile.TemporaryDirectory() as tmp:
        if baseline_tree(Path(tmp)):
            results["baseline"] = measure(Path(tmp), "first", paths)
    n = results["worker"]["paragraphs"]
    print(
        f"save-time pipeline on {where} ({len(paths)} articles, {n} Chinese paragraphs), "
        f"each article met once, CPU time, least of {RUNS} processes"
    )
    print(f"  {'':34} {'per 100 ¶':>10}   {'jieba/¶':>7}   {'vs jieba':>7}")
    print(line("now, the worker's job, rows saved", results["saved"]))
    print(line("now, in the worker, no rows", results["worker"]))
    print(line("now, first in a process, no rows", results["first"]))
    if "baseline" in results:
        print(line(f"before ({BASELINE}), first in a process", results["baseline"]))
    else:
        print(f"  before ({BASELINE}): not measured (no git history here)")
    ratio = results["saved"]["seconds"] / results["saved"]["jieba"]
    print(
        f"target: the worker's job at most {TARGET:.0f} × jieba: {ratio:.1f} "
        f"{'ok' if ratio <= TARGET else 'MISSED'}"
    )

    results["job"] = job
    peak = f", peak memory {job['worker_peak_mb']:.0f} MB" if job["worker_peak_mb"] else ""
    print(
        f"\nan article of {job['zh']:,} Chinese and {job['en']:,} English paragraphs as a job "
        f"(import_articles --queue, db_worker --batch): {job['status']} in {job['seconds']:.1f} s "
        f"({job['pairs']:,} pairs, {job['segments']:,} sentence pairs); the worker's whole run "
        f"{job['worker_seconds']:.1f} s with start-up and warm-up{peak}"
        + (f"; error: {job['error']}" if job["error"] else "")
    )
    return results


if __name__ == "__main__":
    main()
