"""The learner's words in a real browser: saved or marked known from the pop-up, then
read with pinyin only over the words not known yet, and counted in the header."""

import re

import pytest
from playwright.sync_api import expect

from reader.models import WordStatus
from tests.browser.chromium import log_in
from tests.browser.test_words import seed_segment, word_locator

pytestmark = pytest.mark.browser


def new_words(page) -> int:
    counts = page.locator("[data-word-counts]")
    expect(counts).to_have_text(re.compile(r"\d+ new words? for you · \d+% known"))
    return int(counts.inner_text().split()[0])


def test_a_word_saved_from_its_pop_up_is_kept_and_marked(page, live_server, seed_url):
    log_in(page, live_server, seed_url)
    segment = seed_segment(5)
    howitzer = word_locator(page, segment, "榴弹炮")
    expect(page.locator("#due-link")).to_have_text("Review")  # nothing to review yet
    howitzer.hover()
    popup = page.locator("#gloss")
    expect(popup).to_contain_text("howitzer")
    popup.get_by_role("button", name="Save").click()
    expect(popup.locator(".gloss-status")).to_contain_text("Saved")
    expect(page.locator("#due-link")).to_have_text("1 due")  # a card now, at once
    expect(howitzer).to_have_class(re.compile(r"\bis-learning\b"))
    row = WordStatus.objects.get(word="榴弹炮")
    assert row.status == WordStatus.Status.LEARNING and row.segment_id == segment.pk
    page.reload()
    expect(word_locator(page, segment, "榴弹炮")).to_have_class(re.compile(r"\bis-learning\b"))


def test_marking_a_word_known_by_key_hides_its_pinyin_in_new_to_me_and_counts(
    page, live_server, seed_url
):
    log_in(page, live_server, seed_url)
    before = new_words(page)
    segment = seed_segment(0)
    president = word_locator(page, segment, "总统")
    president.hover()
    expect(page.locator("#gloss")).to_contain_text("president")
    page.keyboard.press("k")
    expect(page.locator("#gloss .gloss-status")).to_contain_text("You know it")
    expect(page.locator("[data-word-counts]")).to_contain_text(f"{before - 1} new word")
    assert WordStatus.objects.get(word="总统").status == WordStatus.Status.KNOWN

    page.mouse.move(5, 5)
    page.locator("label:has-text('New to me')").click()
    expect(page.locator("html")).to_have_attribute("data-pinyin", "unknown")
    known_rt = president.locator("rt").first
    new_rt = word_locator(page, segment, "接近").locator("rt").first
    expect(known_rt).to_have_css("visibility", "hidden")
    expect(new_rt).to_have_css("visibility", "visible")
    # Remembered: the next visit reads the same way, the count too.
    page.reload()
    expect(word_locator(page, segment, "总统").locator("rt").first).to_have_css(
        "visibility", "hidden"
    )
    assert new_words(page) == before - 1


def test_a_number_is_read_not_learned(page, live_server, seed_url):
    log_in(page, live_server, seed_url)
    one = page.locator(".side--zh .w.nb", has_text="一").first
    one.hover()
    popup = page.locator("#gloss")
    expect(popup).to_be_visible()
    expect(popup.locator("#gloss-body")).to_have_attribute("data-word", "一")
    # No Save or I know this: a number can never be known, and the server would refuse it.
    expect(popup.get_by_role("button", name="Save")).to_have_count(0)
    expect(popup.get_by_role("button", name="I know this")).to_have_count(0)
    page.keyboard.press("s")
    assert not WordStatus.objects.exists()
    # In "New to me" it keeps pinyin only above the learner's level (HSK 3), like "Above".
    page.mouse.move(5, 5)
    page.locator("label:has-text('New to me')").click()
    expect(one.locator("rt").first).to_have_css("visibility", "hidden")
    page.locator(".segmented label", has_text="All").click()
    expect(one.locator("rt").first).to_have_css("visibility", "visible")
