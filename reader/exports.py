"""A learner's bookmarks, and their words, as a CSV file or an Anki deck."""

import csv
import io
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

import genanki

from .models import Bookmark
from .text.names import name_kind
from .text.orthography import sentence_pinyin

CSV_COLUMNS = ["Chinese", "Pinyin", "English", "Note", "Article", "Link"]

# Fixed ids: Anki recognises a re-imported deck and note type as the same
# ones, and updates notes (matched by guid) instead of duplicating them.
ANKI_MODEL_ID = 1_734_210_001
ANKI_DECK_BASE_ID = 1_734_220_000

ANKI_MODEL = genanki.Model(
    ANKI_MODEL_ID,
    "Duìzhào sentence",
    fields=[
        {"name": "Chinese"},
        {"name": "Pinyin"},
        {"name": "English"},
        {"name": "Note"},
        {"name": "Source"},
    ],
    templates=[
        {
            "name": "Read",
            "qfmt": '<div class="zh" lang="zh-Hans">{{Chinese}}</div>',
            "afmt": (
                '{{FrontSide}}<hr id="answer">'
                '<div class="py">{{Pinyin}}</div>'
                '<div class="en" lang="en">{{English}}</div>'
                '{{#Note}}<div class="note">{{Note}}</div>{{/Note}}'
                '<div class="src">{{Source}}</div>'
            ),
        }
    ],
    css=(
        ".card{font-family:sans-serif;font-size:20px;text-align:center}"
        ".zh{font-size:30px}.py{color:#666}.note{font-style:italic}.src{font-size:14px;color:#888}"
    ),
)


def pinyin_text(tokens) -> str:
    """Pinyin as it is written (GB/T 16159, as the pop-up writes it): words whole and
    apart, names with capitals, a Chinese person's surname apart, punctuation kept.

    The tokens (``annotation.ZhToken``) of 我们去。 give ``"Wǒmen qù."``.
    """
    return sentence_pinyin((t.text, t.syllables, name_kind(t.text, flagged=t.name)) for t in tokens)


def _cell(text: str) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading quote."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_table(columns: list[str], rows: Iterable[Iterable[str]]) -> bytes:
    """UTF-8 with a BOM, so that spreadsheet programs read the Chinese correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(_cell(value) for value in row)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def csv_bytes(bookmarks: Iterable[Bookmark], *, absolute) -> bytes:
    return csv_table(
        CSV_COLUMNS,
        (
            [
                bookmark.zh,
                pinyin_text(bookmark.zh_tokens),
                bookmark.en,
                bookmark.note,
                str(bookmark.article),
                absolute(bookmark.get_absolute_url()),
            ]
            for bookmark in bookmarks
        ),
    )


def apkg_bytes(bookmarks: Iterable[Bookmark], *, deck_name: str, user_id: int, absolute) -> bytes:
    """An Anki package: front the Chinese; back the pinyin, English, note and source.

    Anki fields are HTML, so the text is escaped (quotes may stay as they are).
    """
    deck = genanki.Deck(ANKI_DECK_BASE_ID + user_id, deck_name)
    for bookmark in bookmarks:
        source = escape(str(bookmark.article), quote=False)
        link = absolute(bookmark.get_absolute_url())
        deck.add_note(
            genanki.Note(
                model=ANKI_MODEL,
                fields=[
                    escape(bookmark.zh, quote=False),
                    escape(pinyin_text(bookmark.zh_tokens), quote=False),
                    escape(bookmark.en, quote=False),
                    escape(bookmark.note, quote=False).replace("\n", "<br>"),
                    f'<a href="{escape(link)}">{source}</a>',
                ],
                guid=genanki.guid_for("duizhao-bookmark", bookmark.pk),
                tags=["duizhao", bookmark.article.slug],
            )
        )
    return _package(deck)


def _package(deck: genanki.Deck) -> bytes:
    with tempfile.NamedTemporaryFile(suffix=".apkg") as handle:
        genanki.Package(deck).write_to_file(handle.name)
        with open(handle.name, "rb") as written:
            return written.read()


# --- words -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WordLine:
    """A learner's word as exported: the word, its reading and meaning, where it was met."""

    word: str
    pinyin: str
    meaning: str
    sentence: str
    sentence_en: str


WORD_CSV_COLUMNS = ["Word", "Pinyin", "Meaning", "Sentence", "English sentence"]
ANKI_WORD_MODEL_ID = 1_734_210_002
ANKI_WORD_DECK_BASE_ID = 1_734_230_000

ANKI_WORD_MODEL = genanki.Model(
    ANKI_WORD_MODEL_ID,
    "Duìzhào word",
    fields=[
        {"name": "Word"},
        {"name": "Pinyin"},
        {"name": "Meaning"},
        {"name": "Sentence"},
        {"name": "English sentence"},
    ],
    templates=[
        {
            "name": "Recognise",
            "qfmt": (
                '<div class="zh" lang="zh-Hans">{{Word}}</div>'
                '{{#Sentence}}<div class="ctx" lang="zh-Hans">{{Sentence}}</div>{{/Sentence}}'
            ),
            "afmt": (
                '{{FrontSide}}<hr id="answer">'
                '<div class="py">{{Pinyin}}</div><div class="en">{{Meaning}}</div>'
                '{{#English sentence}}<div class="ctx" lang="en">{{English sentence}}</div>'
                "{{/English sentence}}"
            ),
        }
    ],
    css=(
        ".card{font-family:sans-serif;font-size:20px;text-align:center}"
        ".zh{font-size:40px}.py{color:#666}.ctx{font-size:18px;color:#444;margin-top:.6em}"
    ),
)


def word_csv_bytes(lines: Iterable[WordLine]) -> bytes:
    return csv_table(
        WORD_CSV_COLUMNS,
        ([w.word, w.pinyin, w.meaning, w.sentence, w.sentence_en] for w in lines),
    )


def word_apkg_bytes(lines: Iterable[WordLine], *, deck_name: str, user_id: int) -> bytes:
    """An Anki package of words: front the word in its sentence (bold), back reading and meaning.

    A note's guid is the word's: re-importing a later export updates the notes.
    """
    deck = genanki.Deck(ANKI_WORD_DECK_BASE_ID + user_id, deck_name)
    for line in lines:
        word = escape(line.word, quote=False)
        deck.add_note(
            genanki.Note(
                model=ANKI_WORD_MODEL,
                fields=[
                    word,
                    escape(line.pinyin, quote=False),
                    escape(line.meaning, quote=False),
                    escape(line.sentence, quote=False).replace(word, f"<b>{word}</b>"),
                    escape(line.sentence_en, quote=False),
                ],
                guid=genanki.guid_for("duizhao-word", line.word),
                tags=["duizhao"],
            )
        )
    return _package(deck)
