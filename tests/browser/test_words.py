"""Words in a real browser: the dictionary pop-up, pinyin modes, tone colours,
word-to-word highlighting, test yourself and listening."""

import re

import pytest
from playwright.sync_api import expect

from reader.models import Segment
from tests.browser.chromium import CHINESE_TEXT

pytestmark = pytest.mark.browser


def word_in(segment, text):
    """The index of the token ``text`` in the segment's annotation."""
    return next(i for i, t in enumerate(segment.annotated.zh) if t.text == text)


def seed_segment(position):
    return Segment.objects.filter(pair__position=position).order_by("position").first()


def word_locator(page, segment, text):
    index = word_in(segment, text)
    return page.locator(f"#seg-{segment.pk}-zh .w").nth(
        sum(1 for t in segment.annotated.zh[:index] if t.syllables)
    )


def test_hovering_a_word_opens_its_dictionary_entry_and_esc_closes_it(page, seed_url):
    page.goto(seed_url)
    segment = seed_segment(5)
    howitzer = word_locator(page, segment, "榴弹炮")
    howitzer.hover()
    popup = page.locator("#gloss")
    expect(popup).to_be_visible()
    expect(popup).to_contain_text("howitzer")
    expect(popup).to_contain_text("榴彈炮")
    page.keyboard.press("Escape")
    expect(popup).to_be_hidden()


def test_moving_away_closes_the_popup(page, seed_url):
    page.goto(seed_url)
    word_locator(page, seed_segment(0), "普京").hover()
    expect(page.locator("#gloss")).to_be_visible()
    page.mouse.move(5, 5)
    expect(page.locator("#gloss")).to_be_hidden()


def test_popup_is_reached_by_keyboard(page, seed_url):
    page.goto(seed_url)
    segment = seed_segment(1)
    page.focus(f"#seg-{segment.pk}-zh")
    page.keyboard.press("w")
    popup = page.locator("#gloss")
    expect(popup).to_be_visible()
    first_word = segment.annotated.zh[0].text
    expect(popup.locator(".gloss-word")).to_have_text(first_word)
    page.keyboard.press("ArrowRight")
    second = next(t.text for t in segment.annotated.zh[1:] if t.syllables)
    expect(popup.locator(".gloss-word")).to_have_text(second)
    page.keyboard.press("Escape")
    expect(popup).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == f"seg-{segment.pk}-zh"


OVERLAP = """([a, b]) => {
  const boxes = (el) => Array.from(el.getClientRects());
  return boxes(a).some((r) => boxes(b).some((q) =>
    r.left < q.right && q.left < r.right && r.top < q.bottom && q.top < r.bottom));
}"""


def test_on_a_desktop_the_popup_never_covers_the_word_or_the_english_it_lit(page, seed_url):
    page.goto(seed_url)
    popup = page.locator("#gloss")
    # Words at the start and the end of sentences, near the column's right edge and
    # near the foot of the screen once scrolled there.
    above = 0  # how many opened above their word
    for position in (0, 1, 3, 5, 9):
        segment = seed_segment(position)
        words = page.locator(f"#seg-{segment.pk}-zh .w[data-l]")
        for word in (words.first, words.last):
            word.scroll_into_view_if_needed()
            word.hover()
            expect(popup).to_be_visible()
            expect(page.locator("#gloss-body")).to_have_attribute(
                "data-word", word.evaluate(CHINESE_TEXT)
            )
            english = page.locator(f"#seg-{segment.pk}-en")
            gloss = popup.element_handle()
            assert not page.evaluate(OVERLAP, [gloss, english.element_handle()]), position
            assert not page.evaluate(OVERLAP, [gloss, word.element_handle()]), position
            # Nor its pinyin, which stands above the word's own box.
            pinyin = word.locator("rt").first.element_handle()
            assert not page.evaluate(OVERLAP, [gloss, pinyin]), position
            above += popup.bounding_box()["y"] < word.bounding_box()["y"]
            box = popup.bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= 900
            page.mouse.move(5, 5)
            expect(popup).to_be_hidden()
    assert above > 0  # the foot of the screen was reached


def test_with_pinyin_off_a_popup_near_the_foot_of_the_screen_opens_above(page, seed_url):
    page.goto(seed_url)
    page.locator(".segmented label", has_text="Off").click()
    expect(page.locator("html")).to_have_attribute("data-pinyin", "none")
    word = page.locator(f"#seg-{seed_segment(5).pk}-zh .w[data-l]").first
    word.scroll_into_view_if_needed()
    page.evaluate("y => window.scrollBy(0, y)", word.bounding_box()["y"] - 820)  # near the foot
    word.hover()
    popup = page.locator("#gloss")
    expect(popup).to_be_visible()
    box, at = popup.bounding_box(), word.bounding_box()
    assert box["y"] + box["height"] <= at["y"], (box, at)  # above the word, all of it on screen
    assert box["y"] >= 0


def test_on_a_phone_the_popup_is_a_sheet_that_leaves_the_pair_in_view(new_context, seed_url):
    page = new_context(viewport={"width": 375, "height": 700}, has_touch=True).new_page()
    page.goto(seed_url)
    popup = page.locator("#gloss")
    segment = seed_segment(3)  # Raddatz's exit interview: three lines a side
    word = page.locator(f"#seg-{segment.pk}-zh .w").nth(2)
    word.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, window.innerHeight)")  # the pair now at the very top
    word.tap()
    expect(popup).to_be_visible()
    expect(popup).to_have_class(re.compile("gloss--sheet"))
    page.wait_for_timeout(100)  # the page scrolls the pair into the room above
    sheet = popup.bounding_box()
    assert sheet["x"] == 0 and sheet["width"] == 375
    assert abs(sheet["y"] + sheet["height"] - 700) < 1  # along the foot of the screen
    for side in ("zh", "en"):
        box = page.locator(f"#seg-{segment.pk}-{side}").bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= sheet["y"], (side, box, sheet)
    popup.locator("[data-gloss-close]").tap()
    expect(popup).to_be_hidden()


def test_pinyin_only_above_my_level(page, seed_url):
    page.goto(seed_url)
    segment = seed_segment(0)
    easy = word_locator(page, segment, "已经")  # HSK 2
    hard = word_locator(page, segment, "弹药")  # beyond HSK 4, or in no list
    page.click("label:has-text('Above HSK')")
    page.click("summary:has-text('Settings')")
    page.select_option("#id_level", "4")
    expect(easy.locator("rt").first).to_be_hidden()
    expect(hard.locator("rt").first).to_be_visible()
    page.select_option("#id_level", "1")
    expect(easy.locator("rt").first).to_be_visible()
    page.reload()
    expect(page.locator("html")).to_have_attribute("data-level", "1")
    expect(page.locator("html")).to_have_attribute("data-pinyin", "above")


def test_tone_colours(page, seed_url):
    page.goto(seed_url)
    segment = seed_segment(0)
    word = word_locator(page, segment, "普京")
    black = word.evaluate("el => getComputedStyle(el).color")
    page.click("summary:has-text('Settings')")
    page.check("input[type=checkbox][name=tone_colors]")
    expect(page.locator("html")).to_have_attribute("data-tones", "on")
    pu, jing = word.locator("ruby.t3"), word.locator("ruby.t1")
    expect(pu).to_have_text("普pǔ")  # the character, and its syllable over it
    expect(jing).to_have_text("京jīng")
    assert pu.evaluate("el => getComputedStyle(el).color") == "rgb(21, 16, 240)"
    assert jing.evaluate("el => getComputedStyle(el).color") == "rgb(168, 0, 0)"
    assert black not in {"rgb(21, 16, 240)", "rgb(168, 0, 0)"}
    # Remembered: the next page load is coloured from the start.
    page.reload()
    assert pu.evaluate("el => getComputedStyle(el).color") == "rgb(21, 16, 240)"


@pytest.mark.parametrize(
    ("position", "zh", "en"),
    [(5, "榴弹炮", ["howitzer"]), (3, "普京", ["Putin"]), (0, "朝鲜", ["North", "Korea"])],
)
def test_pointing_at_a_word_lights_its_english_words(page, seed_url, position, zh, en):
    page.goto(seed_url)
    segment = seed_segment(position)
    word_locator(page, segment, zh).hover()
    lit = page.locator(f"#seg-{segment.pk}-en .ew.is-word-lit")
    expect(lit).to_have_count(len(en))
    assert lit.all_inner_texts() == en


def test_pointing_at_an_english_word_lights_its_chinese(page, seed_url):
    page.goto(seed_url)
    segment = seed_segment(5)
    page.locator(f"#seg-{segment.pk}-en .ew", has_text="howitzer").hover()
    lit = page.locator(f"#seg-{segment.pk}-zh .w.is-word-lit")
    expect(lit).to_have_count(1)
    assert lit.evaluate(CHINESE_TEXT) == "榴弹炮"


def test_test_yourself_hides_the_english_until_revealed(page, seed_url):
    page.goto(seed_url)
    page.click("summary:has-text('Settings')")
    page.check("input[name=mode][value=test]")
    expect(page.locator("html")).to_have_attribute("data-mode", "test")
    first, second = seed_segment(0), seed_segment(1)
    english = page.locator(f"#seg-{first.pk}-en")
    assert english.evaluate("el => getComputedStyle(el).color") == "rgba(0, 0, 0, 0)"
    # A tap on a Chinese word looks it up and keeps the test: the English stays hidden.
    page.locator(f"#seg-{first.pk}-zh .w").first.click()
    expect(page.locator("#gloss")).to_be_visible()
    expect(english).not_to_have_class(re.compile(r"\bis-revealed\b"))
    # A tap on the hidden English shows it.
    english.click()
    expect(english).to_have_class(re.compile(r"\bis-revealed\b"))
    assert english.evaluate("el => getComputedStyle(el).color") != "rgba(0, 0, 0, 0)"
    # Enter on a focused sentence reveals it; "Reveal all" shows the rest.
    page.focus(f"#seg-{second.pk}-zh")
    page.keyboard.press("Enter")
    expect(page.locator(f"#seg-{second.pk}-en")).to_have_class(re.compile(r"\bis-revealed\b"))
    page.click("[data-reveal-all]")
    expect(page.locator(".side--en .seg:not(.is-revealed)")).to_have_count(0)


def test_listen_is_hidden_without_a_chinese_voice(page, seed_url):
    page.goto(seed_url)
    expect(page.locator(".say").first).to_be_hidden()


def test_listen_speaks_a_sentence_and_a_word_with_a_chinese_voice(new_context, seed_url):
    context = new_context()
    # Headless Chromium ships no voices: give it one, and record what is spoken.
    context.add_init_script(
        """
        const zh = {lang: "zh-CN", name: "Test Mandarin", default: false, localService: true};
        window.__spoken = [];
        speechSynthesis.getVoices = () => [zh];
        speechSynthesis.speak = (u) => window.__spoken.push([u.lang, u.text]);
        Object.defineProperty(SpeechSynthesisUtterance.prototype, "voice", {
          set(v) { this._voice = v; }, get() { return this._voice; },
        });
        """
    )
    page = context.new_page()
    page.goto(seed_url)
    segment = seed_segment(1)
    page.hover(f"#seg-{segment.pk}-zh")
    page.click(f"[data-say-for='{segment.pk}']")
    page.focus(f"#seg-{segment.pk}-zh")
    page.keyboard.press("s")
    word_locator(page, seed_segment(0), "普京").hover()
    # (The pointer may have opened another word's entry on its way: wait for this one's.)
    expect(page.locator("#gloss-body")).to_have_attribute("data-word", "普京")
    page.click("#gloss .gloss-say")
    spoken = page.evaluate("window.__spoken")
    assert spoken == [["zh-CN", segment.zh], ["zh-CN", segment.zh], ["zh-CN", "普京"]]
