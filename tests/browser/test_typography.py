"""The Chinese line measured in Chromium: an even grid of characters, each under its syllable.

On the seed article, at a desktop's and a phone's width, every line of the
Chinese is measured as it is laid out:

- within each line, the advance between neighbouring characters of one
  word varies by at most 15 % (largest / smallest ≤ 1.15), however wide
  their syllables;
- each syllable's centre is within a quarter of an em of its character's;
- no two neighbouring syllables on a line touch, within a word or across;
- words are grouped: the gap between two words is wider than the gap
  between the characters inside a word;
- no word of up to four characters is broken across lines.
"""

import pytest

pytestmark = pytest.mark.browser

MEASURE = """() => {
  const glyph = (ruby) => {  // the character itself: its text node, without the ruby's padding
    const range = document.createRange();
    range.selectNodeContents(ruby.firstChild);
    return range.getBoundingClientRect();
  };
  const em = parseFloat(getComputedStyle(document.querySelector(".side--zh ruby")).fontSize);
  const lines = new Map();  // a line of one side's paragraph, by its top: its characters in order
  const words = [];
  document.querySelectorAll(".side--zh .w").forEach((word, w) => {
    const chars = Array.from(word.querySelectorAll(":scope > ruby"));
    if (chars.length !== word.textContent.replace(/[^\\u3400-\\u9fff]/g, "").length) return;
    words.push(chars.map(glyph));
    chars.forEach((ruby) => {
      const box = glyph(ruby);
      const key = ruby.closest(".side").id + "@" + Math.round(box.top);
      if (!lines.has(key)) lines.set(key, []);
      const syllable = ruby.querySelector("rt").getBoundingClientRect();
      lines.get(key).push({word: w, box: box, syllable: syllable, text: ruby.firstChild.nodeValue});
    });
  });
  const out = {em: em, lines: lines.size, ratios: [], offCentre: [], touching: [], groups: [],
               broken: []};
  for (const [key, chars] of lines) {
    const inside = [];
    const between = [];
    for (let k = 1; k < chars.length; k++) {
      const a = chars[k - 1], b = chars[k];
      if (a.word === b.word) inside.push(b.box.left - a.box.left);
      else between.push(b.box.left - a.box.right);
      if (a.syllable.width && b.syllable.width && a.syllable.right >= b.syllable.left) {
        out.touching.push(a.text + b.text);
      }
    }
    if (inside.length > 1) out.ratios.push(Math.max(...inside) / Math.min(...inside));
    const innerGap = inside.length ? Math.min(...inside) - em : null;
    if (innerGap !== null && between.length) out.groups.push([innerGap, Math.min(...between)]);
    for (const c of chars) {
      const centre = (c.box.left + c.box.right) / 2;
      const off = Math.abs((c.syllable.left + c.syllable.right) / 2 - centre);
      if (c.syllable.width && off > em / 4) out.offCentre.push(c.text);
    }
  }
  for (const boxes of words) {
    if (boxes.length <= 4 && new Set(boxes.map((b) => Math.round(b.top))).size > 1) {
      out.broken.push(boxes.length);
    }
  }
  return out;
}"""


# The learner's text sizes (reader.css's --text-scale): the default, and the extremes.
TEXT_SIZES = {"medium": 1, "small": 0.9, "larger": 1.45}


@pytest.mark.parametrize("text_size", ["medium", "larger", "small"])
@pytest.mark.parametrize("width", [1280, 375])
def test_characters_sit_on_an_even_grid_under_their_own_syllables(
    new_context, seed_url, width, text_size
):
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(seed_url)
    page.evaluate(f"document.documentElement.dataset.textSize = {text_size!r}")
    page.evaluate("document.fonts.ready")
    page.wait_for_function("document.querySelector('rt[style*=squeeze]') !== null")
    # Each side of a pair is a block of its own: give them ids to tell their lines apart.
    page.evaluate("document.querySelectorAll('.side').forEach((el, i) => { el.id = 'side-' + i; })")
    found = page.evaluate(MEASURE)

    assert found["em"] == pytest.approx(1.2 * 16 * TEXT_SIZES[text_size])
    assert found["lines"] > 20, found["lines"]
    assert found["ratios"] and max(found["ratios"]) <= 1.15, sorted(found["ratios"])[-3:]
    assert found["offCentre"] == []
    assert found["touching"] == []
    # A gap between words, visibly wider than the one between a word's characters.
    assert all(between > inner + 0.1 * found["em"] for inner, between in found["groups"]), [
        g for g in found["groups"] if g[1] <= g[0] + 0.1 * found["em"]
    ]
    assert found["broken"] == []


def test_copying_a_sentence_gives_its_characters_without_pinyin(new_context, seed_url):
    context = new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(seed_url)
    sentence = page.locator(".side--zh .seg").first
    sentence.evaluate(
        "el => { const range = document.createRange(); range.selectNodeContents(el);"
        " const selection = getSelection(); selection.removeAllRanges();"
        " selection.addRange(range); }"
    )
    page.keyboard.press("Control+C")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("俄罗斯总统弗拉基米尔"), copied[:40]
    assert "é" not in copied and "luó" not in copied
