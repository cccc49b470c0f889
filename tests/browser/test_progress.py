"""Where I stopped, in a real browser: the reader posts the last sentence seen now and then,
the list offers "Continue" with the share read, and the end of the article finishes it."""

import time

import pytest
from playwright.sync_api import expect

from reader.models import ReadingProgress
from tests.browser.test_learner_words import log_in

pytestmark = pytest.mark.browser


def test_reader_remembers_the_last_sentence_seen_and_the_list_continues_there(
    new_context, live_server, seed_url
):
    page = new_context(viewport={"width": 1280, "height": 500}).new_page()  # the seed is short
    posts = []
    page.on("request", lambda r: posts.append(time.monotonic()) if "/progress/" in r.url else None)
    log_in(page, live_server, seed_url)
    page.wait_for_timeout(1500)
    assert posts == []  # arriving is not reading: nothing is sent before the learner acts

    with page.expect_response(lambda r: "/progress/" in r.url) as answer:
        page.mouse.move(600, 400)
        page.mouse.wheel(0, 300)
    assert answer.value.status == 204
    place = ReadingProgress.objects.get()
    assert 0 < place.share < 100 and not place.finished

    # Scrolling on: the next place follows a few seconds later, never sooner.
    with page.expect_response(lambda r: "/progress/" in r.url, timeout=10_000):
        for _ in range(4):
            page.mouse.wheel(0, 100)
            page.wait_for_timeout(200)
    assert posts[1] - posts[0] > 3.5
    place.refresh_from_db()
    assert 0 < place.share < 100 and not place.finished
    stopped_at = place.segment

    # The list offers to continue there, and the article opens at that sentence.
    page.goto(live_server.url + "/")
    link = page.locator("a.progress")
    expect(link).to_have_text(f"Continue · {place.share}% read")
    link.click()
    expect(page).to_have_url(live_server.url + stopped_at.get_absolute_url())
    expect(page.locator("[data-continue] a")).to_have_text(
        f"Continue where you stopped · {place.share}% read"
    )

    # To the end: the article is finished (within the few seconds between two posts).
    page.keyboard.press("End")
    page.mouse.wheel(0, 100_000)
    for _ in range(50):
        place.refresh_from_db()
        if place.finished:
            break
        page.wait_for_timeout(200)
    assert (place.share, place.finished) == (100, True)
    page.goto(live_server.url + "/")
    expect(page.locator(".progress--done")).to_have_text("Finished ✓")
