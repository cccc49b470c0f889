import json
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
    assert re.search(r'data-t="31"[^>]*>普<rt>pǔ</rt>京<rt>jīng</rt></ruby>', html)
    assert re.search(r'data-t="221"[^>]*>俄<rt>é</rt>罗<rt>luó</rt>斯<rt>sī</rt></ruby>', html)


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


def test_pinyin_choice_is_remembered_across_pages(client, seed_article):
    page = seed_article.get_absolute_url()
    assert 'data-pinyin="all"' in client.get(page).content.decode()
    response = client.post(reverse("reader:preferences_update"), {"pinyin": "none", "next": page})
    assert response.status_code == 303
    assert response["Location"] == page
    assert 'data-pinyin="none"' in client.get(page).content.decode()
    assert 'data-pinyin="none"' in client.get(reverse("reader:article_list")).content.decode()
    client.post(reverse("reader:preferences_update"), {"pinyin": "all"})
    assert 'data-pinyin="all"' in client.get(page).content.decode()


def test_preferences_by_htmx_answer_with_an_event_and_keep_what_was_not_sent(client):
    url = reverse("reader:preferences_update")
    client.post(url, {"level": "5", "tone_colors": "on"})
    response = client.post(url, {"pinyin": "above"}, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert json.loads(response["HX-Trigger"]) == {
        "preferencesChanged": {
            "pinyin": "above",
            "level": 5,
            "tone_colors": True,
            "mode": "parallel",
        }
    }
    assert "HX-Request" in response["Vary"]
    html = client.get("/").content.decode()
    assert 'data-pinyin="above" data-level="5" data-tones="on" data-mode="parallel"' in html


@pytest.mark.parametrize(
    "data", [{"pinyin": "loud"}, {"level": "10"}, {"level": "zero"}, {"mode": "sideways"}]
)
def test_bad_preferences_are_refused_with_a_message_and_change_nothing(client, data):
    response = client.post(reverse("reader:preferences_update"), data)
    assert response.status_code == 400
    assert "Preferences not saved" in response.content.decode()
    assert list(data)[0] in response.content.decode()
    assert 'data-pinyin="all" data-level="3"' in client.get("/").content.decode()


def test_learner_preferences_live_in_the_profile_and_follow_signup(client):
    from reader.models import Profile

    client.post(reverse("reader:preferences_update"), {"pinyin": "none", "level": "4"})
    client.post(
        reverse("reader:account_signup"),
        {"username": "lin", "password1": "a-long-passphrase-7", "password2": "a-long-passphrase-7"},
    )
    profile = Profile.objects.get(user__username="lin")
    assert (profile.pinyin, profile.level) == ("none", 4)
    client.post(reverse("reader:preferences_update"), {"tone_colors": "on"})
    profile.refresh_from_db()
    assert profile.tone_colors is True
    other = Client()
    other.force_login(profile.user)
    assert 'data-pinyin="none" data-level="4" data-tones="on"' in other.get("/").content.decode()


def test_pinyin_choice_never_redirects_off_site(client):
    response = client.post(
        reverse("reader:preferences_update"), {"pinyin": "none", "next": "https://evil.example/"}
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


def test_first_request_after_an_edit_shows_the_edit(client, seed_article):
    from reader import services

    url = seed_article.get_absolute_url()
    assert "Vladivostok" in client.get(url).content.decode()

    def gloss_the_city(beads):
        beads[4] = (beads[4][0], [beads[4][1][0].replace("Vladivostok", "Vladivostok (海参崴)")])
        return beads

    services.realign_article(article=seed_article, edit=gloss_the_city)
    assert "(海参崴)" in client.get(url).content.decode()
    seed_article.refresh_from_db()
    seed_article.title_en = "A new title"
    seed_article.save()
    assert "A new title" in client.get(url).content.decode()
    services.add_correction(article=seed_article, kind="pinyin", word="普京", value="pǔ jìng")
    assert "<rt>jìng</rt>" in client.get(url).content.decode()


def test_a_long_article_is_read_in_parts_loaded_as_the_reader_goes(client, seed_article, settings):
    settings.DUIZHAO_PAIRS_PER_PART = 5  # the seed's 14 pairs make 3 parts
    url = seed_article.get_absolute_url()
    first = client.get(url).content.decode()
    assert re.findall(r'id="pair-(\d+)"', first) == ["0", "1", "2", "3", "4"]
    assert f'hx-get="{url}?part=2" hx-trigger="revealed"' in first
    assert f'<a href="{url}?part=2">Continue reading: part 2 of 3</a>' in first
    # htmx asks for the next part alone; a plain link gets a whole page.
    fragment = client.get(url, {"part": 2}, headers={"HX-Request": "true"})
    assert fragment.content.decode().startswith('<div class="pairs">')
    assert re.findall(r'id="pair-(\d+)"', fragment.content.decode()) == ["5", "6", "7", "8", "9"]
    assert "HX-Request" in fragment["Vary"]
    page = client.get(url, {"part": 3}).content.decode()
    assert "<!doctype html>" in page and f'<a href="{url}?part=2">← Part 2</a>' in page
    assert re.findall(r'id="pair-(\d+)"', page) == ["10", "11", "12", "13"]
    assert "Continue reading" not in page
    for bad in ["0", "4", "x", "-1"]:
        assert client.get(url, {"part": bad}).status_code == 404


def test_bookmark_links_open_the_part_that_holds_the_sentence(seed_article, settings):
    from django.contrib.auth import get_user_model

    from reader import services

    settings.DUIZHAO_PAIRS_PER_PART = 5
    learner = get_user_model().objects.create_user("mei", password="a-long-passphrase-7")
    segment = Segment.objects.get(pair__article=seed_article, pair__position=12, position=0)
    bookmark = services.toggle_bookmark(user=learner, segment=segment)
    assert (
        bookmark.get_absolute_url()
        == f"{seed_article.get_absolute_url()}?part=3#seg-{segment.pk}-zh"
    )


def test_reader_page_gives_a_first_visitor_the_csrf_cookie_and_htmx_reads_it(client, seed_article):
    response = client.get(seed_article.get_absolute_url())
    assert "csrftoken" in response.cookies
    html = response.content.decode()
    # The page itself carries no token, so that it can be served from cache;
    # the script sends the cookie's value as the X-CSRFToken header.
    assert "csrfmiddlewaretoken" not in html and "hx-headers" not in html
    again = client.get(seed_article.get_absolute_url())
    assert "csrftoken" not in again.cookies  # a returning visitor's cookie is left alone


def test_settings_page_for_readers_without_javascript(client):
    page = client.get(reverse("reader:preferences_update"), {"next": "/about/"})
    html = page.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html and 'value="/about/"' in html
    response = client.post(
        reverse("reader:preferences_update"),
        {"pinyin": "above", "level": "6", "tone_colors": "", "mode": "test", "next": "/about/"},
    )
    assert response["Location"] == "/about/"
    assert 'data-pinyin="above" data-level="6" data-tones="off" data-mode="test"' in (
        client.get("/").content.decode()
    )


def test_query_strings_do_not_change_the_reader_page(client, seed_article):
    url = seed_article.get_absolute_url()
    plain = client.get(url).content.decode()
    odd = client.get(url, {"utm_source": "x", "x": "<b>"}).content.decode()
    assert 'href="/accounts/login/?next=/articles/milley-tin-cup/"' in odd
    assert "utm_source" not in odd and "&lt;b&gt;" not in odd
    nonce = re.compile(r'nonce="[^"]*"')
    assert nonce.sub("", plain) == nonce.sub("", odd)
