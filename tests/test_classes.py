"""Classes: join codes, assignments, the class table, where the class struggled, privacy."""

import csv
import datetime
import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from reader import classes, pages
from reader.models import (
    Assignment,
    Bookmark,
    Classroom,
    Membership,
    ReadingEvent,
    ReadingProgress,
)
from tests.factory import make_article, make_learner, make_teacher, seed_segments

pytestmark = pytest.mark.django_db


# Mei's figures in a cell of the class table (see the ``reading`` fixture).
FIGURES = '2 looked up</span> · <span title="sentences whose English was revealed">2 revealed'


def logged_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


@pytest.fixture
def wang(db):
    return make_teacher("wang")


@pytest.fixture
def klass(wang):
    return classes.create_class(teacher=wang, name="Chinese 3B", term="Spring 2027")


def join(user, classroom):
    return logged_in(user).post(reverse("reader:class_join"), {"code": classroom.code})


def assign(client, classroom, article, due=""):
    url = reverse("reader:assignment_add", kwargs={"class_id": classroom.pk})
    return client.post(url, {"article": article.pk, "due": due})


def seen(client, word, segment):
    return client.post(reverse("reader:word_seen", kwargs={"word": word}), {"seg": segment.pk})


def batch(client, article, **fields):
    return client.post(reverse("reader:progress_save", kwargs={"slug": article.slug}), fields)


# ---- Classes and joining ----


def test_a_teacher_makes_a_class_and_gets_a_join_code_and_link(wang):
    client = logged_in(wang)
    response = client.post(
        reverse("reader:class_create"), {"name": " Chinese 3B ", "term": "Spring 2027"}
    )
    classroom = Classroom.objects.get()
    assert response.status_code == 303 and response["Location"] == classroom.get_absolute_url()
    assert (classroom.name, classroom.term, list(classroom.teachers.all())) == (
        "Chinese 3B",
        "Spring 2027",
        [wang],
    )
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{8}", classroom.code)
    page = client.get(classroom.get_absolute_url())
    assertContains(page, classroom.code)
    assertContains(page, f"http://testserver/classes/join/{classroom.code}/")


def test_a_learner_cannot_make_a_class_and_is_told_why(mei):
    client = logged_in(mei)
    response = client.post(reverse("reader:class_create"), {"name": "Mine"}, follow=True)
    assertContains(response, "Only teachers can make a class.")
    assertNotContains(response, "Make a class")
    assert not Classroom.objects.exists()


def test_a_class_needs_a_name(wang):
    response = logged_in(wang).post(reverse("reader:class_create"), {"name": "  "}, follow=True)
    assertContains(response, "A class needs a name.")
    assert not Classroom.objects.exists()


def test_a_learner_joins_with_the_code_typed_loosely(mei, klass):
    typed = f" {klass.code[:4].lower()}-{klass.code[4:].lower()} "
    response = logged_in(mei).post(reverse("reader:class_join"), {"code": typed}, follow=True)
    assertContains(response, "You joined Chinese 3B (Spring 2027).")
    assert [m.user for m in klass.memberships.all()] == [mei]
    # Joining again changes nothing.
    again = join(mei, klass)
    assert again.status_code == 303 and Membership.objects.count() == 1


def test_a_wrong_code_is_refused_clearly(mei, klass):
    response = logged_in(mei).post(reverse("reader:class_join"), {"code": "ZZZZ9999"}, follow=True)
    assertContains(response, "No class has that join code")
    assert not Membership.objects.exists()


def test_the_join_link_names_the_class_and_asks_before_joining(client, wang, mei, klass):
    link = klass.join_url()
    # A visitor (most learners have no account yet) sees the class and how to join.
    page = client.get(link)
    assertContains(page, "Join Chinese 3B")
    assertContains(page, "never see your notes")
    next_link = f"next=%2Fclasses%2Fjoin%2F{klass.code}%2F"
    assertContains(page, f'href="{reverse("reader:account_signup")}?{next_link}"')
    assertContains(page, f'href="{reverse("login")}?{next_link}"')
    refused = client.post(link)
    assert refused.status_code == 302 and refused["Location"].startswith(reverse("login"))
    learner = logged_in(mei)
    assertContains(learner.get(link), "Join the class")
    assert not Membership.objects.exists()  # a GET joins nobody
    learner.post(link, {"name": "  Mei   Lin "})
    assert [m.user for m in klass.memberships.all()] == [mei]
    mei.refresh_from_db()
    assert mei.get_full_name() == "Mei Lin"  # the name the teacher's table shows
    assertContains(logged_in(wang).get(klass.get_absolute_url()), "Mei Lin")
    assertContains(logged_in(wang).get(link), "You teach this class.")
    assert client.get("/classes/join/NOSUCHCD/").status_code == 404


def test_a_teacher_does_not_join_their_own_class(wang, klass):
    response = logged_in(wang).post(reverse("reader:class_join"), {"code": klass.code}, follow=True)
    assertContains(response, "teachers do not join their own class")
    assert not Membership.objects.exists()


def test_a_class_has_several_teachers_and_each_sees_only_their_own(wang, klass, mei):
    li = make_teacher("li")
    zhao = make_teacher("zhao")
    other = classes.create_class(teacher=zhao, name="Other class")
    client = logged_in(wang)
    url = reverse("reader:class_add_teacher", kwargs={"class_id": klass.pk})
    assertContains(client.post(url, {"username": "li"}, follow=True), "li teaches this class too")
    assert set(klass.teachers.all()) == {wang, li}
    refused = client.post(url, {"username": "mei"}, follow=True)
    assertContains(refused, "“mei” is not a teacher here.")
    for already in ("wang", "li"):  # oneself, or one who teaches it already
        again = client.post(url, {"username": already}, follow=True)
        assertContains(again, f"{already} teaches this class already.")
    assert set(klass.teachers.all()) == {wang, li}

    li_page = logged_in(li).get(reverse("reader:class_list"))
    assertContains(li_page, "Chinese 3B")
    assertNotContains(li_page, "Other class")
    assert logged_in(li).get(other.get_absolute_url()).status_code == 404
    assert logged_in(zhao).get(klass.get_absolute_url()).status_code == 404
    # A teacher may leave a class that keeps another teacher, never the last one.
    leave = reverse("reader:class_leave", kwargs={"class_id": klass.pk})
    logged_in(li).post(leave)
    assert list(klass.teachers.all()) == [wang]
    response = logged_in(wang).post(leave, follow=True)
    assertContains(response, "A class keeps at least one teacher")
    assert list(klass.teachers.all()) == [wang]


def test_a_learner_sees_only_the_classes_they_are_in(wang, klass, mei):
    other = classes.create_class(teacher=wang, name="Other class")
    join(mei, klass)
    client = logged_in(mei)
    page = client.get(reverse("reader:class_list"))
    assertContains(page, "Chinese 3B")
    assertNotContains(page, "Other class")
    assertNotContains(page, "Make a class")
    assert client.get(other.get_absolute_url()).status_code == 404
    # A learner's view of their class is not the teacher's: no code, no table.
    mine = client.get(klass.get_absolute_url())
    assertContains(mine, "Leave this class")
    assertNotContains(mine, klass.code)


# ---- Assignments ----


def test_assignments_come_first_on_a_learners_list_with_due_dates_and_done(
    wang, klass, mei, story, bank
):
    teacher = logged_in(wang)
    assign(teacher, klass, story, "2027-03-05")
    assign(teacher, klass, bank)
    join(mei, klass)
    client = logged_in(mei)
    page = client.get(reverse("reader:article_list")).content.decode()
    due = page[page.index("Your assignments") : page.index("All articles")]
    assert due.index("A short story") < due.index("A visit to the bank")  # soonest due first
    assert 'due <time datetime="2027-03-05">Fri 5 Mar 2027</time>' in due
    assert "no due date" in due and due.count("Not done") == 2

    ReadingProgress.objects.record(user=mei, segment=seed_segments(story)[-1])
    page = client.get(reverse("reader:article_list")).content.decode()
    due = page[page.index("Your assignments") : page.index("All articles")]
    assert due.index("A visit to the bank") < due.index("A short story")  # done ones last
    assert due.count("Done ✓") == 1 and due.count("Not done") == 1
    # Once its due date has passed, a finished assignment leaves the top of the list
    # (the class page still lists it).
    Assignment.objects.filter(article=story).update(due=datetime.date(2020, 1, 3))
    page = client.get(reverse("reader:article_list")).content.decode()
    assert "A short story" not in page[page.index("Your assignments") : page.index("All articles")]
    assertContains(client.get(klass.get_absolute_url()), "Done ✓")
    # A search shows what it found, not the assignments.
    found = client.get(reverse("reader:article_list"), {"q": "银行"})
    assertNotContains(found, "Your assignments")


def test_a_bad_due_date_or_a_draft_is_refused_and_nothing_is_assigned(wang, klass, story):
    client = logged_in(wang)
    response = assign(client, klass, story, "next friday")
    assert response.status_code == 303
    assertContains(client.get(klass.get_absolute_url()), "“next friday” is not a date")
    draft = make_article(slug="draft", published=False)
    htmx = client.post(
        reverse("reader:assignment_add", kwargs={"class_id": klass.pk}),
        {"article": draft.pk},
        headers={"HX-Request": "true"},
    )
    assert htmx.status_code == 422  # htmx swaps it in: the teacher reads why
    assertContains(htmx, "Choose a published article to assign.", status_code=422)
    assert 'id="class-work"' in htmx.content.decode()
    assert "<html" not in htmx.content.decode()  # only the region htmx swaps
    assert not Assignment.objects.exists()


def test_an_assignment_is_added_and_removed_in_place_with_htmx(wang, klass, story):
    client = logged_in(wang)
    added = client.post(
        reverse("reader:assignment_add", kwargs={"class_id": klass.pk}),
        {"article": story.pk, "due": "2027-03-05"},
        headers={"HX-Request": "true"},
    )
    assert added.status_code == 200
    assertContains(added, "A short story")
    assignment = Assignment.objects.get()
    assert assignment.due == datetime.date(2027, 3, 5)
    url = reverse(
        "reader:assignment_delete", kwargs={"class_id": klass.pk, "assignment_id": assignment.pk}
    )
    removed = client.post(url, headers={"HX-Request": "true"})
    assertContains(removed, "Nothing assigned yet.")
    assert not Assignment.objects.exists()


# ---- Progress: what the reader sends, and the class table ----


@pytest.fixture
def reading(wang, klass, mei, story):
    """Mei reads the assigned story: looks words up, reveals, bookmarks, saves a word."""
    assign(logged_in(wang), klass, story, "2027-03-05")
    join(mei, klass)
    segments = seed_segments(story)
    client = logged_in(mei)
    client.get(story.get_absolute_url())  # opened
    seen(client, "银行", segments[0])
    seen(client, "银行", segments[0])
    seen(client, "行走", segments[1])
    revealed = f"{segments[1].pk},{segments[2].pk}"
    assert batch(client, story, seg=segments[1].pk, revealed=revealed).status_code == 204
    Bookmark.objects.create(user=mei, article=story, segment=segments[1], note="私人笔记 secret")
    client.post(
        reverse("reader:word_status", kwargs={"word": "行走"}),
        {"status": "learning", "seg": segments[1].pk},
    )
    return segments


def test_opening_an_article_without_javascript_counts_as_opened(wang, klass, mei, story):
    assign(logged_in(wang), klass, story)
    join(mei, klass)
    logged_in(mei).get(story.get_absolute_url())  # a plain GET: no script ran
    figures = classes.class_table(klass).figures(mei, klass.assignments.get())
    assert (figures.opened, figures.share, figures.finished) == (True, 0, False)
    # Opened is not "continue where you stopped": nothing was read yet.
    page = logged_in(mei).get(reverse("reader:article_list"))
    assertNotContains(page, "Continue · 0% read")
    assertContains(page, "Not done")


def test_the_class_table_shows_each_learners_figures_and_exports_them(wang, klass, mei, reading):
    make_learner("lan")
    join(get_user_model().objects.get(username="lan"), klass)
    table = classes.class_table(klass)
    assignment = klass.assignments.get()
    mine = table.figures(mei, assignment)
    assert (mine.opened, mine.share, mine.finished) == (True, 50, False)
    assert (mine.looked_up, mine.revealed, mine.bookmarked, mine.saved) == (2, 2, 1, 1)
    lan = table.figures(get_user_model().objects.get(username="lan"), assignment)
    assert (lan.opened, lan.looked_up) == (False, 0)

    page = logged_in(wang).get(klass.get_absolute_url())
    assertContains(page, "50% read")
    assertContains(page, FIGURES)
    assertContains(page, "not opened")
    assertContains(page, "0 of 2 finished")

    response = logged_in(wang).get(reverse("reader:class_export", kwargs={"class_id": klass.pk}))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == classes.CSV_HEADER
    assert rows[1:] == [
        ["lan", "A short story", "2027-03-05", "no", "0", "no", "0", "0", "0", "0"],
        ["mei", "A short story", "2027-03-05", "yes", "50", "no", "2", "2", "1", "1"],
    ]
    assert "secret" not in response.content.decode("utf-8-sig")


def test_a_batch_counts_each_revealed_sentence_once_and_ignores_others(mei, story, bank):
    client = logged_in(mei)
    segments = seed_segments(story)
    other = seed_segments(bank)[0]
    revealed = f"{segments[0].pk},{segments[0].pk},{other.pk},x"
    assert batch(client, story, revealed=revealed).status_code == 204
    assert batch(client, story, revealed=str(segments[0].pk)).status_code == 204
    rows = ReadingEvent.objects.filter(kind=ReadingEvent.Kind.REVEAL)
    assert [(r.segment_id, r.count) for r in rows] == [(segments[0].pk, 1)]
    assert not ReadingProgress.objects.exists()  # reveals alone move no place
    assert batch(client, story).status_code == 400


def test_a_learner_who_leaves_takes_their_figures_with_them(wang, klass, mei, reading):
    assignment = klass.assignments.get()
    logged_in(mei).post(reverse("reader:class_leave", kwargs={"class_id": klass.pk}))
    assert not Membership.objects.exists()
    table = classes.class_table(klass)
    assert table.learners == []
    assert all(marks.learners == 0 for p in classes.struggle_map(assignment) for marks in p)
    page = logged_in(wang).get(assignment.get_absolute_url())
    assertContains(page, "No learners in the class yet.")
    # Their own reading is theirs still.
    assert ReadingProgress.objects.filter(user=mei).exists()


# ---- Where the class struggled ----


def test_sentences_are_shaded_by_how_many_learners_struggled_there(wang, klass, mei, reading):
    lan = make_learner("lan")
    join(lan, klass)
    seen(logged_in(lan), "银行", reading[0])
    assignment = klass.assignments.get()
    paragraphs = classes.struggle_map(assignment)
    marks = {m.segment.pk: m for p in paragraphs for m in p}
    assert [len(p) for p in paragraphs] == [2, 2]
    first, second, third, fourth = (marks[s.pk] for s in reading)
    assert (first.looked_up, first.revealed, first.bookmarked, first.learners) == (2, 0, 0, 2)
    assert (second.looked_up, second.revealed, second.bookmarked, second.learners) == (1, 1, 1, 1)
    assert (third.revealed, third.learners) == (1, 1)
    assert fourth.learners == 0
    assert (first.shade, second.shade, fourth.shade) == (4, 2, 0)

    page = logged_in(wang).get(assignment.get_absolute_url()).content.decode()
    assert 'class="struggle-seg shade shade-4"' in page and "shade shade-0" in page
    assert "secret" not in page  # notes never reach a teacher


def test_choosing_a_sentence_lists_the_words_looked_up_there(wang, klass, mei, reading):
    lan = make_learner("lan")
    join(lan, klass)
    seen(logged_in(lan), "银行", reading[0])
    assignment = klass.assignments.get()
    url = reverse(
        "reader:assignment_sentence",
        kwargs={"class_id": klass.pk, "assignment_id": assignment.pk, "segment_id": reading[0].pk},
    )
    fragment = logged_in(wang).get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert re.search(r"<td lang=\"zh-Hans\">银行</td><td>2</td><td>3</td>", fragment)
    # Without htmx the same address is the whole page with the sentence chosen.
    page = logged_in(wang).get(url).content.decode()
    assert "Where the class struggled" in page and 'aria-current="true"' in page
    assert '<td lang="zh-Hans">银行</td>' in page


# ---- Archiving ----


def test_an_archived_class_stays_readable_but_takes_no_one_and_nothing_new(
    wang, klass, mei, reading, bank
):
    client = logged_in(wang)
    client.post(reverse("reader:class_archive", kwargs={"class_id": klass.pk}), {"archived": "1"})
    klass.refresh_from_db()
    assert klass.archived
    page = client.get(klass.get_absolute_url())
    assertContains(page, FIGURES)  # the figures are still there
    assertContains(page, "archived")
    assign(client, klass, bank)
    assert klass.assignments.count() == 1
    lan = make_learner("lan")
    response = logged_in(lan).post(reverse("reader:class_join"), {"code": klass.code}, follow=True)
    assertContains(response, "has ended")
    assert not klass.memberships.filter(user=lan).exists()
    # A learner's list no longer puts an ended class's reading first.
    assertNotContains(logged_in(mei).get(reverse("reader:article_list")), "Your assignments")


def test_a_new_code_stops_the_old_one(wang, klass, mei):
    old = klass.code
    logged_in(wang).post(reverse("reader:class_new_code", kwargs={"class_id": klass.pk}))
    klass.refresh_from_db()
    assert klass.code != old
    response = logged_in(mei).post(reverse("reader:class_join"), {"code": old}, follow=True)
    assertContains(response, "No class has that join code")


# ---- Privacy and access ----


def test_every_class_endpoint_refuses_other_classes_and_learners(wang, klass, mei, reading, bank):
    zhao = make_teacher("zhao")
    other = classes.create_class(teacher=zhao, name="Other class")
    lan = make_learner("lan")
    join(lan, other)
    other_assignment = Assignment.objects.create(classroom=other, article=bank)
    assignment = klass.assignments.get()
    client = logged_in(wang)
    gets = [
        reverse("reader:class_detail", kwargs={"class_id": other.pk}),
        reverse("reader:class_export", kwargs={"class_id": other.pk}),
        reverse(
            "reader:assignment_detail",
            kwargs={"class_id": other.pk, "assignment_id": other_assignment.pk},
        ),
        # Another class's assignment under this class's id.
        reverse(
            "reader:assignment_detail",
            kwargs={"class_id": klass.pk, "assignment_id": other_assignment.pk},
        ),
        # A sentence of another article.
        reverse(
            "reader:assignment_sentence",
            kwargs={
                "class_id": klass.pk,
                "assignment_id": assignment.pk,
                "segment_id": seed_segments(bank)[0].pk,
            },
        ),
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    posts = [
        reverse("reader:assignment_add", kwargs={"class_id": other.pk}),
        reverse(
            "reader:assignment_delete",
            kwargs={"class_id": klass.pk, "assignment_id": other_assignment.pk},
        ),
        reverse("reader:class_archive", kwargs={"class_id": other.pk}),
        reverse("reader:class_new_code", kwargs={"class_id": other.pk}),
        reverse("reader:class_add_teacher", kwargs={"class_id": other.pk}),
        reverse("reader:class_remove_learner", kwargs={"class_id": other.pk, "user_id": lan.pk}),
        # A learner of another class, removed from this one.
        reverse("reader:class_remove_learner", kwargs={"class_id": klass.pk, "user_id": lan.pk}),
        reverse("reader:class_leave", kwargs={"class_id": other.pk}),
    ]
    for url in posts:
        assert client.post(url, {"article": bank.pk, "username": "wang"}).status_code == 404, url
    assert other.memberships.filter(user=lan).exists() and not other.archived
    assert Assignment.objects.filter(pk=other_assignment.pk).exists()
    # A learner of the class sees none of the teacher's pages.
    learner = logged_in(mei)
    for url in [
        reverse("reader:class_export", kwargs={"class_id": klass.pk}),
        assignment.get_absolute_url(),
    ]:
        assert learner.get(url).status_code == 404, url
    assert (
        learner.post(reverse("reader:class_archive", kwargs={"class_id": klass.pk})).status_code
        == 404
    )


def test_class_posts_need_the_csrf_token(wang, klass, mei):
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(wang)
    assert guarded.post(reverse("reader:class_create"), {"name": "X"}).status_code == 403
    assert (
        guarded.post(reverse("reader:class_archive", kwargs={"class_id": klass.pk})).status_code
        == 403
    )
    learner = Client(enforce_csrf_checks=True)
    learner.force_login(mei)
    assert learner.post(reverse("reader:class_join"), {"code": klass.code}).status_code == 403
    assert learner.post(klass.join_url()).status_code == 403
    assert Classroom.objects.count() == 1 and not Membership.objects.exists()


def test_class_pages_need_a_login_and_are_private(client, wang, klass):
    response = client.get(reverse("reader:class_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    page = logged_in(wang).get(klass.get_absolute_url())
    assert "private" in page["Cache-Control"]


def test_deleting_a_learner_deletes_their_memberships_and_events(wang, klass, mei, reading):
    mei.delete()
    assert not Membership.objects.exists() and not ReadingEvent.objects.exists()
    assert Classroom.objects.filter(pk=klass.pk).exists()


# ---- Scale ----


def _big_class(wang, learners: int, articles: int):
    classroom = classes.create_class(teacher=wang, name=f"Class of {learners}")
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"l{learners}-{n}") for n in range(learners)]
    )
    users = list(get_user_model().objects.filter(username__startswith=f"l{learners}-"))
    Membership.objects.bulk_create([Membership(classroom=classroom, user=u) for u in users])
    made = [make_article(slug=f"a{learners}-{n}", title_en=f"Article {n}") for n in range(articles)]
    Assignment.objects.bulk_create([Assignment(classroom=classroom, article=a) for a in made])
    for user in users[::3]:
        for article in made[::2]:
            segment = seed_segments(article)[0]
            ReadingProgress.objects.record(user=user, segment=segment)
            classes.note_lookup(user, segment, "银行")
            classes.note_reveals(user, article.pk, [segment.pk])
            Bookmark.objects.create(user=user, article=article, segment=segment)
    return classroom


def test_the_class_table_takes_a_fixed_number_of_queries(wang):
    small = _big_class(wang, 2, 2)
    big = _big_class(wang, 40, 20)
    counts = []
    for classroom in (small, big):
        with CaptureQueriesContext(connection) as queries:
            table = classes.class_table(classroom)
            cells = [f for _, row in table.rows() for f in row]
        counts.append(len(queries))
    assert len(cells) == 800 and sum(f.opened for f in cells) == 14 * 10
    assert counts[0] == counts[1] <= 6
    client = logged_in(wang)
    pages = []
    for classroom in (small, big):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(classroom.get_absolute_url()).status_code == 200
        pages.append(len(queries))
    assert 0 < pages[0] == pages[1], pages


# ---- Review: the edges ----


def test_a_teacher_no_longer_a_teacher_sees_none_of_their_old_classes(wang, klass, reading):
    wang.groups.clear()
    wang.is_staff = False
    wang.save()
    client = logged_in(wang)
    assert client.get(klass.get_absolute_url()).status_code == 404
    assert (
        client.get(reverse("reader:class_export", kwargs={"class_id": klass.pk})).status_code == 404
    )
    assert client.get(klass.assignments.get().get_absolute_url()).status_code == 404


@pytest.mark.parametrize("bad", ["²", "٣", "9" * 25, "-1", " ", "1e3"])
def test_ids_that_are_not_ids_get_a_clear_answer_never_a_500(wang, klass, mei, story, bad):
    join(mei, klass)
    learner = logged_in(mei)
    assert batch(learner, story, revealed=bad).status_code == 400  # nothing to save
    assert batch(learner, story, seg=bad).status_code == 400
    looked_up = learner.post(reverse("reader:word_seen", kwargs={"word": "银行"}), {"seg": bad})
    assert looked_up.status_code == 200  # counted for the learner, in no sentence
    response = logged_in(wang).post(
        reverse("reader:assignment_add", kwargs={"class_id": klass.pk}), {"article": bad}
    )
    assert response.status_code == 303
    assert not ReadingEvent.objects.exists() and not Assignment.objects.exists()


def test_a_look_up_counts_only_for_a_word_of_its_sentence(mei, story):
    segments = seed_segments(story)
    client = logged_in(mei)
    seen(client, "明天", segments[0])  # 明天 is in the third sentence, not the first
    seen(client, "银行", segments[0])
    assert list(ReadingEvent.objects.values_list("segment_id", "word")) == [
        (segments[0].pk, "银行")
    ]


def test_a_teacher_renames_the_class_and_moves_a_due_date(wang, klass, story):
    client = logged_in(wang)
    assign(client, klass, story, "2027-03-05")
    client.post(
        reverse("reader:class_update", kwargs={"class_id": klass.pk}),
        {"name": "Chinese 3C", "term": "Autumn 2027"},
    )
    klass.refresh_from_db()
    assert (klass.name, klass.term) == ("Chinese 3C", "Autumn 2027")
    refused = client.post(
        reverse("reader:class_update", kwargs={"class_id": klass.pk}),
        {"name": " ", "term": "x"},
        follow=True,
    )
    assertContains(refused, "A class needs a name.")
    klass.refresh_from_db()
    assert klass.name == "Chinese 3C"
    moved = assign(client, klass, story, "2027-03-12")
    assert moved.status_code == 303
    assert klass.assignments.get().due == datetime.date(2027, 3, 12)
    assertContains(client.get(klass.get_absolute_url()), "“A short story”: due Fri 12 Mar 2027.")


def test_the_table_marks_late_readers_and_the_csv_never_holds_a_formula(wang, klass, story):
    tricky = make_learner("=cmd")
    join(tricky, klass)
    assign(logged_in(wang), klass, story, "2020-01-03")
    page = logged_in(wang).get(klass.get_absolute_url())
    assertContains(page, '<span class="cell-late">late</span>')
    response = logged_in(wang).get(reverse("reader:class_export", kwargs={"class_id": klass.pk}))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == "'=cmd"


def test_the_reader_says_which_class_assigned_the_article_and_when_it_is_due(
    wang, klass, mei, story
):
    assign(logged_in(wang), klass, story, "2027-03-05")
    client = logged_in(mei)
    state = learner_state(client.get(story.get_absolute_url()).content.decode())
    assert state["assigned"] == []  # not in the class yet
    join(mei, klass)
    pages.state_cache.clear()  # the page's state is kept a minute at most
    state = learner_state(client.get(story.get_absolute_url()).content.decode())
    assert state["assigned"] == [
        {"class": "Chinese 3B (Spring 2027)", "due": "Fri 5 Mar 2027", "late": False}
    ]


def learner_state(html: str) -> dict:
    found = re.search(r'<script id="learner-state" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1))


def test_the_class_table_file_is_named_after_the_class_chinese_and_all(wang):
    classroom = classes.create_class(teacher=wang, name="中文 3B", term="Spring 2027")
    response = logged_in(wang).get(
        reverse("reader:class_export", kwargs={"class_id": classroom.pk})
    )
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''duizhao-%E4%B8%AD%E6%96%87-3b-spring-2027.csv"
    )


def test_unpublishing_an_assigned_article_warns_and_the_class_page_shows_it(wang, klass, story):
    client = logged_in(wang)
    assign(client, klass, story)
    url = reverse("admin:reader_article_alignment", args=[story.pk])
    response = client.post(
        url, {"action": "unpublish", "version": story.updated.isoformat()}, follow=True
    )
    assertContains(response, "Assigned in 1 class (Chinese 3B): their learners no longer see it")
    page = client.get(klass.get_absolute_url())
    assertContains(page, "Draft: the learners cannot see it")
