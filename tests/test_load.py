"""Teachers' edits and re-imports while sixteen learners bookmark, on a live server.

What a school notices first when the database does not hold: a teacher's
change failing with "database is locked", a learner's click answering 500.
The scenario (bench/load.py, which make bench also runs against gunicorn)
has a teacher re-align pairs through the alignment page and re-import a
changed file while sixteen learners toggle bookmarks as fast as the server
answers them, for a bounded time. Every request must answer without a 5xx,
and the bookmarks stored must be what the answered requests imply.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from bench import load
from reader.models import Article, Bookmark, Segment
from tests.factory import PASSWORD, SEED_FILE, make_learner

pytestmark = pytest.mark.django_db(transaction=True)

LEARNERS = 16


def test_teachers_work_and_learners_bookmarks_hold_together(live_server, tmp_path):
    seed = tmp_path / "milley-tin-cup.txt"
    seed.write_bytes(SEED_FILE.read_bytes())
    call_command("import_articles", str(seed), stdout=io.StringIO())
    article = Article.objects.get()
    get_user_model().objects.create_superuser("wang", password=PASSWORD)
    learners = [make_learner(f"learner-{n}").username for n in range(LEARNERS)]
    texts = [
        s.zh
        for s in Segment.objects.filter(pair__article=article).exclude(zh="")
        if s.pair.position not in load.TOUCHED
    ]
    shown = load.segment_ids(load.Browser(live_server.url).get(article.get_absolute_url()))
    assert set(texts) <= set(shown), sorted(set(texts) - set(shown))[:2]

    def reimport(lines: list[str]) -> None:
        seed.write_text("\n".join(lines) + "\n", encoding="utf-8")
        call_command("import_articles", str(seed), stdout=io.StringIO())

    outcome = load.run(
        base=live_server.url,
        article_id=article.pk,
        article_url=article.get_absolute_url(),
        texts=texts,
        teacher="wang",
        learners=learners,
        password=PASSWORD,
        reimport=reimport,
        seed_lines=SEED_FILE.read_text(encoding="utf-8").splitlines(),
    )

    assert "no answer" not in outcome.statuses, "a learner's request never ended"
    assert outcome.teacher == {(200, True): 4}, outcome.teacher  # every edit made, none refused
    assert sum(outcome.statuses.values()) >= 10 * LEARNERS, outcome.statuses
    assert set(outcome.statuses) <= {200, 409}, outcome.statuses  # no 5xx, nothing else
    stored = set(
        Bookmark.objects.filter(segment__isnull=False).values_list("user__username", "segment__zh")
    )
    implied = outcome.implied()
    assert stored == implied, (sorted(stored - implied)[:3], sorted(implied - stored)[:3])
    assert Segment.objects.filter(pair__article=article, zh__contains="第2次导入").exists()
