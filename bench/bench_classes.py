"""A class's table: 40 learners and 20 assignments, their figures counted and rendered.

    python bench/bench_classes.py            (part of: make bench)

In a fresh SQLite database a teacher has a class of ``LEARNERS`` learners
and ``ASSIGNMENTS`` assigned articles (copies of a short article); every
learner has opened half of them, read part of each, looked words up,
revealed English and bookmarked sentences. Timed, ``ROUNDS`` times: the
table worked out (``classes.class_table``), and the teacher's class page
through Django's test client (table, assignments, the article menu).
Printed: median and 90th percentile in ms, the queries each takes (the
suite checks they do not grow with the class), and the machine's load.
Nothing here asserts.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from timing import run_in_fresh_database  # noqa: E402

LEARNERS, ASSIGNMENTS = 40, 20
ROUNDS = int(os.environ.get("BENCH_CLASS_ROUNDS", "30"))


def _setup():
    from django.contrib.auth import get_user_model

    from reader import classes
    from reader.models import Assignment, Bookmark, Membership, ReadingProgress
    from tests.factory import make_story, make_teacher, seed_segments

    teacher = make_teacher("bench-teacher")
    classroom = classes.create_class(teacher=teacher, name="Bench class", term="2027")
    User = get_user_model()
    User.objects.bulk_create([User(username=f"learner-{n:02}") for n in range(LEARNERS)])
    learners = list(User.objects.filter(username__startswith="learner-"))
    Membership.objects.bulk_create([Membership(classroom=classroom, user=u) for u in learners])
    articles = [make_story(slug=f"bench-{n}", title_en=f"Article {n}") for n in range(ASSIGNMENTS)]
    Assignment.objects.bulk_create([Assignment(classroom=classroom, article=a) for a in articles])
    for k, user in enumerate(learners):
        for article in articles[k % 2 :: 2]:
            segments = seed_segments(article)
            ReadingProgress.objects.record(user=user, segment=segments[k % len(segments)])
            classes.note_lookup(user, segments[0], "银行")
            classes.note_lookup(user, segments[1], "行走")
            classes.note_reveals(user, article.pk, [s.pk for s in segments[:2]])
            Bookmark.objects.create(user=user, article=article, segment=segments[2])
    return teacher, classroom


def _child() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from reader import classes

    teacher, classroom = _setup()
    client = Client()
    client.force_login(teacher)

    def table():
        rows = [f for _, row in classes.class_table(classroom).rows() for f in row]
        assert len(rows) == LEARNERS * ASSIGNMENTS

    def page():
        assert client.get(classroom.get_absolute_url()).status_code == 200

    for name, run in [("class table worked out", table), ("teacher's class page", page)]:
        run()  # warm: templates, query compilation
        queries = []

        def counted(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            run()
        times = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            run()
            times.append((time.perf_counter() - started) * 1000)
        print(
            f"{name} ({LEARNERS} learners x {ASSIGNMENTS} assignments): "
            f"median {statistics.median(times):.1f} ms, "
            f"p90 {statistics.quantiles(times, n=10)[-1]:.1f} ms over {ROUNDS} rounds, "
            f"{len(queries)} queries (load average {os.getloadavg()[0]:.1f} "
            f"on {os.cpu_count()} CPUs)"
        )


def main() -> None:
    run_in_fresh_database(__file__, "classes")


if __name__ == "__main__":
    if "--child" in sys.argv:
        _child()
    else:
        main()
