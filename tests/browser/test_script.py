"""The script switch in a real browser: the page comes back in traditional characters,
and hover, the pop-up and bookmarks work as they do in simplified."""

import pytest
from playwright.sync_api import expect

from reader.models import Bookmark, Profile, Segment
from tests.browser.chromium import CHINESE_TEXT, log_in

pytestmark = pytest.mark.browser


def guo_segment():
    """The seed's first sentence, whose 国家 ("his country") is 國家 in Taiwan."""
    return next(
        s
        for s in Segment.objects.order_by("pair__position", "position")
        if any(t.text == "国家" for t in s.annotated.zh)
    )


def test_the_seed_read_in_traditional_taiwan(page, live_server, seed_url):
    log_in(page, live_server, seed_url)
    segment = guo_segment()
    chinese = page.locator(f"#seg-{segment.pk}-zh")
    assert "国家" in chinese.evaluate(CHINESE_TEXT)

    # The switch in the header's settings: the page comes back in the new script.
    page.click(".settings-more summary")
    with page.expect_navigation():
        page.check("input[name=script][value=taiwan]")
    expect(page.locator("html")).to_have_attribute("data-script", "taiwan")
    text = chinese.evaluate(CHINESE_TEXT)
    assert "國家" in text and "国" not in text
    assert Profile.objects.get(user__username="mei").script == "taiwan"

    # Hover lights the sentence and its English, as in simplified.
    chinese.hover()
    expect(chinese).to_have_class("seg is-lit")
    expect(page.locator(f"#seg-{segment.pk}-en")).to_have_class("seg is-lit")

    # The pop-up opens on the word as shown, leading with the traditional form.
    page.locator(f"#seg-{segment.pk}-zh .w[data-w='国家']").hover()
    popup = page.locator("#gloss")
    expect(popup).to_be_visible()
    expect(popup.locator(".gloss-word")).to_have_text("國家")
    expect(popup).to_contain_text("country")
    page.keyboard.press("Escape")
    expect(popup).to_be_hidden()

    # A bookmark is made on the same sentence id as in simplified.
    page.hover(f"#seg-{segment.pk}-zh")
    star = page.locator(f"[data-bookmark-for='{segment.pk}']")
    star.click()
    expect(star).to_have_attribute("aria-pressed", "true")
    assert list(Bookmark.objects.values_list("segment_id", flat=True)) == [segment.pk]
