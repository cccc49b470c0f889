"""A review answer's time: the grade saved and the next card rendered.

    python bench/bench_review.py            (part of: make bench)

In a fresh SQLite database (migrated in a child process; the test
settings, for their plain static files, with DEBUG off) a learner has the
seed article, 5,000 known words, 500 saved words met in its sentences and
20 bookmarked sentences, every card due. Django's test client, logged in
as them, then answers ``ROUNDS`` cards as the page does: an htmx POST to
``/review/<key>/answer/``, which saves the grade and answers with the next
card (its sentence, pinyin, meaning, the four buttons' intervals and the
header's new count). Then the same through a plain form: POST, 303, GET.
Printed: the median and 90th percentile in ms beside the target (median
under 20 ms), and the machine's load, which these figures move with.
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

ROUNDS = int(os.environ.get("BENCH_REVIEW_ROUNDS", "200"))
TARGET_MS = 20
KNOWN, LEARNING, BOOKMARKS = 5000, 500, 20


def _setup():
    from django.contrib.auth import get_user_model

    from reader import services, vocabulary
    from reader.models import Segment, WordStatus
    from reader.text import levels
    from tests.factory import import_seed

    article = import_seed()
    user = get_user_model().objects.create_user("bench-learner", password="x" * 24)
    segments = list(Segment.objects.filter(pair__article=article).exclude(zh=""))
    met = {}
    for segment in segments:
        for token in segment.annotated.zh:
            if token.syllables and not token.name and vocabulary.is_learnable(token.text):
                met.setdefault(token.text, segment)
    words = list(met)
    graded = [w for w in levels.graded_words() if w not in met and vocabulary.is_learnable(w)]
    learning = (words + graded)[:LEARNING]
    for word in learning:
        vocabulary.look_up(user=user, word=word, segment=met.get(word))
        vocabulary.set_status(user=user, word=word, status=WordStatus.Status.LEARNING)
    WordStatus.objects.bulk_create(
        [
            WordStatus(user=user, word=w, status=WordStatus.Status.KNOWN)
            for w in graded[LEARNING : LEARNING + KNOWN]
        ]
    )
    for segment in segments[:BOOKMARKS]:
        services.add_bookmark(user=user, segment=segment)
    return user


def _child() -> None:
    import django

    django.setup()
    from django.test import Client
    from django.urls import reverse

    from reader import vocabulary

    user = _setup()
    # Every card is a new one; a session would stop at NEW_CARDS_PER_SESSION of them.
    vocabulary.NEW_CARDS_PER_SESSION = 10**6
    client = Client()
    client.force_login(user)
    client.get(reverse("reader:review"))  # warm: templates, dictionary, scheduler

    def timed(answer) -> list[float]:
        times = []
        for n in range(ROUNDS):
            due = vocabulary.next_due(user)
            started = time.perf_counter()
            answer(due.key, 1 + n % 4)
            times.append((time.perf_counter() - started) * 1000)
        return times

    def htmx(key, rating):
        response = client.post(
            reverse("reader:review_answer", args=[key]), {"rating": rating}, HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200, response.status_code

    def plain(key, rating):
        response = client.post(reverse("reader:review_answer", args=[key]), {"rating": rating})
        assert response.status_code == 303, response.status_code
        assert client.get(response["Location"]).status_code == 200

    for name, answer in [("htmx POST, next card in place", htmx), ("form POST, 303, GET", plain)]:
        times = timed(answer)
        median = statistics.median(times)
        p90 = statistics.quantiles(times, n=10)[-1]
        verdict = "ok" if median < TARGET_MS else "SLOWER than target"
        load = os.getloadavg()[0]
        print(
            f"review answer ({name}): median {median:.1f} ms, p90 {p90:.1f} ms "
            f"over {len(times)} answers (target: median < {TARGET_MS} ms: {verdict}; "
            f"load average {load:.1f} on {os.cpu_count()} CPUs)"
        )


def main() -> None:
    run_in_fresh_database(__file__, "review")


if __name__ == "__main__":
    if "--child" in sys.argv:
        _child()
    else:
        main()
