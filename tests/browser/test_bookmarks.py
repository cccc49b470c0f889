"""A learner signs up, bookmarks by mouse and keyboard, writes a note, exports, removes."""

import csv
import io
import re

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from playwright.sync_api import expect

from reader.models import Bookmark, Segment
from tests.factory import SEEDS

pytestmark = pytest.mark.browser

PASSWORD = "a-long-enough-passphrase-42"


def test_learner_bookmarks_notes_exports_and_removes(page, seed_url, live_server):
    # Sign up from the article; back on the article afterwards.
    page.goto(seed_url)
    page.click("text=Sign up")
    page.fill("#id_username", "mei")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.click("button:has-text('Sign up')")
    expect(page).to_have_url(seed_url)

    segments = list(Segment.objects.exclude(zh="").order_by("pair__position", "position")[:3])
    # By mouse: the control appears on hover and toggles without a page load.
    page.evaluate("window.__noReload = true")
    page.hover(f"#seg-{segments[0].pk}-zh")
    page.click(f"[data-bookmark-for='{segments[0].pk}']")
    expect(page.locator(f"[data-bookmark-for='{segments[0].pk}']")).to_have_attribute(
        "aria-pressed", "true"
    )
    # By keyboard: focus the third sentence and press b.
    page.focus(f"#seg-{segments[2].pk}-zh")
    page.keyboard.press("b")
    expect(page.locator(f"[data-bookmark-for='{segments[2].pk}']")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert page.evaluate("window.__noReload") is True
    assert set(Bookmark.objects.values_list("segment_id", flat=True)) == {
        segments[0].pk,
        segments[2].pk,
    }

    # Marked on the next visit too.
    page.reload()
    expect(page.locator(".bm[aria-pressed=true]")).to_have_count(2)

    # The bookmarks page: both, a note written inline.
    page.click("text=My bookmarks")
    expect(page.locator(".bookmark")).to_have_count(2)
    expect(page.locator("#bookmark-count")).to_have_text("2 bookmarks")
    first = Bookmark.objects.get(segment=segments[0])
    page.click(f"#note-{first.pk} >> text=Add a note")
    page.fill(f"#note-input-{first.pk}", "锡杯 = tin cup <b>really</b>")
    page.click(f"#note-{first.pk} >> text=Save note")
    expect(page.locator(f"#note-{first.pk} .note-text")).to_have_text(
        "锡杯 = tin cup <b>really</b>"
    )
    first.refresh_from_db()
    assert first.note == "锡杯 = tin cup <b>really</b>"

    # The CSV download.
    with page.expect_download() as info:
        page.click("text=CSV")
    content = open(info.value.path(), "rb").read()
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) == 3
    assert "锡杯 = tin cup <b>really</b>" in [row[3] for row in rows]

    # Read in context: the article opens on that sentence, lit.
    page.click(f"#bookmark-{first.pk} >> text=Read in context")
    expect(page.locator(f"#seg-{segments[0].pk}-zh")).to_have_class("seg is-lit")
    page.go_back()

    # Remove one; the list and the count follow without a reload.
    page.click(f"#bookmark-{first.pk} >> text=Remove")
    expect(page.locator(".bookmark")).to_have_count(1)
    expect(page.locator("#bookmark-count")).to_have_text("1 bookmark")
    assert list(Bookmark.objects.values_list("segment_id", flat=True)) == [segments[2].pk]

    # Log out from the reader's header: one click (the script posts the link), no page
    # asking first; back on the list as a visitor, the session ended on the server.
    page.goto(seed_url)
    page.click("a[data-logout]")
    expect(page).to_have_url(live_server.url + "/")
    expect(page.locator(".site-nav")).to_contain_text("Log in")
    assert not Session.objects.exists()


def test_the_bookmark_star_is_reachable_wherever_its_sentence_wraps(new_context, seed_url):
    # A phone's width: the first sentence wraps over several lines, its ☆ after the last.
    page = new_context(viewport={"width": 375, "height": 800}).new_page()
    page.goto(seed_url)
    first = Segment.objects.exclude(zh="").order_by("pair__position", "position").first()
    sentence = page.locator(f"#seg-{first.pk}-zh")
    star = page.locator(f"[data-bookmark-for='{first.pk}']")
    assert sentence.evaluate("el => el.getClientRects().length") > 2  # it does wrap
    # The pointer comes from the top of the page, across other text, straight to the ☆:
    # it is there to be clicked, without first resting on the sentence.
    page.mouse.move(5, 5)
    star.click()
    # Anonymous: the ☆ leads to the log-in page, which brings the learner back to bookmark.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))


def test_tab_goes_from_a_sentence_to_its_star_with_a_focus_ring(page, seed_url):
    page.goto(seed_url)
    first = Segment.objects.exclude(zh="").order_by("pair__position", "position").first()
    page.focus(f"#seg-{first.pk}-zh")
    page.keyboard.press("Tab")
    star = page.locator(f"[data-bookmark-for='{first.pk}']")
    expect(star).to_be_focused()
    ring = star.evaluate(
        "el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineWidth]"
    )
    assert ring[0] != "none" and float(ring[1].removesuffix("px")) >= 2, ring
    assert star.evaluate("el => getComputedStyle(el).opacity") == "1"
    page.keyboard.press("Tab")  # and on to the sentence's English
    expect(page.locator(f"#seg-{first.pk}-en")).to_be_focused()


STARS_APART = """() => [...document.querySelectorAll('.side--zh .bm')].filter(star => {
  const rects = star.previousElementSibling.getClientRects();
  const last = rects[rects.length - 1], box = star.getBoundingClientRect();
  const middle = (box.top + box.bottom) / 2;
  return middle < last.top || middle > last.bottom;
}).length"""


@pytest.mark.parametrize("width", [1280, 600, 375, 320])
def test_a_star_stays_on_the_line_its_sentence_ends(new_context, live_server, width):
    # Never alone at the start of the next line, where it reads as the next sentence's.
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    for slug in ["asking-the-way-by-phone", "the-first-snow", "at-the-fruit-shop"]:
        if not Segment.objects.filter(pair__article__slug=slug).exists():
            call_command("import_articles", str(SEEDS / f"{slug}.txt"), verbosity=0)
        page.goto(f"{live_server.url}/articles/{slug}/")
        assert page.evaluate(STARS_APART) == 0, (slug, width)
