import csv
import io
import json
import re
import sqlite3
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from reader import services
from reader.models import Bookmark, Segment
from tests.factory import SEED_FILE, make_article

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-passphrase-42"


def make_learner(username="mei"):
    return get_user_model().objects.create_user(username=username, password=PASSWORD)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def seed_segments(article):
    return list(
        Segment.objects.filter(pair__article=article)
        .exclude(zh="")
        .order_by("pair__position", "position")
    )


def toggle_url(segment):
    return reverse("reader:bookmark_toggle", args=[segment.pk])


# Accounts


def test_signup_logs_in_and_returns_to_the_page(client, seed_article):
    page = seed_article.get_absolute_url()
    response = client.post(
        reverse("reader:account_signup"),
        {"username": "lin", "password1": PASSWORD, "password2": PASSWORD, "next": page},
    )
    assert response.status_code == 303
    assert response["Location"] == page
    assert "Log out" in client.get(page).content.decode()


def test_signup_applies_password_validators(client):
    response = client.post(
        reverse("reader:account_signup"),
        {"username": "lin", "password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 200
    assert "This password is too common" in response.content.decode()
    assert not get_user_model().objects.filter(username="lin").exists()


def test_login_link_in_header_returns_learner_to_the_page(client, seed_article):
    make_learner()
    page = seed_article.get_absolute_url()
    html = client.get(page).content.decode()
    assert f'href="/accounts/login/?next={page}"' in html
    response = client.post(
        reverse("login"), {"username": "mei", "password": PASSWORD, "next": page}
    )
    assert response.status_code == 302 and response["Location"] == page


def test_logout_is_a_post(client):
    client.force_login(make_learner())
    assert client.post(reverse("logout")).status_code == 302
    assert "Log in" in client.get("/").content.decode()


# Bookmarking


def test_toggle_by_htmx_returns_the_new_button(seed_article):
    learner = make_learner()
    client = logged_in(learner)
    segment = seed_segments(seed_article)[0]
    response = client.post(toggle_url(segment), headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith(f'<a class="bm" id="bm-{segment.pk}" href="{toggle_url(segment)}"')
    assert f'data-bookmark-for="{segment.pk}" aria-pressed="true"' in html
    bookmark = Bookmark.objects.get(user=learner)
    assert (bookmark.segment, bookmark.zh, bookmark.en) == (segment, segment.zh, segment.en)
    assert bookmark.zh_tokens == segment.annotated.zh

    response = client.post(toggle_url(segment), headers={"HX-Request": "true"})
    assert 'aria-pressed="false"' in response.content.decode()
    assert not Bookmark.objects.exists()


def test_without_javascript_the_control_opens_a_page_that_posts_the_toggle(seed_article):
    learner = make_learner()
    client = logged_in(learner)
    segment = seed_segments(seed_article)[1]
    page = client.get(toggle_url(segment))
    html = page.content.decode()
    assert "Bookmark this sentence?" in html and segment.zh in html
    assert 'name="csrfmiddlewaretoken"' in html and f'action="{toggle_url(segment)}"' in html
    assert not Bookmark.objects.exists()  # a GET changes nothing
    client.post(toggle_url(segment))
    assert "Remove this bookmark?" in client.get(toggle_url(segment)).content.decode()


def test_toggle_without_javascript_redirects_back_to_the_sentence(seed_article):
    client = logged_in(make_learner())
    segment = seed_segments(seed_article)[1]
    response = client.post(toggle_url(segment))
    assert response.status_code == 303
    assert response["Location"] == f"{seed_article.get_absolute_url()}#seg-{segment.pk}-zh"


def learner_state(response) -> dict:
    """The learner's state as the reader page sends it to its script."""
    found = re.search(
        r'<script id="learner-state" type="application/json">(.*?)</script>',
        response.content.decode(),
    )
    return json.loads(found[1])


def test_bookmarked_sentences_are_marked_on_every_visit(seed_article):
    learner = make_learner()
    segment = seed_segments(seed_article)[2]
    services.toggle_bookmark(user=learner, segment=segment)
    response = logged_in(learner).get(seed_article.get_absolute_url())
    assert learner_state(response) == {"bookmarks": [segment.pk]}
    # The sentences themselves are the same for everyone: no button is pressed in the HTML.
    assert 'aria-pressed="true"' not in response.content.decode()
    other = logged_in(make_learner("jun")).get(seed_article.get_absolute_url())
    assert learner_state(other) == {"bookmarks": []}
    assert learner_state(Client().get(seed_article.get_absolute_url())) == {"bookmarks": []}


def test_anonymous_learner_is_sent_to_log_in_and_comes_back_bookmarked(client, seed_article):
    learner = make_learner()
    segment = seed_segments(seed_article)[3]
    response = client.post(toggle_url(segment), headers={"HX-Request": "true"})
    login_url = response["HX-Redirect"]
    assert login_url.startswith("/accounts/login/?next=")
    response = client.get(login_url)
    next_url = response.context["next"]
    assert next_url == f"{seed_article.get_absolute_url()}#seg-{segment.pk}-zh"
    response = client.post(
        reverse("login"), {"username": "mei", "password": PASSWORD, "next": next_url}
    )
    assert response["Location"] == next_url
    assert Bookmark.objects.get(user=learner).segment == segment


def test_cannot_bookmark_a_draft_article_segment(client):
    draft = make_article(slug="draft", published=False)
    segment = seed_segments(draft)[0]
    response = logged_in(make_learner()).post(toggle_url(segment))
    assert response.status_code == 404
    assert not Bookmark.objects.exists()


# Notes


def test_note_is_edited_inline_and_shown_escaped(seed_article):
    learner = make_learner()
    client = logged_in(learner)
    bookmark = services.toggle_bookmark(user=learner, segment=seed_segments(seed_article)[0])
    url = reverse("reader:bookmark_note", args=[bookmark.pk])
    form = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert form.startswith(f'<form class="note note-form" id="note-{bookmark.pk}"')
    response = client.post(url, {"note": "<b>锡杯</b> = tin cup"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "&lt;b&gt;锡杯&lt;/b&gt; = tin cup" in response.content.decode()
    page = client.get(reverse("reader:bookmark_list")).content.decode()
    assert "&lt;b&gt;锡杯&lt;/b&gt; = tin cup" in page and "<b>锡杯</b>" not in page


def test_note_over_two_thousand_characters_is_refused(seed_article):
    learner = make_learner()
    client = logged_in(learner)
    bookmark = services.toggle_bookmark(user=learner, segment=seed_segments(seed_article)[0])
    url = reverse("reader:bookmark_note", args=[bookmark.pk])
    client.post(url, {"note": "first note"})
    response = client.post(url, {"note": "长" * 2001}, headers={"HX-Request": "true"})
    assert "at most 2000 characters (it has 2001)" in response.content.decode()
    bookmark.refresh_from_db()
    assert bookmark.note == "first note"
    response = client.post(url, {"note": "长" * 2001})
    assert response.status_code == 400


# The bookmarks page


def test_bookmarks_page_groups_by_article_newest_first_with_filter_and_count(seed_article):
    learner = make_learner()
    other_article = make_article(slug="bank-visit")
    first, second = seed_segments(seed_article)[:2]
    services.toggle_bookmark(user=learner, segment=first)
    services.toggle_bookmark(user=learner, segment=seed_segments(other_article)[0])
    services.toggle_bookmark(user=learner, segment=second)
    client = logged_in(learner)
    html = client.get(reverse("reader:bookmark_list")).content.decode()
    assert "3 bookmarks" in html
    # Groups by article, the article with the newest bookmark first; newest first inside.
    groups = html.split('<section class="bookmark-group">')[1:]
    assert "Top US general" in groups[0] and "A visit to the bank" in groups[1]
    assert html.index(f'id="bookmark-{second.bookmarks.get().pk}"') < html.index(
        f'id="bookmark-{first.bookmarks.get().pk}"'
    )
    assert f'href="{seed_article.get_absolute_url()}#seg-{first.pk}-zh"' in html
    assert "<ruby" in html  # Chinese with pinyin
    filtered = client.get(reverse("reader:bookmark_list"), {"article": "bank-visit"})
    assert "1 bookmark" in filtered.content.decode()
    groups = filtered.content.decode().split('<section class="bookmark-group">')[1:]
    assert len(groups) == 1 and "A visit to the bank" in groups[0]


def test_bookmarks_page_empty_state_explains_what_to_do():
    html = logged_in(make_learner()).get(reverse("reader:bookmark_list")).content.decode()
    assert "You have no bookmarks yet" in html
    assert "point at a sentence" in html


def test_bookmarks_page_needs_login(client):
    response = client.get(reverse("reader:bookmark_list"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_remove_by_htmx_returns_the_list_with_the_new_count(seed_article):
    learner = make_learner()
    client = logged_in(learner)
    for segment in seed_segments(seed_article)[:2]:
        services.toggle_bookmark(user=learner, segment=segment)
    bookmark = learner.bookmarks.first()
    response = client.post(
        reverse("reader:bookmark_delete", args=[bookmark.pk]), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="bookmark-list">')
    assert "1 bookmark" in html
    assert learner.bookmarks.count() == 1


# Export


def test_csv_export_has_bom_columns_and_pinyin(seed_article):
    learner = make_learner()
    bookmark = services.toggle_bookmark(user=learner, segment=seed_segments(seed_article)[0])
    bookmark.note = "tin cup = 锡杯"
    bookmark.save()
    response = logged_in(learner).get(reverse("reader:bookmark_export", args=["csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["Chinese", "Pinyin", "English", "Note", "Article", "Link"]
    chinese, pinyin, english, note, article, link = rows[1]
    assert chinese.startswith("俄罗斯总统")
    assert pinyin.startswith("éluósī zǒngtǒng")
    assert english.startswith("Russian President")
    assert note == "tin cup = 锡杯"
    assert article.startswith("Top US general")
    assert link == f"http://testserver{bookmark.get_absolute_url()}"


def test_anki_export_is_a_deck_with_the_notes(seed_article, tmp_path):
    learner = make_learner()
    segments = seed_segments(seed_article)[:2]
    for segment in segments:
        services.toggle_bookmark(user=learner, segment=segment)
    learner.bookmarks.filter(segment=segments[0]).update(note="hard word: 锡杯")
    response = logged_in(learner).get(reverse("reader:bookmark_export", args=["apkg"]))
    assert response["Content-Disposition"] == 'attachment; filename="duizhao-bookmarks.apkg"'
    with zipfile.ZipFile(io.BytesIO(response.content)) as package:
        (tmp_path / "collection.anki2").write_bytes(package.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "collection.anki2")
    notes = [row[0].split("\x1f") for row in db.execute("select flds from notes")]
    models = json.loads(db.execute("select models from col").fetchone()[0])
    db.close()
    assert len(notes) == 2
    fronts = {fields[0] for fields in notes}
    assert fronts == {segment.zh for segment in segments}
    noted = next(fields for fields in notes if fields[0] == segments[0].zh)
    assert noted[1].startswith("éluósī")
    assert noted[2].startswith("Russian President")
    assert noted[3] == "hard word: 锡杯"
    assert "Top US general" in noted[4]
    (model,) = models.values()
    assert [field["name"] for field in model["flds"]] == [
        "Chinese",
        "Pinyin",
        "English",
        "Note",
        "Source",
    ]


# Isolation


def test_no_learner_can_reach_another_learners_bookmark(seed_article):
    owner, intruder = make_learner("owner"), make_learner("intruder")
    bookmark = services.toggle_bookmark(user=owner, segment=seed_segments(seed_article)[0])
    bookmark.note = "private"
    bookmark.save()
    client = logged_in(intruder)
    note_url = reverse("reader:bookmark_note", args=[bookmark.pk])
    assert client.get(note_url).status_code == 404
    assert client.post(note_url, {"note": "changed"}).status_code == 404
    assert client.post(reverse("reader:bookmark_delete", args=[bookmark.pk])).status_code == 404
    for fmt in ["csv", "apkg"]:
        export = client.get(reverse("reader:bookmark_export", args=[fmt])).content
        assert b"private" not in export
    assert "private" not in client.get(reverse("reader:bookmark_list")).content.decode()
    bookmark.refresh_from_db()
    assert bookmark.note == "private"


def test_every_post_without_csrf_token_is_refused(seed_article):
    learner = make_learner()
    bookmark = services.toggle_bookmark(user=learner, segment=seed_segments(seed_article)[0])
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    for url in [
        toggle_url(seed_segments(seed_article)[1]),
        reverse("reader:bookmark_note", args=[bookmark.pk]),
        reverse("reader:bookmark_delete", args=[bookmark.pk]),
        reverse("reader:preferences_update"),
        reverse("logout"),
    ]:
        assert client.post(url, {"note": "x"}).status_code == 403, url
    assert learner.bookmarks.count() == 1


def test_learner_cannot_reach_the_admin(seed_article):
    response = logged_in(make_learner()).get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# Nothing lost on re-alignment


def test_reimport_after_an_edit_keeps_every_bookmark_and_note(seed_article):
    from reader.text.parse import parse_bytes

    learner = make_learner()
    segments = seed_segments(seed_article)
    for i, segment in enumerate(segments):
        bookmark = services.toggle_bookmark(user=learner, segment=segment)
        bookmark.note = f"note {i}"
        bookmark.save()
    before = {b.note: (b.zh, b.created) for b in learner.bookmarks.all()}

    parsed = parse_bytes(SEED_FILE.read_bytes())
    zh = list(parsed.zh)
    # The teacher corrects a name in one paragraph and rewrites another wholly.
    zh[2] = zh[2].replace("米莉", "米利")
    zh[10] = "这一段被老师完全改写了，和原来的句子没有任何共同之处。"
    services.import_article(slug=seed_article.slug, zh=zh, en=parsed.en, title_en=parsed.title_en)

    after = {b.note: b for b in learner.bookmarks.select_related("segment")}
    assert set(after) == set(before)
    for note, (_zh_text, created) in before.items():
        bookmark = after[note]
        assert bookmark.created == created
        if bookmark.segment is not None:
            assert bookmark.segment.pair.article_id == seed_article.pk
            assert bookmark.zh == bookmark.segment.zh
    edited = next(b for b in after.values() if "退休的米利" in b.zh)
    assert edited.segment is not None
    changed = [b for b in after.values() if b.has_changed]
    assert [b.zh for b in changed] == [
        segments_text for segments_text in [s.zh for s in segments if s.pair.position == 10]
    ]
    page = logged_in(learner).get(reverse("reader:bookmark_list")).content.decode()
    assert "This sentence has changed" in page


def test_bookmarks_page_queries_do_not_grow_with_the_bookmarks(
    seed_article, django_assert_max_num_queries
):
    learner = make_learner()
    client = logged_in(learner)
    services.toggle_bookmark(user=learner, segment=seed_segments(seed_article)[0])
    client.get(reverse("reader:bookmark_list"))
    for segment in seed_segments(seed_article)[1:10]:
        services.toggle_bookmark(user=learner, segment=segment)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("reader:bookmark_list"))
    assert "10 bookmarks" in response.content.decode()


def test_csv_cells_that_look_like_formulas_stay_text(seed_article):
    learner = make_learner()
    bookmark = services.toggle_bookmark(user=learner, segment=seed_segments(seed_article)[0])
    bookmark.note = '=HYPERLINK("http://evil.example","click")'
    bookmark.save()
    body = logged_in(learner).get(reverse("reader:bookmark_export", args=["csv"])).content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[1][3] == "'" + bookmark.note


def test_going_back_to_a_filtered_bookmarks_page_restores_the_whole_page(seed_article):
    learner = make_learner()
    services.toggle_bookmark(user=learner, segment=seed_segments(seed_article)[0])
    response = logged_in(learner).get(
        reverse("reader:bookmark_list"),
        {"article": seed_article.slug},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert response.content.decode().startswith("<!doctype html>")


def test_removing_the_last_bookmark_of_a_filtered_article_shows_all(seed_article):
    learner = make_learner()
    client = logged_in(learner)
    other = make_article(slug="bank-visit")
    services.toggle_bookmark(user=learner, segment=seed_segments(seed_article)[0])
    only = services.toggle_bookmark(user=learner, segment=seed_segments(other)[0])
    response = client.post(
        reverse("reader:bookmark_delete", args=[only.pk]) + "?article=bank-visit",
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "1 bookmark" in html and "Top US general" in html.split("bookmark-group")[1]


def test_settings_chosen_before_logging_in_are_kept(client, seed_article):
    from reader.models import Profile

    make_learner()
    client.post(reverse("reader:preferences_update"), {"tone_colors": "on", "level": "4"})
    client.post(reverse("login"), {"username": "mei", "password": PASSWORD})
    profile = Profile.objects.get(user__username="mei")
    assert (profile.tone_colors, profile.level) == (True, 4)
