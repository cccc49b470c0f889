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
    """Chinese tokens as ``<ruby>`` words, each character over its syllable; others as text.

    ``[{"t": "银行", "py": ["yín", "háng"], "tn": [2, 2], "h": 3, "l": [8]}, {"t": "。"}]``
    becomes ``<ruby class="w h3" data-t="22" data-i="0" data-l="8">银<rt>yín</rt>行<rt>háng</rt>
    </ruby>。`` (without the line break): one element per word, a syllable over
    each character, its HSK level as a class for level-aware pinyin, its
    tones in ``data-t`` (the script colours the characters from them when the
    learner asks for tone colours), and its English words in ``data-l``.
    The markup is kept this lean because a long article has tens of
    thousands of characters.
    """
    parts = []
    for i, token in enumerate(tokens):
        text = token["t"]
        syllables = token.get("py")
        if not syllables:
            parts.append(escape(text))
            continue
        classes = f"w h{token['h']}" if "h" in token else "w"
        tones = "".join(str(t) for t in token.get("tn", ()))
        attrs = f' data-t="{tones}"' if len(tones) == len(text) else ""
        if "l" in token:
            attrs += f' data-i="{i}" data-l="{_indices(token["l"])}"'
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
    en_tokens = segment.annotation.get("en")
    if not en_tokens:
        return segment.en
    parts = []
    for j, token in enumerate(en_tokens):
        text = escape(token["t"])
        if "l" in token:
            parts.append(
                f'<span class="ew" data-i="{j}" data-l="{_indices(token["l"])}">{text}</span>'
            )
        else:
            parts.append(text)
    return mark_safe("".join(parts))
