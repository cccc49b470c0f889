"""Reading comfort in Chromium: text size and line spacing kept."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_text_size_and_line_spacing_are_kept(page, seed_url):
    page.goto(seed_url)
    chinese = page.locator(".side--zh").first
    assert chinese.evaluate("el => getComputedStyle(el).fontSize") == "19.2px"
    page.locator(".settings-more summary").click()
    page.locator(".settings-panel input[name=text_size][value=larger]").check()
    expect(page.locator("html")).to_have_attribute("data-text-size", "larger")
    page.locator(".settings-panel input[name=line_spacing][value=loose]").check()
    expect(page.locator("html")).to_have_attribute("data-line-spacing", "loose")
    # 1.2rem at the largest step, 1.45 times; and 2.5 lines, 1.3 times.
    assert chinese.evaluate("el => getComputedStyle(el).fontSize") == "27.84px"
    assert chinese.evaluate("el => getComputedStyle(el).lineHeight") == "90.48px"
    page.reload()
    expect(page.locator("html")).to_have_attribute("data-text-size", "larger")
    expect(page.locator("html")).to_have_attribute("data-line-spacing", "loose")
    assert chinese.evaluate("el => getComputedStyle(el).fontSize") == "27.84px"
