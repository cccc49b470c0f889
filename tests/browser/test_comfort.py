"""Reading comfort in Chromium: text size and line spacing kept, and text that
stays readable in the light theme and in the dark one the system asks for.

Contrast is WCAG 2's: (L1 + 0.05) / (L2 + 0.05) of the relative luminances
of a text's colour and of the background it is drawn on (the backgrounds of
the element and its ancestors, composited), e.g. #656d76 on #fdfcf9 is
5.11:1. Every text below must reach 4.5:1, the bar for body text.
"""

import pytest
from playwright.sync_api import expect

from reader.models import Segment
from tests.factory import make_article

pytestmark = pytest.mark.browser

MINIMUM = 4.5

CONTRAST = """(selectors) => {
  const parse = (css) => {
    const m = css.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[\\s,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, below) => top.slice(0, 3).map((c, i) => c * top[3] + below[i] * (1 - top[3]));
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour && colour[3] > 0) layers.push(colour);
      if (colour && colour[3] === 1) break;
    }
    let rgb = [255, 255, 255];
    for (const layer of layers.reverse()) rgb = over(layer, rgb);
    return rgb;
  };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const hex = (rgb) => "#" + rgb.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
  const out = {};
  for (const [name, selector] of Object.entries(selectors)) {
    const elements = Array.from(document.querySelectorAll(selector)).filter((el) =>
      el.getClientRects().length && getComputedStyle(el).visibility !== "hidden");
    if (!elements.length) { out[name] = null; continue; }
    let worst = null;
    for (const el of elements.slice(0, 40)) {
      const bg = background(el);
      const fg = over(parse(getComputedStyle(el).color), bg);
      const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      if (!worst || ratio < worst.ratio) worst = {ratio: ratio, fg: hex(fg), bg: hex(bg)};
    }
    out[name] = worst;
  }
  return out;
}"""

READER = {
    "body text, Chinese": ".side--zh .seg ruby",
    "body text, English": ".side--en .seg",
    "title": ".article-head h1",
    "muted text": ".article-meta, .hint",
    "caption (muted, on its tint)": ".pair--no-en .side--zh",
    "pinyin": ".side--zh rt",
    "link": "main a, .site-footer a, .site-nav a",
    "footer": ".site-footer p",
}
LIT = {
    "lit sentence, Chinese": ".side--zh .seg.is-lit ruby",
    "lit sentence, pinyin": ".side--zh .seg.is-lit rt",
    "lit sentence, English": ".side--en .seg.is-lit",
    "lit word": ".w.is-word-lit",
    "lit word, pinyin": ".w.is-word-lit rt",
    "lit English word": ".ew.is-word-lit",
}
TONES = {
    f"tone {tone}{where}": f".side--zh .seg{lit} .t{tone}, .side--zh .seg{lit} .t{tone} rt"
    for tone in range(1, 6)
    for where, lit in (("", ":not(.is-lit)"), (", lit", ".is-lit"))
}
# Every element of the pop-up that holds text of its own.
POPUP = {"pop-up text": "#gloss *:not(:has(*)), #gloss li, #gloss p"}
LIST = {
    "card title, Chinese": ".card-title-zh",
    "card title, English": ".card-title-en",
    "card meta (muted)": ".card-meta",
    "HSK badge": ".badge",
}


def measure(page, selectors):
    found = page.evaluate(CONTRAST, selectors)
    missing = [name for name, worst in found.items() if worst is None]
    assert not missing, f"nothing to measure for {missing}"
    return found


def too_faint(found):
    return {name: w for name, w in found.items() if w["ratio"] < MINIMUM}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_is_at_least_4_5_to_1(new_context, seed_url, scheme):
    page = new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme).new_page()
    page.goto(seed_url)
    paper = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (paper == "rgb(22, 24, 27)") == (scheme == "dark"), paper

    found = measure(page, READER)
    segment = Segment.objects.filter(pair__position=5).order_by("position").first()
    page.locator(f"#seg-{segment.pk}-zh .w").first.hover()
    expect(page.locator("#gloss")).to_be_visible()
    expect(page.locator(".side--en .seg.is-lit")).to_have_count(1)
    found |= measure(page, LIT | POPUP)
    # Tone colours (a setting): each tone's pinyin, on the page and in a lit sentence.
    page.evaluate("document.documentElement.dataset.tones = 'on'")
    found |= measure(page, TONES)
    make_article(slug="bank", published=True)  # the seed has no Chinese title
    page.goto(seed_url.split("/articles/")[0] + "/")
    found |= measure(page, LIST)

    for name, worst in found.items():
        print(f"{scheme:5} {name:30} {worst['ratio']:5.2f}  {worst['fg']} on {worst['bg']}")
    assert too_faint(found) == {}


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
