"""Rendering of stored annotations: plain string building, escaped, no text processing."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def ruby(tokens):
    """Chinese tokens as ``<ruby>`` words with their pinyin; other tokens as plain text.

    ``[{"t": "银行", "py": ["yín", "háng"]}, {"t": "。"}]`` becomes
    ``<ruby class="w">银行<rt>yín háng</rt></ruby>。``. Built by hand rather
    than with a template loop because a long article has thousands of words.
    """
    parts = []
    for token in tokens:
        text = escape(token["t"])
        syllables = token.get("py")
        if syllables:
            parts.append(f'<ruby class="w">{text}<rt>{escape(" ".join(syllables))}</rt></ruby>')
        else:
            parts.append(text)
    return mark_safe("".join(parts))


@register.filter
def hsk_label(level):
    """HSK 3.0 bands as learners know them: 1 … 6, and 7–9 for the advanced band."""
    if level is None:
        return ""
    return "7–9" if level >= 7 else str(level)
