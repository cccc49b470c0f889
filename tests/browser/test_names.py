"""Names in a real browser: 米利 is one word whose pop-up says it is a name."""

import pytest
from playwright.sync_api import expect

from reader.models import Segment
from tests.browser.test_words import word_locator

pytestmark = pytest.mark.browser


def milley(page):
    """The first 米利 on the seed page."""
    segment = next(
        s
        for s in Segment.objects.order_by("pair__position", "position")
        if any(t.text == "米利" for t in s.annotated.zh)
    )
    return word_locator(page, segment, "米利")


def test_the_pop_up_of_milley_leads_with_his_name_and_no_hsk_grade(page, seed_url):
    page.goto(seed_url)
    word = milley(page)
    expect(word).to_have_class("w nm")
    word.hover()
    popup = page.locator("#gloss")
    expect(popup).to_be_visible()
    expect(popup.locator(".gloss-word")).to_have_text("米利")
    expect(popup.locator(".gloss-name")).to_have_text("Name: Milley")
    expect(popup.locator(".badge")).to_have_count(0)  # no HSK grade
    body = popup.inner_text()
    assert body.index("Name: Milley") < body.index("rice")


def test_above_my_level_pinyin_keeps_the_pinyin_of_a_name(page, seed_url):
    page.goto(seed_url)
    page.evaluate(
        "document.documentElement.dataset.pinyin = 'above';"
        "document.documentElement.dataset.level = '6'"
    )
    expect(page.locator(".w.h1 rt").first).to_be_hidden()  # a word the learner knows
    expect(milley(page).locator("rt").first).to_be_visible()
