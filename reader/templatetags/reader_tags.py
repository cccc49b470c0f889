"""Rendering of stored annotations: plain string building, escaped, no text processing.

Built by hand rather than with template loops: a long article has tens of
thousands of words, and this runs for each of them on every page view.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from reader.text import levels

register = template.Library()

register.filter("hsk_label", levels.label)


def _indices(values: list[int]) -> str:
    return " ".join(str(v) for v in values)


@register.filter
def ruby(tokens):
    """Chinese tokens (``annotation.ZhToken``) as ``<ruby>`` words, a syllable over each character.

    银行 (yín háng, HSK 3, linked to English token 8) and 。 become
    ``<ruby class="w h3" data-t="22" data-i="0" data-l="8">银<rt>yín</rt>行<rt>háng</rt>
    </ruby>。`` (without the line break): one element per word, a syllable over
    each character, its HSK level as a class for level-aware pinyin, its
    tones in ``data-t`` (the script colours the characters from them when the
    learner asks for tone colours), and its English words in ``data-l``.
    The markup is kept this lean because a long article has tens of
    thousands of characters.
    """
    parts = []
    for i, token in enumerate(tokens):
        text, syllables = token.text, token.syllables
        if not syllables:
            parts.append(escape(text))
            continue
        classes = f"w h{token.level}" if token.level is not None else "w"
        tones = "".join(str(t) for t in token.tones)
        attrs = f' data-t="{tones}"' if len(tones) == len(text) else ""
        if token.links:
            attrs += f' data-i="{i}" data-l="{_indices(token.links)}"'
        if len(syllables) == len(text):
            inner = "".join(
                f"{escape(char)}<rt>{escape(py)}</rt>"
                for char, py in zip(text, syllables, strict=True)
            )
        else:
            inner = f"{escape(text)}<rt>{escape(' '.join(syllables))}</rt>"
        parts.append(f'<ruby class="{classes}"{attrs}>{inner}</ruby>')
    return mark_safe("".join(parts))


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
