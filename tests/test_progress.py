"""Where a learner stopped: the sentence reader.js posts, the share read, "Continue"."""

import json
import re

import pytest
from django.urls import reverse

from reader import services
from reader.models import ReadingProgress
from tests.factory import make_article, make_learner, seed_segments

pytestmark = pytest.mark.django_db


def save(client, article, segment):
    url = reverse("reader:progress_save", kwargs={"slug": article.slug})
    return client.post(url, {"seg": segment.pk})


def page_progress(client, article) -> dict | None:
    html = client.get(article.get_absolute_url()).content.decode()
    found = re.search(r'<script id="reading-progress" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1)) if found else None


def test_the_last_sentence_seen_is_remembered_with_the_share_read(client, mei, story):
    segments = seed_segments(story)
    client.force_login(mei)
    response = save(client, story, segments[1])
    assert response.status_code == 204 and response.content == b""
    place = ReadingProgress.objects.get(user=mei, article=story)
    assert (place.segment, place.share, place.finished) == (segments[1], 50, False)

    save(client, story, segments[2])
    place.refresh_from_db()
    assert (place.segment, place.share, place.finished) == (segments[2], 75, False)
    assert ReadingProgress.objects.count() == 1


def test_reaching_the_last_sentence_finishes_the_article_for_good(client, mei, story):
    segments = seed_segments(story)
    client.force_login(mei)
    save(client, story, segments[-1])
    place = ReadingProgress.objects.get()
    assert (place.share, place.finished) == (100, True)
    save(client, story, segments[0])
    place.refresh_from_db()
    assert (place.segment, place.share, place.finished) == (segments[0], 25, True)


def test_article_page_carries_where_the_learner_stopped(client, mei, story):
    segments = seed_segments(story)
    client.force_login(mei)
    save_url = reverse("reader:progress_save", kwargs={"slug": story.slug})
    assert page_progress(client, story) == {"save": save_url}
    save(client, story, segments[2])
    assert page_progress(client, story) == {
        "save": save_url,
        "segment": segments[2].pk,
        "share": 75,
        "finished": False,
        "url": segments[2].get_absolute_url(),
    }


def test_a_visitor_has_no_progress_and_cannot_save_it(client, story):
    assert page_progress(client, story) is None
    assert save(client, story, seed_segments(story)[0]).status_code == 401
    assert not ReadingProgress.objects.exists()


def test_progress_is_refused_for_a_sentence_of_another_article_or_a_draft(client, mei, story, bank):
    client.force_login(mei)
    assert save(client, story, seed_segments(bank)[0]).status_code == 400
    draft = make_article(slug="draft", published=False)
    assert save(client, draft, seed_segments(draft)[0]).status_code == 404  # not for learners
    url = reverse("reader:progress_save", kwargs={"slug": story.slug})
    assert client.post(url, {"seg": "x"}).status_code == 400
    assert client.get(url).status_code == 405
    assert not ReadingProgress.objects.exists()


def test_list_offers_continue_with_the_share_read_or_says_finished(client, mei, story, bank):
    client.force_login(mei)
    segments = seed_segments(story)
    save(client, story, segments[1])
    html = client.get(reverse("reader:article_list")).content.decode()
    assert f'href="{segments[1].get_absolute_url()}">Continue · 50% read</a>' in html
    save(client, bank, seed_segments(bank)[-1])
    html = client.get(reverse("reader:article_list")).content.decode()
    assert html.count("Finished ✓") == 1
    assert html.count("Continue ·") == 1


def test_each_learner_has_their_own_place(client, mei, story):
    segments = seed_segments(story)
    client.force_login(mei)
    save(client, story, segments[1])
    client.force_login(make_learner("li"))
    assert "Continue ·" not in client.get(reverse("reader:article_list")).content.decode()
    assert page_progress(client, story) == {
        "save": reverse("reader:progress_save", kwargs={"slug": story.slug})
    }


def test_a_rebuilt_sentence_leaves_the_share_and_continue_opens_the_article(client, mei, story):
    client.force_login(mei)
    save(client, story, seed_segments(story)[1])
    services.import_article(slug=story.slug, zh=["我们去银行。"], en=["We go to the bank."])
    place = ReadingProgress.objects.get()
    assert (place.segment, place.share) == (None, 50)
    assert place.get_absolute_url() == story.get_absolute_url()
