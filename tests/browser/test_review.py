"""A review session in a real browser, by keyboard alone: Space shows, 1-4 grade."""

import re

import pytest
from playwright.sync_api import expect

from reader import services, vocabulary
from reader.models import Review, Segment, WordStatus
from tests.factory import PASSWORD, make_learner

pytestmark = pytest.mark.browser


def seed_segment(text):
    return Segment.objects.filter(zh__contains=text).order_by("pk").first()


def test_a_review_session_by_keyboard_alone(page, seed_url, live_server):
    mei = make_learner("mei")
    for word in ("榴弹炮", "武器"):
        segment = seed_segment(word)
        vocabulary.look_up(user=mei, word=word, segment=segment)
        vocabulary.set_status(user=mei, word=word, status=WordStatus.Status.LEARNING)
    services.add_bookmark(user=mei, segment=seed_segment("普京"))

    # Log in from the review page, and back at it.
    page.goto(live_server.url + "/review/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/review/"))
    page.fill("#id_username", "mei")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/review/")
    expect(page.locator("#due-link")).to_have_text("3 due")

    card = page.locator("#review-card")
    page.evaluate("window.__noReload = true")
    for n, grade in enumerate(["3", "1", "4"]):
        back = card.locator("[data-review-back]")
        expect(back).to_be_hidden()
        key = card.get_attribute("data-key")
        if key.startswith("w"):
            word = WordStatus.objects.get(pk=key[1:]).word
            expect(card.locator("[data-review-front] .review-zh")).not_to_contain_text(word)
            expect(card.locator("[data-review-front] .review-hint").first).to_be_visible()
        page.keyboard.press(grade)  # no grade before the answer is shown
        expect(back).to_be_hidden()
        page.keyboard.press(" ")
        expect(back).to_be_visible()
        expect(card.locator(".grade--good .grade-interval")).to_have_text(re.compile(r"\d"))
        page.keyboard.press(grade)
        expect(page.locator("#due-link")).to_have_text(f"{2 - n} due" if n < 2 else "Review")
        expect(card).not_to_have_attribute("data-key", key)

    summary = page.locator("[data-review-summary]")
    expect(summary).to_contain_text("Session done: 3 cards reviewed")
    expect(summary).to_contain_text("Again 1")
    expect(summary).to_contain_text("Good 1")
    expect(summary).to_contain_text("Easy 1")
    assert page.evaluate("window.__noReload") is True  # every grade swapped in place
    assert sorted(Review.objects.values_list("rating", flat=True)) == [1, 3, 4]
