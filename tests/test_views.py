import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from reader.models import LEARNER_CHARS_PER_MINUTE, Article, Segment
from tests.factory import make_article

pytestmark = pytest.mark.django_db


def test_list_shows_published_articles_with_level_and_length(client, seed_article):
    make_article(slug="draft-piece", title_en="Unfinished draft", published=False)
    response = client.get(reverse("reader:article_list"))
    assertContains(response, "tin cup in hand")
    assertContains(response, seed_article.get_absolute_url())
    assertNotContains(response, "Unfinished draft")
    assertContains(response, "14 paragraphs")
    assert re.search(r"HSK (\d|7–9)", response.content.decode())


def test_list_shows_reading_time_at_a_learners_pace(client, seed_article):
    # 599 Han characters at 250 a minute: 2.4 minutes, said as 3.
    assert seed_article.zh_chars == 599
    assertContains(client.get(reverse("reader:article_list")), "~3&nbsp;min&nbsp;read")
    assert Article(zh_chars=0).reading_minutes == 1
    assert Article(zh_chars=LEARNER_CHARS_PER_MINUTE).reading_minutes == 1


def test_list_empty_state_tells_how_to_add_articles(client):
    response = client.get(reverse("reader:article_list"))
    assertContains(response, "No articles yet")


def test_reader_shows_both_languages_side_by_side(client, seed_article):
    response = client.get(seed_article.get_absolute_url())
    assertContains(response, "<title>Top US general describes Putin")
    assertContains(response, 'class="side side--zh" lang="zh-Hans"', count=14)
    assertContains(response, 'class="side side--en" lang="en"', count=14)
    html = response.content.decode()
    # Pinyin sits over each character, read in context, its tone as the character's class.
    assert re.search(
        r'<span class="w[^"]*"[^>]*><ruby class="t3">普<rt>pǔ</rt></ruby>'
        r'<ruby class="t1">京<rt>jīng</rt></ruby></span>',
        html,
    )
    assert re.search(
        r'<ruby class="t2">俄<rt>é</rt></ruby><ruby class="t2">罗<rt>luó</rt></ruby>'
        r'<ruby class="t1">斯<rt>sī</rt></ruby></span>',
        html,
    )


def test_reader_marks_caption_and_credit_as_unmatched(client, seed_article):
    response = client.get(seed_article.get_absolute_url())
    unmatched = re.findall(
        r'<section class="pair pair--no-en" id="pair-(\d+)"', response.content.decode()
    )
    assert unmatched == ["6", "7"]
    assertContains(response, "Not in the English", count=2)


def test_every_sentence_is_a_segment_with_both_sides_marked(client, seed_article):
    response = client.get(seed_article.get_absolute_url())
    for segment in Segment.objects.filter(pair__article=seed_article):
        if segment.zh:
            assertContains(response, f'id="seg-{segment.pk}-zh" data-seg="{segment.pk}"')
        if segment.en:
            assertContains(response, f'id="seg-{segment.pk}-en" data-seg="{segment.pk}"')


def test_reader_escapes_article_text(client):
    article = make_article(
        slug="script-test",
        zh=["他写了<script>alert(1)</script>。"],
        en=["He wrote <script>alert(1)</script>."],
        title_en="<b>Bold</b> claims",
    )
    response = client.get(article.get_absolute_url())
    assertNotContains(response, "<script>alert(1)</script>")
    assertContains(response, "&lt;script&gt;")
    assertContains(response, "&lt;b&gt;Bold&lt;/b&gt; claims")


def test_draft_and_unknown_articles_are_not_found(client):
    draft = make_article(slug="draft-piece", published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/articles/no-such-article/").status_code == 404


def test_pinyin_choice_is_remembered_across_pages(client, seed_article):
    page = seed_article.get_absolute_url()
    assertContains(client.get(page), 'data-pinyin="all"')
    response = client.post(reverse("reader:preferences_update"), {"pinyin": "none", "next": page})
    assert response.status_code == 303
    assert response["Location"] == page
    assertContains(client.get(page), 'data-pinyin="none"')
    assertContains(client.get(reverse("reader:article_list")), 'data-pinyin="none"')
    client.post(reverse("reader:preferences_update"), {"pinyin": "all"})
    assertContains(client.get(page), 'data-pinyin="all"')


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
            "mark_learning": True,
            "text_size": "medium",
            "line_spacing": "normal",
            "script": "simplified",
        }
    }
    assert "HX-Request" in response["Vary"]
    assertContains(
        client.get("/"), 'data-pinyin="above" data-level="5" data-tones="on" data-mode="parallel"'
    )


@pytest.mark.parametrize(
    "data",
    [
        {"pinyin": "loud"},
        {"level": "10"},
        {"level": "zero"},
        {"mode": "sideways"},
        {"text_size": "huge"},
        {"line_spacing": "double"},
    ],
)
def test_bad_preferences_are_refused_with_a_message_and_change_nothing(client, data):
    response = client.post(reverse("reader:preferences_update"), data)
    assertContains(response, "Preferences not saved", status_code=400)
    assertContains(response, list(data)[0], status_code=400)
    assertContains(client.get("/"), 'data-pinyin="all" data-level="3"')


def test_text_size_and_line_spacing_are_remembered_on_the_reader(client, seed_article):
    page = seed_article.get_absolute_url()
    assertContains(client.get(page), 'data-text-size="medium" data-line-spacing="normal"')
    client.post(reverse("reader:preferences_update"), {"text_size": "larger"})
    client.post(reverse("reader:preferences_update"), {"line_spacing": "loose"})
    assertContains(client.get(page), 'data-text-size="larger" data-line-spacing="loose"')
    settings_page = client.get(reverse("reader:preferences_update")).content.decode()
    assert re.search(r'name="text_size" value="larger" checked', settings_page)
    assert re.search(r'name="line_spacing" value="loose" checked', settings_page)


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
    assertContains(other.get("/"), 'data-pinyin="none" data-level="4" data-tones="on"')


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
    response = client.get(seed_article.get_absolute_url())
    html = response.content.decode()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert any("django_htmx/htmx" in src for src in scripts)
    assert all(src.startswith("/static/") for src in scripts)
    assert "http://" not in html.replace("http://testserver", "")
    assertNotContains(response, "https://")


def test_first_request_after_an_edit_shows_the_edit(client, seed_article):
    from reader import services

    url = seed_article.get_absolute_url()
    assertContains(client.get(url), "Vladivostok")

    def rename_the_city(beads):
        beads[4] = (beads[4][0], [beads[4][1][0].replace("Vladivostok", "Vladivostok (海参崴)")])
        return beads

    services.realign_article(article=seed_article, edit=rename_the_city)
    assertContains(client.get(url), "(海参崴)")
    seed_article.refresh_from_db()
    seed_article.title_en = "A new title"
    seed_article.save()
    assertContains(client.get(url), "A new title")
    services.add_correction(article=seed_article, kind="pinyin", word="普京", value="pǔ jìng")
    assertContains(client.get(url), "<rt>jìng</rt>")


def test_a_long_article_is_read_in_parts_loaded_as_the_reader_goes(client, seed_article, settings):
    settings.DUIZHAO_PAIRS_PER_PART = 5  # the seed's 14 pairs make 3 parts
    url = seed_article.get_absolute_url()
    first = client.get(url)
    assert re.findall(r'id="pair-(\d+)"', first.content.decode()) == ["0", "1", "2", "3", "4"]
    assertContains(first, f'hx-get="{url}?part=2" hx-trigger="revealed"')
    assertContains(first, f'<a href="{url}?part=2">Continue reading: part 2 of 3</a>')
    # htmx asks for the next part alone; a plain link gets a whole page.
    fragment = client.get(url, {"part": 2}, headers={"HX-Request": "true"})
    assert fragment.content.decode().startswith('<div class="pairs">')
    assert re.findall(r'id="pair-(\d+)"', fragment.content.decode()) == ["5", "6", "7", "8", "9"]
    assert "HX-Request" in fragment["Vary"]
    page = client.get(url, {"part": 3})
    assertContains(page, "<!doctype html>")
    assertContains(page, f'<a href="{url}?part=2">← Part 2</a>')
    assert re.findall(r'id="pair-(\d+)"', page.content.decode()) == ["10", "11", "12", "13"]
    assertNotContains(page, "Continue reading")
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
    # The page itself carries no token, so that it can be served from cache;
    # the script sends the cookie's value as the X-CSRFToken header.
    assertNotContains(response, "csrfmiddlewaretoken")
    assertNotContains(response, "hx-headers")
    again = client.get(seed_article.get_absolute_url())
    assert "csrftoken" not in again.cookies  # a returning visitor's cookie is left alone


def test_settings_page_for_readers_without_javascript(client):
    page = client.get(reverse("reader:preferences_update"), {"next": "/about/"})
    assertContains(page, 'name="csrfmiddlewaretoken"')
    assertContains(page, 'value="/about/"')
    response = client.post(
        reverse("reader:preferences_update"),
        {"pinyin": "above", "level": "6", "tone_colors": "", "mode": "test", "next": "/about/"},
    )
    assert response["Location"] == "/about/"
    assertContains(
        client.get("/"), 'data-pinyin="above" data-level="6" data-tones="off" data-mode="test"'
    )


def test_query_strings_do_not_change_the_reader_page(client, seed_article):
    url = seed_article.get_absolute_url()
    plain = client.get(url)
    odd = client.get(url, {"utm_source": "x", "x": "<b>"})
    assertContains(odd, 'href="/accounts/login/?next=/articles/milley-tin-cup/"')
    assertNotContains(odd, "utm_source")
    assertNotContains(odd, "&lt;b&gt;")
    nonce = re.compile(r'nonce="[^"]*"')
    assert nonce.sub("", plain.content.decode()) == nonce.sub("", odd.content.decode())


def test_a_nul_in_a_query_string_is_ignored_not_a_500(client, seed_article):
    assert client.get("/?q=%00").status_code == 200
    assert client.get(seed_article.get_absolute_url() + "?part=%00").status_code == 200
    assert client.get("/bookmarks/?article=%00").status_code == 302  # to log in, as usual
