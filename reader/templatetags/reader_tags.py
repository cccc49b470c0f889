"""Rendering of stored annotations: plain string building, escaped, no text processing."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def ruby(tokens):
    """Chinese tokens as ``<ruby>`` words, each character over its syllable; others as text.

    ``[{"t": "银行", "py": ["yín", "háng"]}, {"t": "。"}]`` becomes
    ``<ruby class="w">银<rt>yín</rt>行<rt>háng</rt></ruby>。``: one element
    per word, with each syllable centred over its own character. Built by
    hand rather than with a template loop: a long article has thousands of words.
    """
    parts = []
    for token in tokens:
        text = token["t"]
        syllables = token.get("py")
        if not syllables:
            parts.append(escape(text))
        elif len(syllables) == len(text):
            pairs = "".join(
                f"{escape(char)}<rt>{escape(syllable)}</rt>"
                for char, syllable in zip(text, syllables, strict=True)
            )
            parts.append(f'<ruby class="w">{pairs}</ruby>')
        else:
            parts.append(
                f'<ruby class="w">{escape(text)}<rt>{escape(" ".join(syllables))}</rt></ruby>'
            )
    return mark_safe("".join(parts))


@register.filter
def hsk_label(level):
    """HSK 3.0 bands as learners know them: 1 … 6, and 7–9 for the advanced band."""
    if level is None:
        return ""
    return "7–9" if level >= 7 else str(level)
