"""What only a browser shows: highlighting by hover, focus and tap; the pinyin switch; layout."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from reader.models import Segment
from tests.factory import make_learner

pytestmark = pytest.mark.browser


def first_segment(position=0):
    return Segment.objects.filter(pair__position=position).order_by("position").first()


def lit_ids(page):
    return page.eval_on_selector_all(".seg.is-lit", "els => els.map(e => e.id)")


def test_hovering_a_chinese_sentence_lights_exactly_its_english(page, seed_url):
    page.goto(seed_url)
    segment = first_segment()
    page.hover(f"#seg-{segment.pk}-zh")
    assert sorted(lit_ids(page)) == [f"seg-{segment.pk}-en", f"seg-{segment.pk}-zh"]
    expect(page.locator(f"#seg-{segment.pk}-en")).to_contain_text("Russian President")
    # Its neighbour stays dark, and the pair is faintly lit.
    neighbour = first_segment(1)
    expect(page.locator(f"#seg-{neighbour.pk}-en")).not_to_have_class("seg is-lit")
    expect(page.locator("#pair-0")).to_have_class("pair is-pair-lit")
    expect(page.locator("#pair-1")).to_have_class("pair")


def test_hovering_english_lights_its_chinese(page, seed_url):
    page.goto(seed_url)
    segment = first_segment(3)
    page.hover(f"#seg-{segment.pk}-en")
    assert sorted(lit_ids(page)) == [f"seg-{segment.pk}-en", f"seg-{segment.pk}-zh"]


def test_keyboard_focus_lights_the_counterpart_and_arrows_move(page, seed_url):
    page.goto(seed_url)
    segment = first_segment()
    # Past the header's links and switch, Tab reaches the first Chinese sentence.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.seg"):
            break
    assert page.evaluate("document.activeElement.id") == f"seg-{segment.pk}-zh"
    assert sorted(lit_ids(page)) == [f"seg-{segment.pk}-en", f"seg-{segment.pk}-zh"]
    page.keyboard.press("ArrowDown")
    following = Segment.objects.filter(pair__article=segment.pair.article).exclude(zh="")
    second = following.order_by("pair__position", "position")[1]
    assert page.evaluate("document.activeElement.id") == f"seg-{second.pk}-zh"
    assert sorted(lit_ids(page)) == [f"seg-{second.pk}-en", f"seg-{second.pk}-zh"]
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == f"seg-{second.pk}-en"


def test_photo_credit_has_no_counterpart_to_light(page, seed_url):
    page.goto(seed_url)
    credit = first_segment(7)
    assert credit.zh == "内森·卢纳/美国广播公司新闻"
    page.hover(f"#seg-{credit.pk}-zh")
    assert lit_ids(page) == [f"seg-{credit.pk}-zh"]
    expect(page.locator("#pair-7 .side--en")).to_have_text("Not in the English")


def test_tap_pins_a_sentence_on_a_touch_screen(new_context, seed_url):
    context = new_context(viewport={"width": 375, "height": 740}, has_touch=True)
    page = context.new_page()
    page.goto(seed_url)
    segment = first_segment(2)
    page.tap(f"#seg-{segment.pk}-zh")
    assert sorted(lit_ids(page)) == [f"seg-{segment.pk}-en", f"seg-{segment.pk}-zh"]


def test_pinyin_switch_hides_and_shows_pinyin_and_is_remembered(page, seed_url, live_server):
    page.goto(seed_url)
    rt = page.locator(".side--zh rt").first
    expect(rt).to_be_visible()
    page.click("label:has-text('Off')")
    expect(rt).to_be_hidden()
    # Remembered on the next page load and on other pages.
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("data-pinyin", "none")
    page.goto(seed_url)
    expect(page.locator(".side--zh rt").first).to_be_hidden()
    page.click("label:has-text('All')")
    expect(page.locator(".side--zh rt").first).to_be_visible()


def test_columns_sit_side_by_side_on_a_desktop(page, seed_url):
    page.goto(seed_url)
    zh = page.locator("#pair-0 .side--zh").bounding_box()
    en = page.locator("#pair-0 .side--en").bounding_box()
    assert zh["x"] + zh["width"] <= en["x"]
    assert abs(zh["y"] - en["y"]) < 1


def test_columns_stack_on_a_phone(new_context, seed_url):
    context = new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(seed_url)
    zh = page.locator("#pair-0 .side--zh").bounding_box()
    en = page.locator("#pair-0 .side--en").bounding_box()
    assert en["y"] >= zh["y"] + zh["height"]
    assert zh["x"] + zh["width"] <= 375 and en["x"] + en["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.mark.parametrize("width", [375, 320])
def test_the_headers_pinyin_choices_keep_to_one_line_on_a_phone(new_context, seed_url, width):
    page = new_context(viewport={"width": width, "height": 740}).new_page()
    page.goto(seed_url)
    lines = page.evaluate(
        "[...document.querySelectorAll('.segmented label > span')]"
        ".map(el => [el.textContent.trim(), el.getClientRects().length,"
        " Math.round(el.getBoundingClientRect().height)])"
    )
    heights = {height for _, _, height in lines}
    assert [text for text, _, _ in lines] == ["All", "Above HSK 3", "New to me", "Off"]
    assert all(rects == 1 for _, rects, _ in lines) and len(heights) == 1, lines
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if width >= 360:  # Settings beside them: the phone's header keeps to two lines
        choices = page.locator(".segmented").bounding_box()
        settings = page.locator(".settings-more summary").bounding_box()
        middle = settings["y"] + settings["height"] / 2
        assert choices["y"] <= middle <= choices["y"] + choices["height"], (choices, settings)


@pytest.mark.parametrize("width", [375, 320])
def test_without_a_script_a_learner_s_phone_header_fits_and_log_out_asks(
    new_context, seed_url, live_server, width
):
    client = Client()
    client.force_login(make_learner())
    context = new_context(viewport={"width": width, "height": 740}, java_script_enabled=False)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(seed_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator("a[data-logout]").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    # The header's switches would send nothing without a script: only the link shows,
    # and the settings page it opens saves and comes back to the article.
    expect(page.locator(".reading-settings .segmented")).to_be_hidden()
    expect(page.locator(".reading-settings .settings-more")).to_be_hidden()
    expect(page.locator(".hint")).to_be_hidden()  # pointing and keys need the script
    link = page.locator(".reading-settings noscript a")
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    link.click()
    expect(page.locator("h1")).to_have_text("Reading settings")
    page.check("main input[name=pinyin][value=none]")
    page.click("main button[type=submit]")
    assert page.url == seed_url
    expect(page.locator("html")).to_have_attribute("data-pinyin", "none")
    page.click("a[data-logout]")
    expect(page.locator("h1")).to_have_text("Log out?")
    page.click("main button[type=submit]")
    expect(page.locator(".site-nav")).to_contain_text("Log in")


def test_nothing_breaks_the_content_security_policy(new_context, seed_url, live_server):
    context = new_context()
    context.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(seed_url)
    page.locator(".side--zh .w").nth(2).hover()
    expect(page.locator("#gloss")).to_be_visible()
    page.click("label:has-text('Off')")
    expect(page.locator("html")).to_have_attribute("data-pinyin", "none")
    assert page.evaluate("window.__violations") == []
    for url in ["/", "/accounts/login/", "/about/", "/admin/login/"]:
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__violations") == [], url
    assert errors == []


def test_a_long_article_loads_its_next_part_as_the_reader_scrolls(page, seed_url, settings):
    settings.DUIZHAO_PAIRS_PER_PART = 5
    page.goto(seed_url)
    expect(page.locator(".pair")).to_have_count(5)
    for count in (10, 14):
        page.locator(".more").last.scroll_into_view_if_needed()
        expect(page.locator(".pair")).to_have_count(count)
    expect(page.locator(".more")).to_have_count(0)
    # The appended parts behave as the first: hover lights the counterpart.
    last = Segment.objects.filter(pair__position=13).order_by("position").first()
    page.hover(f"#seg-{last.pk}-zh")
    assert sorted(lit_ids(page)) == [f"seg-{last.pk}-en", f"seg-{last.pk}-zh"]
