"""Rendering of stored annotations: plain string building, escaped, no text processing.

Built by hand rather than with template loops: a long article has tens of
thousands of words, and this runs for each of them on every page view.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

from reader.classes import learner_name
from reader.text import levels
from reader.text.script import convert, convert_words
from reader.text.vocabulary import is_learnable

register = template.Library()

register.filter("hsk_label", levels.label)
register.filter("person", learner_name)  # a learner or teacher as their class sees them


def _indices(values: list[int]) -> str:
    return " ".join(str(v) for v in values)


@register.filter
def ruby(tokens, script=None):
    """Chinese tokens (``annotation.ZhToken``) as words of characters, a syllable over each.

    银行 (yín háng, HSK 3, linked to English token 8) and 。 become
    ``<span class="w h3" data-i="0" data-l="8"><ruby class="t2">银<rt>yín</rt></ruby>
    <ruby class="t2">行<rt>háng</rt></ruby></span>。`` (without the line break):
    one element per word, carrying its HSK level as a class (for level-aware
    pinyin) and its English words in ``data-l``; inside it one ``<ruby>`` per
    character with its tone as a class (``t1``-``t5``, coloured when the
    learner asks for tone colours); a person's name (米利) has the class ``nm``
    and no level, a number (三十) the class ``nb``. A ruby per character lets the stylesheet
    centre each syllable over its own character and keep the characters on an
    even advance whatever the syllables' widths. A word whose syllables do
    not match its characters one to one (卡拉OK) is one ruby, its reading
    over the whole. The markup is kept this lean because a long article has
    tens of thousands of characters.

    With a ``script`` (``text.script``) the characters are shown in it, one for
    one; a word that reads differently then keeps its stored form in ``data-w``,
    which the page's script uses to look it up and to know its status.
    """
    parts = []
    shown_texts = convert_words([t.text for t in tokens], script) if script else None
    for i, token in enumerate(tokens):
        text, syllables = token.text, token.syllables
        shown = shown_texts[i] if shown_texts else text
        if not syllables:
            parts.append(escape(shown))
            continue
        classes = f"w h{token.level}" if token.level is not None else "w"
        if token.name:  # a person's name: never graded, glossed as a name
            classes += " nm"
        elif not is_learnable(text):  # a number: read, never learned
            classes += " nb"
        attrs = f' data-i="{i}" data-l="{_indices(token.links)}"' if token.links else ""
        if shown != text:
            attrs += f' data-w="{escape(text)}"'
        if len(syllables) == len(text):
            tones = token.tones if len(token.tones) == len(text) else (5,) * len(text)
            inner = "".join(
                f'<ruby class="t{tone}">{escape(char)}<rt>{escape(py)}</rt></ruby>'
                for char, py, tone in zip(shown, syllables, tones, strict=True)
            )
        else:
            inner = f"<ruby>{escape(shown)}<rt>{escape(' '.join(syllables))}</rt></ruby>"
        parts.append(f'<span class="{classes}"{attrs}>{inner}</span>')
    return mark_safe("".join(parts))


@register.filter
def in_script(text, script):
    """Chinese ``text`` (a title, say) in the reader's ``script``, one character for one.

    Markup already made safe stays safe: only Han characters change, never a
    tag, an attribute or an entity.
    """
    if not (text and script):
        return text
    converted = convert(str(text), script)
    return mark_safe(converted) if isinstance(text, SafeData) else converted


@register.filter
def english(segment):
    """The segment's English, with the words linked to Chinese words as ``<span>``s.

    Falls back to the plain text for segments saved without English tokens.
    """
    en_tokens = segment.annotated.en
    if not en_tokens:
        return segment.en
    parts = []
    for j, token in enumerate(en_tokens):
        text = escape(token.text)
        if token.links:
            parts.append(
                f'<span class="ew" data-i="{j}" data-l="{_indices(token.links)}">{text}</span>'
            )
        else:
            parts.append(text)
    return mark_safe("".join(parts))
