"""The learner's words page: by status, searched, changed in place, exported, imported, placed."""

import csv
import io
import sqlite3
import tempfile
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from reader import vocabulary
from reader.models import WordStatus
from tests.factory import make_learner, seed_segments

pytestmark = pytest.mark.django_db
Status = WordStatus.Status


def logged_in(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


@pytest.fixture
def words(mei, bank):
    """银行 saved in its sentence, 行走 looked up in its own, 我们 known."""
    first, second = seed_segments(bank)[:2]
    vocabulary.look_up(user=mei, word="银行", segment=first)
    vocabulary.set_status(user=mei, word="银行", status=Status.LEARNING)
    vocabulary.look_up(user=mei, word="行走", segment=second)
    vocabulary.set_status(user=mei, word="我们", status=Status.KNOWN, segment=first)
    return {row.word: row for row in WordStatus.objects.filter(user=mei)}


def status_url(row):
    return reverse("reader:word_status_update", args=[row.pk])


def test_the_list_shows_words_by_status_with_counts(mei, words):
    client = logged_in(mei)
    response = client.get(reverse("reader:word_list"))
    assertContains(response, 'aria-current="page">All <span class="word-count">3</span>')
    assertContains(response, 'Learning <span class="word-count">1</span>')
    for word in words:
        assertContains(response, f'<span class="word-zh" lang="zh-Hans">{word}</span>')
    learning = client.get(reverse("reader:word_list"), {"status": "learning"})
    assertContains(learning, "银行")
    assertNotContains(learning, '<span class="word-zh" lang="zh-Hans">行走</span>')
    looked_up = client.get(reverse("reader:word_list"), {"status": "new"})
    assertContains(looked_up, '<span class="word-zh" lang="zh-Hans">行走</span>')
    assertContains(looked_up, "looked up 1 time")


def test_a_word_shows_its_reading_meaning_and_sentence_lit_with_a_link_back(mei, words):
    response = logged_in(mei).get(reverse("reader:word_list"), {"status": "learning"})
    assertContains(response, '<span class="word-py">yínháng</span>')
    assertContains(response, '<span class="word-meaning" lang="en">bank</span>')
    assertContains(response, "我们去<mark>银行</mark>。")
    assertContains(response, "<mark>bank</mark>")  # the English word it became
    assertContains(response, f'href="{words["银行"].segment.get_absolute_url()}"')
    assert "#seg-" in words["银行"].get_absolute_url()


def test_the_list_is_paginated(mei):
    vocabulary.place(user=mei, level=1)
    client = logged_in(mei)
    response = client.get(reverse("reader:word_list"), {"status": "known"})
    assertContains(response, "Page 1 of")
    assert response.content.decode().count('class="word-item"') == 50
    assertContains(client.get(reverse("reader:word_list"), {"page": "999"}), "Page ")
    assert client.get(reverse("reader:word_list"), {"page": "x"}).status_code == 200


@pytest.mark.parametrize("query", ["银行", "yinhang", "yín háng", "yin2hang2", "Bank"])
def test_search_finds_a_word_by_its_text_pinyin_or_meaning(mei, words, query):
    response = logged_in(mei).get(reverse("reader:word_list"), {"q": query})
    assertContains(response, '<span class="word-zh" lang="zh-Hans">银行</span>')
    assertNotContains(response, '<span class="word-zh" lang="zh-Hans">行走</span>')


def test_search_also_finds_words_by_their_sentence_and_htmx_gets_the_region(mei, words):
    response = logged_in(mei).get(
        reverse("reader:word_list"), {"q": "walking"}, headers={"HX-Request": "true"}
    )
    assertContains(response, '<span class="word-zh" lang="zh-Hans">行走</span>')
    assert response.content.decode().lstrip().startswith('<div id="word-list">')
    assert "HX-Request" in response["Vary"]


def test_a_status_changes_in_place_with_htmx_and_the_counts_follow(mei, words):
    row = words["行走"]
    response = logged_in(mei).post(
        status_url(row), {"status": "known"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith(f'<li class="word-item" id="word-{row.pk}" data-status="known">')
    assert 'value="known" class="word-status-known" aria-pressed="true"' in html
    assert 'id="word-tabs" aria-label="Words by status" hx-swap-oob="true"' in html
    assert 'Known <span class="word-count">2</span>' in html
    row.refresh_from_db()
    assert row.status == Status.KNOWN and row.lookups == 1


def test_a_status_changes_without_javascript_by_a_form_and_a_redirect(mei, words):
    row = words["银行"]
    response = logged_in(mei).post(status_url(row), {"status": "new"})
    assert response.status_code == 303
    assert response["Location"] == f"/words/#word-{row.pk}"
    row.refresh_from_db()
    assert row.status == Status.NEW


def test_a_bad_status_changes_nothing(mei, words):
    row = words["银行"]
    client = logged_in(mei)
    bad = client.post(status_url(row), {"status": "mastered"}, headers={"HX-Request": "true"})
    assert bad.status_code == 400
    assert client.post(status_url(row), {"status": "\x00"}).status_code == 303
    row.refresh_from_db()
    assert row.status == Status.LEARNING


def test_another_learners_word_is_not_found(mei, words):
    lin = make_learner("lin")
    response = logged_in(lin).post(status_url(words["银行"]), {"status": "known"})
    assert response.status_code == 404
    assert WordStatus.objects.get(pk=words["银行"].pk).status == Status.LEARNING
    page = logged_in(lin).get(reverse("reader:word_list"))
    assertNotContains(page, '<span class="word-zh" lang="zh-Hans">银行</span>')


def test_posts_without_csrf_are_refused(mei, words):
    client = logged_in(mei, enforce_csrf_checks=True)
    for url, data in [
        (status_url(words["银行"]), {"status": "known"}),
        (reverse("reader:word_import"), {"words": "朋友"}),
        (reverse("reader:word_place"), {"level": "1"}),
        (reverse("reader:word_place_undo"), {}),
    ]:
        assert client.post(url, data).status_code == 403
    assert WordStatus.objects.filter(user=mei).count() == 3


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("reader:word_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_pages_are_private(mei, words):
    client = logged_in(mei)
    for url in [
        reverse("reader:word_list"),
        reverse("reader:word_import"),
        reverse("reader:word_export", args=["csv"]),
    ]:
        assert "private" in client.get(url)["Cache-Control"]


def test_the_csv_export_has_the_words_columns_bom_and_safe_cells(mei, words):
    WordStatus.objects.filter(pk=words["行走"].pk).update(context_en="=HYPERLINK(1)")
    response = logged_in(mei).get(reverse("reader:word_export", args=["csv"]))
    assert response["Content-Disposition"] == 'attachment; filename="duizhao-words.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Word", "Pinyin", "Meaning", "Sentence", "English sentence"]
    by_word = {row[0]: row for row in rows[1:]}
    assert by_word["银行"] == ["银行", "yínháng", "bank", "我们去银行。", "We go to the bank."]
    assert by_word["行走"][4] == "'=HYPERLINK(1)"


def test_the_export_follows_the_status_filter(mei, words):
    response = logged_in(mei).get(reverse("reader:word_export", args=["csv"]), {"status": "known"})
    assert response["Content-Disposition"] == 'attachment; filename="duizhao-words-known.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["我们"]


def test_the_anki_export_is_a_package_with_a_collection_of_the_words(mei, words):
    response = logged_in(mei).get(reverse("reader:word_export", args=["apkg"]))
    assert response["Content-Disposition"] == 'attachment; filename="duizhao-words.apkg"'
    with zipfile.ZipFile(io.BytesIO(response.content)) as package:
        assert "collection.anki2" in package.namelist()
        collection = package.read("collection.anki2")
    with tempfile.NamedTemporaryFile(suffix=".anki2") as handle:
        handle.write(collection)
        handle.flush()
        fields = [
            row[0].split("\x1f")
            for row in sqlite3.connect(handle.name).execute("SELECT flds FROM notes")
        ]
    bank = next(f for f in fields if f[0] == "银行")
    assert bank == ["银行", "yínháng", "bank", "我们去<b>银行</b>。", "We go to the bank."]


def test_import_marks_found_words_known_and_reports_what_was_not(mei, words):
    listed = "\ufeff朋友\tpeng2you5\tfriend\n\n学生, xuésheng\n我们\n普京\n三十\nhello\n啊啊啊\n"
    client = logged_in(mei)
    response = client.post(
        reverse("reader:word_import"), {"words": listed}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assertContains(response, "<strong>2</strong> words marked known")
    assertContains(response, "<strong>1</strong> known already")
    for word, reason in [
        ("普京", "a name"),
        ("三十", "a number"),
        ("hello", "not Chinese"),
        ("啊啊啊", "not in the dictionary"),
    ]:
        assertContains(response, f'<span lang="zh-Hans">{word}</span> <span class="muted">{reason}')
    assert vocabulary.statuses(mei, ["朋友", "学生", "普京"]) == {
        "朋友": Status.KNOWN,
        "学生": Status.KNOWN,
    }


def test_import_takes_a_pleco_file_with_traditional_forms_and_reports_after_a_redirect(mei):
    upload = SimpleUploadedFile(
        "pleco.txt", "銀行\tyin2hang2\tbank\n朋友[朋友]\tpeng2you5\n".encode("utf-16")
    )
    client = logged_in(mei)
    response = client.post(reverse("reader:word_import"), {"file": upload})
    assert response.status_code == 303
    assertContains(client.get(response["Location"]), "<strong>2</strong> words marked known")
    assert vocabulary.known_words(mei, ["银行", "朋友"]) == {"银行", "朋友"}
    assertNotContains(client.get(reverse("reader:word_import")), "<h2>Imported</h2>")  # once


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"file": SimpleUploadedFile("l.txt", "朋友\n".encode("gb18030"))}, "not UTF-8"),
        ({"file": SimpleUploadedFile("l.txt", b"\xe6\x9c\n\xff")}, "not UTF-8"),
        ({"file": SimpleUploadedFile("l.txt", "朋友\n\x00学生".encode())}, "NUL"),
        ({"words": "朋友\n\x00"}, "NUL"),
        ({"file": SimpleUploadedFile("l.txt", "朋友\n".encode() * 300_000)}, "larger than"),
        ({"words": "朋友\n" * 30_000}, "more than 20,000 lines"),
        ({"words": "  \n"}, "empty"),
    ],
)
def test_bad_import_input_gets_a_message_and_changes_nothing(mei, data, message):
    response = logged_in(mei).post(reverse("reader:word_import"), data)
    assert response.status_code == 400
    assertContains(response, message, status_code=400)
    assertContains(response, "Nothing was changed.", status_code=400)
    assert not WordStatus.objects.exists()


def test_placement_marks_the_levels_known_says_how_many_and_can_be_undone(mei, words):
    client = logged_in(mei)
    response = client.post(reverse("reader:word_place"), {"level": "1"}, follow=True)
    placed = WordStatus.objects.filter(user=mei, placed=True).count()
    assert placed > 250
    assertContains(response, f"Marked {placed:,} words of HSK 1 known")
    assertContains(response, "Undo the placement")
    assert WordStatus.objects.get(word="我们").status == Status.KNOWN
    response = client.post(reverse("reader:word_place_undo"), follow=True)
    assertContains(response, f"Placement undone: {placed:,} words taken back.")
    assertNotContains(response, "Undo the placement")
    assert WordStatus.objects.filter(user=mei).count() == 3


@pytest.mark.parametrize("level", ["0", "10", "x", ""])
def test_a_bad_placement_level_changes_nothing(mei, level):
    response = logged_in(mei).post(reverse("reader:word_place"), {"level": level}, follow=True)
    assertContains(response, "Choose a level")
    assert not WordStatus.objects.exists()


def test_the_header_links_to_the_words_page(mei, bank):
    assertContains(logged_in(mei).get("/"), f'href="{reverse("reader:word_list")}">Words</a>')
