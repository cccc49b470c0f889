"""Teachers' heavy work runs as background jobs, with the real task worker (django-tasks-db)."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from reader import services
from reader.models import Article, Job, Segment
from reader.text.parse import ParsedArticle, parse_bytes
from tests.factory import SEED_FILE, jobs_run, make_learner, run_worker, seed_segments

# The worker reads committed rows and opens its own transactions, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

SEED = parse_bytes(SEED_FILE.read_bytes())


@pytest.fixture
def teacher_client(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


def test_an_import_job_reports_progress_then_opens_the_alignment(teacher_client):
    with jobs_run():
        job = services.queue_import(parsed=SEED, slug="tin-cup", published=False)
        queued = teacher_client.get(job.get_absolute_url())
    assertContains(queued, "Waiting for the worker")
    assertContains(queued, 'hx-trigger="every 1s"')  # the page follows the job by itself
    job.refresh_from_db()
    paragraphs = len(SEED.zh) + len(SEED.en)
    assert (job.status, job.paragraphs, job.paragraphs_done) == ("done", paragraphs, paragraphs)
    assert job.pairs == job.pairs_done == 14
    assert job.segments_done == Segment.objects.filter(pair__article=job.article).count()
    article = Article.objects.get(slug="tin-cup")
    assert job.article == article and not article.published
    # Polled by htmx once done: the page goes on to the alignment, with the figures.
    done = teacher_client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert done["HX-Redirect"] == reverse("admin:reader_article_alignment", args=[article.pk])
    alignment = teacher_client.get(done["HX-Redirect"])
    assertContains(alignment, "14 pairs")


def test_a_failed_job_shows_its_error_saved_nothing_and_can_run_again(teacher_client):
    broken = ParsedArticle(title_en="", title_zh="", zh=[], en=["An English side only."])
    with jobs_run():
        job = services.queue_import(parsed=broken, slug="half")
    job.refresh_from_db()
    assert job.status == "failed" and job.error == "The Chinese side is empty."
    assert not Article.objects.exists()
    page = teacher_client.get(job.get_absolute_url())
    assertContains(page, "The Chinese side is empty.")
    assertContains(page, 'value="retry"')
    assertNotContains(page, 'hx-trigger="every 1s"')

    # Fixed and run again: the same job completes.
    Job.objects.filter(pk=job.pk).update(payload={**job.payload, "zh": SEED.zh, "en": SEED.en})
    with jobs_run():
        response = teacher_client.post(job.get_absolute_url(), {"action": "retry"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.error, job.article.slug) == ("done", "", "half")


def test_a_job_that_fails_while_writing_leaves_the_old_article_as_it_was(monkeypatch):
    with jobs_run():
        services.queue_import(parsed=SEED, slug="tin-cup")
    before = list(Segment.objects.values_list("pk", "zh"))

    def crash(**kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(services, "move_bookmarks", crash)
    changed = ParsedArticle("", "", [SEED.zh[0] + "再说一遍。", *SEED.zh[1:]], SEED.en)
    with jobs_run():
        job = services.queue_import(parsed=changed, slug="tin-cup")
    job.refresh_from_db()
    assert job.status == "failed" and "the disk is full" in job.error
    assert "Nothing was saved" in job.error
    assert list(Segment.objects.values_list("pk", "zh")) == before


def test_the_whole_article_is_realigned_in_the_background_and_bookmarks_follow(teacher_client):
    with jobs_run():
        services.queue_import(parsed=SEED, slug="tin-cup")
    article = Article.objects.get()
    learner = make_learner()
    bookmarked = seed_segments(article)[3]
    services.toggle_bookmark(user=learner, segment=bookmarked)
    url = reverse("admin:reader_article_alignment", args=[article.pk])
    with jobs_run():
        response = teacher_client.post(url, {"action": "realign_all"})
    job = Job.objects.get(kind="realign")
    assert response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == "done" and job.pairs == 14
    bookmark = learner.bookmarks.get()
    assert bookmark.segment is not None and bookmark.segment.zh == bookmarked.zh
    assert bookmark.segment_id != bookmarked.pk  # the sentences were rebuilt


def test_import_articles_can_hand_its_files_to_the_worker(tmp_path):
    path = tmp_path / "tin-cup.txt"
    path.write_bytes(SEED_FILE.read_bytes())
    out = io.StringIO()
    call_command("import_articles", str(path), "--queue", stdout=out)
    job = Job.objects.get()
    assert out.getvalue().strip() == f"tin-cup: queued as job {job.pk}"
    assert not Article.objects.exists()
    run_worker()
    job.refresh_from_db()
    assert job.status == "done" and job.article.slug == "tin-cup"


def test_reannotate_runs_each_article_as_a_job():
    with jobs_run():
        services.queue_import(parsed=SEED, slug="tin-cup")
    Segment.objects.update(annotation={})
    out = io.StringIO()
    call_command("reannotate", stdout=out)
    segments = Segment.objects.count()
    assert out.getvalue().strip() == f"tin-cup: {segments} segments"
    assert Job.objects.filter(kind="reannotate", status="done").count() == 1
    assert all(s.annotated.zh for s in Segment.objects.exclude(zh=""))


def test_someone_elses_job_page_needs_the_admin(client):
    job = services.queue_import(parsed=SEED, slug="tin-cup", enqueue=False)
    response = client.get(job.get_absolute_url())
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(make_learner())
    assert client.get(job.get_absolute_url()).status_code == 302  # not staff: the login page
