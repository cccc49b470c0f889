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
from pytest_django.asserts import assertContains, assertNotContains

from reader import services
from reader.models import Bookmark
from tests.factory import PASSWORD, make_article, make_learner, seed_segments

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


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
    assertContains(client.get(page), "Log out")


@pytest.mark.parametrize(("level", "pinyin_level", "known"), [("", 3, 0), ("0", 1, 0), ("2", 2, 1)])
def test_signup_asks_the_learners_level_and_marks_those_words_known(
    client, level, pinyin_level, known
):
    from reader.models import Profile, WordStatus

    client.post(
        reverse("reader:account_signup"),
        {"username": "lin", "password1": PASSWORD, "password2": PASSWORD, "known_level": level},
    )
    user = get_user_model().objects.get(username="lin")
    profile = Profile.objects.filter(user=user).first()  # none until a setting is made
    assert (profile.level if profile else 3) == pinyin_level
    statuses = WordStatus.objects.filter(user=user)
    assert statuses.exists() == bool(known)
    if known:  # HSK 1 and 2's words, as the placement on Your words marks them
        assert statuses.filter(word="朋友", status="known", placed=True).exists()
        assert not statuses.filter(word="经济").exists()  # HSK 3 and up: still to learn


def test_signup_applies_password_validators(client):
    response = client.post(
        reverse("reader:account_signup"),
        {"username": "lin", "password1": "12345678", "password2": "12345678"},
    )
    assertContains(response, "This password is too common")
    assert not get_user_model().objects.filter(username="lin").exists()


def test_login_link_in_header_returns_learner_to_the_page(client, seed_article):
    make_learner()
    page = seed_article.get_absolute_url()
    assertContains(client.get(page), f'href="/accounts/login/?next={page}"')
    response = client.post(
        reverse("login"), {"username": "mei", "password": PASSWORD, "next": page}
    )
    assert response.status_code == 302 and response["Location"] == page


def test_logout_is_a_post(client):
    client.force_login(make_learner())
    assert client.post(reverse("logout")).status_code == 302
    assertContains(client.get("/"), "Log in")


# Bookmarking


def test_toggle_by_htmx_returns_the_new_button(seed_article):
    learner = make_learner()
    client = logged_in(learner)
    segment = seed_segments(seed_article)[0]
    response = client.post(toggle_url(segment), headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith(f'<a class="bm" id="bm-{segment.pk}" href="{toggle_url(segment)}"')
    assertContains(response, f'data-bookmark-for="{segment.pk}" aria-pressed="true"')
    bookmark = Bookmark.objects.get(user=learner)
    assert (bookmark.segment, bookmark.zh, bookmark.en) == (segment, segment.zh, segment.en)
    assert bookmark.zh_tokens == segment.annotated.zh

    response = client.post(toggle_url(segment), headers={"HX-Request": "true"})
    assertContains(response, 'aria-pressed="false"')
    assert not Bookmark.objects.exists()


def test_without_javascript_the_control_opens_a_page_that_posts_the_toggle(seed_article):
    learner = make_learner()
    client = logged_in(learner)
    segment = seed_segments(seed_article)[1]
    page = client.get(toggle_url(segment))
    assertContains(page, "Bookmark this sentence?")
    assertContains(page, segment.zh)
    assertContains(page, 'name="csrfmiddlewaretoken"')
    assertContains(page, f'action="{toggle_url(segment)}"')
    assert not Bookmark.objects.exists()  # a GET changes nothing
    client.post(toggle_url(segment))
    assertContains(client.get(toggle_url(segment)), "Remove this bookmark?")


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
    assert learner_state(response)["bookmarks"] == [segment.pk]
    assert learner_state(response)["due"] == 1
    # The sentences themselves are the same for everyone: no button is pressed in the HTML.
    assertNotContains(response, 'aria-pressed="true"')
    other = logged_in(make_learner("jun")).get(seed_article.get_absolute_url())
    assert learner_state(other)["bookmarks"] == [] and learner_state(other)["due"] == 0
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
    assertContains(response, "&lt;b&gt;锡杯&lt;/b&gt; = tin cup")
    page = client.get(reverse("reader:bookmark_list"))
    assertContains(page, "&lt;b&gt;锡杯&lt;/b&gt; = tin cup")
    assertNotContains(page, "<b>锡杯</b>")


def test_note_over_two_thousand_characters_is_refused(seed_article):
    learner = make_learner()
    client = logged_in(learner)
    bookmark = services.toggle_bookmark(user=learner, segment=seed_segments(seed_article)[0])
    url = reverse("reader:bookmark_note", args=[bookmark.pk])
    client.post(url, {"note": "first note"})
    response = client.post(url, {"note": "长" * 2001}, headers={"HX-Request": "true"})
    assertContains(response, "at most 2000 characters (it has 2001)")
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
    response = client.get(reverse("reader:bookmark_list"))
    assertContains(response, "3 bookmarks")
    # Groups by article, the article with the newest bookmark first; newest first inside.
    html = response.content.decode()
    groups = html.split('<section class="bookmark-group">')[1:]
    assert "Top US general" in groups[0] and "A visit to the bank" in groups[1]
    assert html.index(f'id="bookmark-{second.bookmarks.get().pk}"') < html.index(
        f'id="bookmark-{first.bookmarks.get().pk}"'
    )
    assertContains(response, f'href="{seed_article.get_absolute_url()}#seg-{first.pk}-zh"')
    assertContains(response, "<ruby")  # Chinese with pinyin
    filtered = client.get(reverse("reader:bookmark_list"), {"article": "bank-visit"})
    assertContains(filtered, "1 bookmark")
    groups = filtered.content.decode().split('<section class="bookmark-group">')[1:]
    assert len(groups) == 1 and "A visit to the bank" in groups[0]


def test_bookmarks_page_empty_state_explains_what_to_do():
    response = logged_in(make_learner()).get(reverse("reader:bookmark_list"))
    assertContains(response, "You have no bookmarks yet")
    assertContains(response, "point at a sentence")


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
    assert response.content.decode().lstrip().startswith('<div id="bookmark-list">')
    assertContains(response, "1 bookmark")
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
    assert pinyin.startswith("Éluósī zǒngtǒng Fúlājīmǐ'ěr Pǔjīng")  # GB/T 16159, as the pop-up
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
    assert noted[1].startswith("Éluósī")
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
    assertNotContains(client.get(reverse("reader:bookmark_list")), "private")
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
    assertContains(response, "10 bookmarks")


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
    assertContains(response, "1 bookmark")
    assert "Top US general" in response.content.decode().split("bookmark-group")[1]


def test_settings_chosen_before_logging_in_are_kept(client, seed_article):
    from reader.models import Profile

    make_learner()
    client.post(reverse("reader:preferences_update"), {"tone_colors": "on", "level": "4"})
    client.post(reverse("login"), {"username": "mei", "password": PASSWORD})
    profile = Profile.objects.get(user__username="mei")
    assert (profile.tone_colors, profile.level) == (True, 4)


# A sentence a teacher has just re-aligned


def _realign_first_pair(article):
    """What a teacher does while the learner's page still shows the old sentences."""
    from reader.text.beads import merge_with_next

    services.realign_article(article=article, edit=lambda beads: merge_with_next(beads, 0))


def test_bookmarking_a_sentence_just_realigned_lands_on_its_successor(seed_article):
    learner = make_learner()
    client = logged_in(learner)
    old = seed_segments(seed_article)[0]
    _realign_first_pair(seed_article)
    response = client.post(toggle_url(old), {"want": "on"}, headers={"HX-Request": "true"})
    assert response.status_code == 409
    assertContains(
        response, "This sentence was just edited; the page will reload.", status_code=409
    )
    bookmark = learner.bookmarks.get()
    assert bookmark.segment.zh == old.zh and bookmark.segment_id != old.pk
    # Asked again (the learner clicks once more before the reload): still one bookmark.
    client.post(toggle_url(old), {"want": "on"}, headers={"HX-Request": "true"})
    assert learner.bookmarks.count() == 1
    # And taken off the same way.
    client.post(toggle_url(old), {"want": "off"}, headers={"HX-Request": "true"})
    assert not learner.bookmarks.exists()


def test_without_javascript_the_learner_is_taken_to_the_new_sentence(seed_article):
    learner = make_learner()
    old = seed_segments(seed_article)[0]
    _realign_first_pair(seed_article)
    response = logged_in(learner).post(toggle_url(old), {"want": "on"})
    successor = learner.bookmarks.get().segment
    assert response.status_code == 303 and response["Location"] == successor.get_absolute_url()


def test_a_sentence_whose_text_changed_is_not_bookmarked_by_guess(seed_article):
    learner = make_learner()
    old = seed_segments(seed_article)[0]

    def rewrite_first(beads):
        beads[0] = (["这一段被老师完全改写了。"], beads[0][1])
        return beads

    services.realign_article(article=seed_article, edit=rewrite_first)
    response = logged_in(learner).post(
        toggle_url(old), {"want": "on"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 409 and not learner.bookmarks.exists()


def test_a_sentence_that_never_was_is_not_found(seed_article):
    response = logged_in(make_learner()).post("/segments/999999/bookmark/", {"want": "on"})
    assert response.status_code == 404


def test_exported_pinyin_is_written_as_the_pop_up_writes_it(seed_article):
    from reader.exports import pinyin_text

    texts = [pinyin_text(s.annotated.zh) for s in seed_segments(seed_article)]
    second = texts[1]
    assert second.startswith("Rán'ér, Mǐlì rènwéi")  # an apostrophe, a name, a capital
    assert "Éluósī" in second and "Cháoxiǎn" in second
    assert not any("“ " in text or " ”" in text or " ," in text for text in texts)
