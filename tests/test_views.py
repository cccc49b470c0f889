import re

import pytest
from django.test import Client
from django.urls import reverse

from reader.models import Segment
from tests.factory import make_article

pytestmark = pytest.mark.django_db


def test_list_shows_published_articles_with_level_and_length(client, seed_article):
    make_article(slug="draft-piece", title_en="Unfinished draft", published=False)
    response = client.get(reverse("reader:article_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "tin cup in hand" in html
    assert seed_article.get_absolute_url() in html
    assert "Unfinished draft" not in html
    assert "14 paragraphs" in html
    assert re.search(r"HSK (\d|7–9)", html)


def test_list_empty_state_tells_how_to_add_articles(client):
    response = client.get(reverse("reader:article_list"))
    assert "No articles yet" in response.content.decode()


def test_reader_shows_both_languages_side_by_side(client, seed_article):
    response = client.get(seed_article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Top US general describes Putin" in html
    assert html.count('class="side side--zh" lang="zh-Hans"') == 14
    assert html.count('class="side side--en" lang="en"') == 14
    # Pinyin sits over the words, read in context.
    assert '<ruby class="w">普<rt>pǔ</rt>京<rt>jīng</rt></ruby>' in html
    assert '<ruby class="w">俄<rt>é</rt>罗<rt>luó</rt>斯<rt>sī</rt></ruby>' in html


def test_reader_marks_caption_and_credit_as_unmatched(client, seed_article):
    html = client.get(seed_article.get_absolute_url()).content.decode()
    unmatched = re.findall(r'<section class="pair pair--no-en" id="pair-(\d+)"', html)
    assert unmatched == ["6", "7"]
    assert html.count("Not in the English") == 2


def test_every_sentence_is_a_segment_with_both_sides_marked(client, seed_article):
    html = client.get(seed_article.get_absolute_url()).content.decode()
    for segment in Segment.objects.filter(pair__article=seed_article):
        if segment.zh:
            assert f'id="seg-{segment.pk}-zh" data-seg="{segment.pk}"' in html
        if segment.en:
            assert f'id="seg-{segment.pk}-en" data-seg="{segment.pk}"' in html


def test_reader_escapes_article_text(client):
    article = make_article(
        slug="script-test",
        zh=["他写了<script>alert(1)</script>。"],
        en=["He wrote <script>alert(1)</script>."],
        title_en="<b>Bold</b> claims",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;Bold&lt;/b&gt; claims" in html


def test_draft_and_unknown_articles_are_not_found(client):
    draft = make_article(slug="draft-piece", published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/articles/no-such-article/").status_code == 404


def test_pinyin_switch_is_remembered_across_pages(client, seed_article):
    page = seed_article.get_absolute_url()
    assert 'data-pinyin="on"' in client.get(page).content.decode()
    response = client.post(reverse("reader:preferences_update"), {"pinyin": "off", "next": page})
    assert response.status_code == 303
    assert response["Location"] == page
    assert 'data-pinyin="off"' in client.get(page).content.decode()
    assert 'data-pinyin="off"' in client.get(reverse("reader:article_list")).content.decode()
    client.post(reverse("reader:preferences_update"), {"pinyin": "on"})
    assert 'data-pinyin="on"' in client.get(page).content.decode()


def test_pinyin_switch_by_htmx_returns_the_switch_and_an_event(client):
    response = client.post(
        reverse("reader:preferences_update"), {"pinyin": "off"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response["HX-Trigger"] == '{"pinyinChanged": {"on": false}}'
    assert "HX-Request" in response["Vary"]
    html = response.content.decode()
    assert html.lstrip().startswith('<form id="pinyin-switch"')
    assert 'aria-pressed="false"' in html


def test_pinyin_switch_never_redirects_off_site(client):
    response = client.post(
        reverse("reader:preferences_update"), {"pinyin": "off", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_post_without_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("reader:preferences_update"), {"pinyin": "off"})
    assert response.status_code == 403


def test_htmx_is_served_from_the_bundled_copy(client, seed_article):
    html = client.get(seed_article.get_absolute_url()).content.decode()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert any("django_htmx/htmx" in src for src in scripts)
    assert all(src.startswith("/static/") for src in scripts)
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html
