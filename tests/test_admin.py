"""The teacher's workflow in the admin, through the test client."""

import html
import io
import os
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from reader import services
from reader.models import Article, Bookmark, Job, ParagraphPair, Segment, WordCorrection
from tests.factory import SEED_FILE, jobs_run, make_article, page_words

# The teacher's imports run in the background worker, which reads committed rows.
pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-enough-passphrase-42"
SEED_LINES = SEED_FILE.read_text(encoding="utf-8").splitlines()
SEED_ZH = "\n".join(SEED_LINES[:14])
SEED_EN = "\n".join(SEED_LINES[14:])


@pytest.fixture
def teacher():
    os.environ["DJANGO_TEACHER_PASSWORD"] = PASSWORD
    try:
        call_command("createteacher", "wang", stdout=io.StringIO())
    finally:
        del os.environ["DJANGO_TEACHER_PASSWORD"]
    return get_user_model().objects.get(username="wang")


@pytest.fixture
def teacher_client(teacher):
    client = Client()
    client.force_login(teacher)
    return client


def add(client, **data):
    """Post the add form; the job it queues runs (with the real worker) before this returns."""
    with jobs_run():
        return client.post(reverse("admin:reader_article_add"), data)


def alignment(client, article, **data):
    """Post an action as the alignment page does, with the version the page was showing."""
    article.refresh_from_db()
    data.setdefault("version", article.updated.isoformat())
    return client.post(reverse("admin:reader_article_alignment", args=[article.pk]), data)


# The Teachers group and createteacher


def test_teachers_group_may_change_articles_and_nothing_else(teacher):
    perms = {p.codename for p in Group.objects.get(name="Teachers").permissions.all()}
    for model in ["article", "paragraphpair", "segment", "wordcorrection"]:
        assert {f"add_{model}", f"change_{model}", f"delete_{model}", f"view_{model}"} <= perms
    assert not any("user" in p or "group" in p or "bookmark" in p for p in perms)
    assert teacher.is_staff and not teacher.is_superuser
    assert teacher.check_password(PASSWORD)


def test_teacher_cannot_reach_users_groups_or_bookmarks(teacher_client):
    assert teacher_client.get("/admin/").status_code == 200
    for url in ["/admin/auth/user/", "/admin/auth/group/"]:
        assert teacher_client.get(url).status_code == 403
    assert "bookmark" not in teacher_client.get("/admin/").content.decode().lower()


def test_createteacher_refuses_a_weak_password_and_saves_nothing():
    os.environ["DJANGO_TEACHER_PASSWORD"] = "12345"
    try:
        with pytest.raises(CommandError, match="password refused"):
            call_command("createteacher", "weak", stdout=io.StringIO())
    finally:
        del os.environ["DJANGO_TEACHER_PASSWORD"]
    assert not get_user_model().objects.filter(username="weak").exists()


def test_createteacher_without_a_terminal_asks_for_the_variable(monkeypatch):
    monkeypatch.delenv("DJANGO_TEACHER_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="DJANGO_TEACHER_PASSWORD"):
        call_command("createteacher", "nobody", stdout=io.StringIO())


# Adding an article


def test_pasting_both_halves_makes_an_aligned_draft_and_opens_its_alignment(teacher_client):
    response = add(teacher_client, zh_text=SEED_ZH, en_text=SEED_EN, source="ABC News")
    article = Article.objects.get()
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.status, job.article, job.pairs, job.pairs_done) == ("done", article, 14, 14)
    response = teacher_client.get(job.get_absolute_url())
    assert response["Location"] == reverse("admin:reader_article_alignment", args=[article.pk])
    assert not article.published
    assert article.title_en.startswith("Top US general")
    assert (
        article.slug
        == "top-us-general-describes-putin-with-tin-cup-in-hand-asking-north-korea-for-munitions"
    )
    page = teacher_client.get(response["Location"])
    assertContains(page, 'class="unmatched"', count=2)
    assertContains(page, "unmatched: no English")
    # The draft is a 404 for learners and visitors, a preview for teachers.
    assert Client().get(article.get_absolute_url()).status_code == 404
    assert teacher_client.get(article.get_absolute_url()).status_code == 200


def test_uploading_a_seed_file_works_too(teacher_client):
    upload = SimpleUploadedFile("seed.txt", SEED_FILE.read_bytes(), content_type="text/plain")
    add(teacher_client, file=upload, slug="tin-cup")
    article = Article.objects.get(slug="tin-cup")
    assert article.pairs.count() == 14


def test_an_article_with_no_title_is_named_by_its_opening_words(teacher_client):
    # Every first line reads as a paragraph: no title is found in either text.
    zh = "下雪了！今天早上，窗外白白的一片，孩子们都跑到院子里去玩雪，大家都很高兴。\n" * 2
    en = "It snowed! This morning everything outside the window was white and happy.\n" * 2
    add(teacher_client, zh_text=zh, en_text=en)
    article = Article.objects.get()
    assert (article.title_zh, article.title_en, article.slug) == ("下雪了", "", "xia-xue-le")
    page = teacher_client.get(article.get_absolute_url()).content.decode()
    assert re.search(r'role="heading" aria-level="1">下雪了<', page)


def test_the_same_file_again_asks_before_making_a_copy(teacher_client):
    def upload():
        return SimpleUploadedFile("seed.txt", SEED_FILE.read_bytes(), content_type="text/plain")

    add(teacher_client, file=upload())
    first = Article.objects.get()
    response = add(teacher_client, file=upload())
    assertContains(response, "” is here already (")
    assertContains(response, reverse("admin:reader_article_alignment", args=[first.pk]))
    assertContains(response, 'name="confirm_copy"')
    assert Article.objects.count() == 1 and Job.objects.count() == 1
    add(teacher_client, file=upload(), confirm_copy="on")
    assert Article.objects.count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"zh_text": "", "en_text": ""}, "Paste the Chinese and the English"),
        ({"zh_text": SEED_ZH, "en_text": ""}, "The English text is empty"),
        ({"zh_text": "", "en_text": SEED_EN}, "The Chinese text is empty"),
        ({"zh_text": SEED_EN, "en_text": SEED_EN}, "hardly any Chinese"),
        ({"zh_text": SEED_ZH, "en_text": SEED_ZH}, "is not English"),
        ({"zh_text": "\n".join(["中文段落。"] * 5001), "en_text": "One."}, "limit is 5,000"),
    ],
)
def test_bad_pasted_text_gets_a_clear_error_and_saves_nothing(teacher_client, data, message):
    response = add(teacher_client, **data)
    assertContains(response, message)
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (SEED_FILE.read_text(encoding="utf-8").encode("gb18030"), "GB18030"),
        ("\n".join(SEED_LINES).encode("big5", errors="ignore"), "looks like Big5"),
        (b"x" * (2 * 1024 * 1024 + 1), "the limit is 2 MB"),
        ("只有中文。\n还是中文。\n".encode(), "No English paragraphs"),
        (b"", "empty"),
        (SEED_FILE.read_bytes().replace("普京".encode(), "普\x00京".encode(), 1), "holds NUL"),
        (SEED_FILE.read_bytes().replace("普京".encode(), "普\x1b京".encode(), 1), "U+001B"),
    ],
    ids=["gb18030", "big5", "too-big", "no-english", "empty", "nul", "escape"],
)
def test_bad_file_gets_a_clear_error_and_saves_nothing(teacher_client, content, message):
    upload = SimpleUploadedFile("bad.txt", content, content_type="text/plain")
    response = add(teacher_client, file=upload)
    assertContains(response, message)
    assert Article.objects.count() == 0


def test_html_in_the_text_is_stored_as_text_and_shown_escaped(teacher_client):
    add(
        teacher_client,
        zh_text="他写了<script>alert(1)</script>。",
        en_text="He wrote <script>alert(1)</script>.",
        title_en="<b>Script</b>",
    )
    article = Article.objects.get()
    assert "<script>" in article.pairs.get().zh
    article.published = True
    article.save()
    pages = {
        article.get_absolute_url(): True,
        reverse("admin:reader_article_alignment", args=[article.pk]): True,
        reverse("admin:reader_article_changelist"): False,  # titles only
    }
    for url, shows_body in pages.items():
        response = teacher_client.get(url)
        assertNotContains(response, "<script>alert(1)</script>")
        assertNotContains(response, "<b>Script</b>")
        assertContains(response, "&lt;b&gt;Script&lt;/b&gt;")
        if shows_body:
            assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
        else:
            assertNotContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")


# Fixing the alignment


@pytest.fixture
def draft(teacher_client):
    add(teacher_client, zh_text=SEED_ZH, en_text=SEED_EN)
    return Article.objects.get()


def pair_texts(article):
    return [(p.zh[:6], p.en[:12]) for p in article.pairs.all()]


def test_move_merge_split_and_unmatch(teacher_client, draft):
    before = pair_texts(draft)
    # The credit moves up into the caption's pair, then back down.
    alignment(teacher_client, draft, action="move_previous", position=7, side="zh")
    assert len(pair_texts(draft)) == 13
    assert draft.pairs.get(position=6).zh.split("\n")[1] == "内森·卢纳/美国广播公司新闻"
    alignment(teacher_client, draft, action="split", position=6)
    assert pair_texts(draft) == before
    alignment(teacher_client, draft, action="merge", position=0)
    first = draft.pairs.get(position=0)
    assert first.zh.count("\n") == 1 and first.en.count("\n") == 1
    alignment(teacher_client, draft, action="split", position=0)
    assert pair_texts(draft) == before
    alignment(teacher_client, draft, action="unmatch", position=2)
    assert [(bool(p.zh), bool(p.en)) for p in draft.pairs.all()][2:4] == [
        (True, False),
        (False, True),
    ]


def test_a_change_re_aligns_only_the_pairs_it_touches(teacher_client, draft):
    untouched = {
        p.position: list(p.segments.values_list("pk", flat=True)) for p in draft.pairs.all()
    }
    alignment(teacher_client, draft, action="merge", position=3)
    after = {p.position: list(p.segments.values_list("pk", flat=True)) for p in draft.pairs.all()}
    assert after[0] == untouched[0] and after[2] == untouched[2]
    assert after[4] == untouched[5]  # shifted up by one, same rows
    assert not set(after[3]) & set(untouched[3])


def test_impossible_action_changes_nothing_and_says_why(teacher_client, draft):
    before = pair_texts(draft)
    response = alignment(teacher_client, draft, action="split", position=2)
    assert response.status_code == 302
    page = teacher_client.get(response["Location"])
    assertContains(page, "Nothing changed: pair 3 holds one paragraph a side")
    for data in [
        {"action": "merge", "position": 13},
        {"action": "unmatch", "position": 99},
        {"action": "merge", "position": "x"},
        {"action": "explode"},
    ]:
        alignment(teacher_client, draft, **data)
    assert pair_texts(draft) == before


def test_editing_a_pair_keeps_learners_bookmarks_and_notes(teacher_client, draft):
    learner = get_user_model().objects.create_user("mei", password=PASSWORD)
    pair = draft.pairs.get(position=2)
    bookmark = services.toggle_bookmark(user=learner, segment=pair.segments.first())
    bookmark.note = "米莉 or 米利?"
    bookmark.save()
    alignment(
        teacher_client,
        draft,
        action="edit",
        position=2,
        zh=pair.zh.replace("米莉", "米利"),
        en=pair.en,
    )
    bookmark.refresh_from_db()
    assert bookmark.segment is not None and "米利" in bookmark.segment.zh
    assert bookmark.note == "米莉 or 米利?"


@pytest.mark.parametrize(
    ("bad", "message"),
    [("\x07", "line 1 holds a control character (U+0007)"), ("\x00", "Null characters")],
)
def test_an_edit_with_control_characters_comes_back_with_its_text_and_saves_nothing(
    teacher_client, draft, bad, message
):
    before = [(p.zh, p.en) for p in draft.pairs.all()]
    pair = draft.pairs.get(position=2)
    edited = pair.zh.replace("米莉", f"米{bad}利") + "一句新话。"
    response = alignment(teacher_client, draft, action="edit", position=2, zh=edited, en=pair.en)
    assertContains(response, message)
    # The teacher's text comes back in the pair's own box, new sentence and all.
    box = re.search(
        r'<textarea name="zh"[^>]*>([^<]*一句新话。)</textarea>', response.content.decode()
    )
    assert box and html.unescape(box.group(1)) == edited
    assert [(p.zh, p.en) for p in draft.pairs.all()] == before


def test_publishing_makes_the_draft_readable(teacher_client, draft):
    alignment(teacher_client, draft, action="publish")
    draft.refresh_from_db()
    assert draft.published
    assert Client().get(draft.get_absolute_url()).status_code == 200


# The admin list


def test_admin_list_shows_level_characters_pairs_unmatched_with_filters_and_search(
    teacher_client, draft
):
    response = teacher_client.get(reverse("admin:reader_article_changelist"))
    assertContains(response, "7–9")
    assertContains(response, "Draft")
    row = response.content.decode().split('class="field-__str__"')[1]
    assert f">{draft.zh_chars}<" in row and ">14<" in row and ">2<" in row
    assertContains(response, "By HSK level")
    assertContains(response, "By published")
    found = teacher_client.get(reverse("admin:reader_article_changelist"), {"q": "tin cup"})
    assertContains(found, "Top US general")
    missing = teacher_client.get(reverse("admin:reader_article_changelist"), {"q": "banana"})
    assertNotContains(missing, "Top US general")
    level = teacher_client.get(reverse("admin:reader_article_changelist"), {"hsk": "1"})
    assertContains(level, "0 articles")


def test_each_model_is_listed_in_the_admin(admin_client, draft):
    for model in ["article", "paragraphpair", "segment", "wordcorrection"]:
        assert admin_client.get(reverse(f"admin:reader_{model}_changelist")).status_code == 200


# Word fixes


def test_word_fix_shows_in_reader_popup_and_exports_and_survives_realignment(teacher_client, draft):
    learner = get_user_model().objects.create_user("mei", password=PASSWORD)
    segment = next(s for s in Segment.objects.filter(pair__article=draft) if "朝鲜" in s.zh)
    services.toggle_bookmark(user=learner, segment=segment)
    alignment(
        teacher_client, draft, action="correct", kind="pinyin", word="朝鲜", value="Cháo xiǎn"
    )
    alignment(teacher_client, draft, action="correct", kind="join", word="参谋长联席会议")
    alignment(teacher_client, draft, action="publish")
    assert WordCorrection.objects.count() == 2

    page = teacher_client.get(draft.get_absolute_url())
    assertContains(page, "<rt>Cháo</rt>")
    assert "参谋长联席会议" in page_words(page.content.decode())
    tokens = [t.text for s in Segment.objects.filter(pair__article=draft) for t in s.annotated.zh]
    assert "参谋长联席会议" in tokens
    bookmark = Bookmark.objects.get()
    assert any(t.syllables == ("Cháo", "xiǎn") for t in bookmark.zh_tokens)
    client = Client()
    client.force_login(learner)
    csv = client.get(reverse("reader:bookmark_export", args=["csv"])).content.decode("utf-8-sig")
    assert "Cháoxiǎn" in csv

    alignment(teacher_client, draft, action="merge", position=0)
    merged = draft.pairs.get(position=0).segments.all()
    assert any(t.syllables == ("Cháo", "xiǎn") for s in merged for t in s.annotated.zh)


def test_malformed_word_fix_is_refused_with_its_reason(teacher_client, draft):
    response = alignment(
        teacher_client, draft, action="correct", kind="pinyin", word="朝鲜", value="chao"
    )
    assertContains(response, "Give one syllable for each of the 2 characters")
    response = alignment(
        teacher_client, draft, action="correct", kind="split", word="朝鲜", value="朝 日"
    )
    assertContains(response, "The parts must spell 朝鲜")
    assert WordCorrection.objects.count() == 0


def test_a_word_fix_takes_pinyin_in_tone_numbers_too(teacher_client, draft):
    alignment(
        teacher_client, draft, action="correct", kind="pinyin", word="朝鲜", value="chao2 xian3"
    )
    assert WordCorrection.objects.get().value == "cháo xiǎn"
    assert ("朝鲜", ("cháo", "xiǎn")) in [w for words in zh_words(draft, "朝鲜") for w in words]


def zh_words(article, containing: str) -> list[list[tuple[str, tuple]]]:
    """The words and syllables of each of the article's sentences that contain ``containing``."""
    return [
        [(t.text, t.syllables) for t in s.annotated.zh]
        for s in Segment.objects.filter(pair__article=article, zh__contains=containing)
    ]


def test_a_fix_applies_to_one_sentence_or_to_every_one_as_the_teacher_chooses(
    teacher_client, draft
):
    sentences = zh_words(draft, "朝鲜")
    assert len(sentences) > 2
    response = alignment(
        teacher_client,
        draft,
        action="correct",
        kind="pinyin",
        word="朝鲜",
        value="Cháo xiǎn",
        where="会见朝鲜领导人",
    )
    assert response.status_code == 302
    fixed = Segment.objects.get(pair__article=draft, zh__contains="会见朝鲜领导人")
    assert ("朝鲜", ("Cháo", "xiǎn")) in [(t.text, t.syllables) for t in fixed.annotated.zh]
    others = [w for s in zh_words(draft, "朝鲜") for w in s if w[0] == "朝鲜"]
    assert others.count(("朝鲜", ("Cháo", "xiǎn"))) == 1  # that sentence only
    assert WordCorrection.objects.get().sentence == fixed.zh
    page = teacher_client.get(reverse("admin:reader_article_alignment", args=[draft.pk]))
    assertContains(page, "(only in ")
    # The same fix for every sentence: all of them follow.
    alignment(
        teacher_client, draft, action="correct", kind="pinyin", word="朝鲜", value="Cháo xiǎn"
    )
    words = [w for s in zh_words(draft, "朝鲜") for w in s if w[0] == "朝鲜"]
    assert set(words) == {("朝鲜", ("Cháo", "xiǎn"))}


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("朝鲜", "sentences have both 朝鲜 and 朝鲜: give more of the one you mean"),
        ("没有这句话", "No sentence of this article has both 没有这句话 and 朝鲜"),
    ],
)
def test_a_one_sentence_fix_must_name_exactly_one_sentence(teacher_client, draft, where, message):
    response = alignment(
        teacher_client,
        draft,
        action="correct",
        kind="pinyin",
        word="朝鲜",
        value="Cháo xiǎn",
        where=where,
    )
    assertContains(response, message)
    assert WordCorrection.objects.count() == 0


def test_a_join_cuts_across_the_words_the_app_made(teacher_client):
    article = make_article(slug="early", zh=["他一早就走了，没等我们。"], en=["He left early."])
    assert ("早就", ("zǎo", "jiù")) in zh_words(article, "早就")[0]
    response = alignment(teacher_client, article, action="correct", kind="join", word="一早")
    assert response.status_code == 302
    words = [w for w, _ in zh_words(article, "一早")[0]]
    assert words[:4] == ["他", "一早", "就", "走"]


def test_a_join_that_changes_nothing_says_why(teacher_client, draft):
    response = alignment(teacher_client, draft, action="correct", kind="join", word="一早")
    assertContains(response, "一早 is not in this article&#x27;s sentences")
    assert WordCorrection.objects.count() == 0


# Hard spots


def test_hard_spots_count_learners_most_bookmarked_first_never_who(teacher_client, draft):
    segments = list(Segment.objects.filter(pair__article=draft).exclude(zh="")[:2])
    for name in ["a", "b", "c"]:
        user = get_user_model().objects.create_user(f"learner-{name}", password=PASSWORD)
        services.toggle_bookmark(user=user, segment=segments[1])
        if name == "a":
            services.toggle_bookmark(user=user, segment=segments[0])
    response = teacher_client.get(reverse("admin:reader_article_change", args=[draft.pk]))
    table = response.content.decode().split('class="hard-spots"')[1]
    assert table.index(segments[1].zh[:10]) < table.index(segments[0].zh[:10])
    assert '<td class="hard-count">3</td>' in table and '<td class="hard-count">1</td>' in table
    assertNotContains(response, "learner-a")


def test_pairs_and_segments_are_read_only_in_the_admin(teacher_client, draft):
    pair = ParagraphPair.objects.first()
    response = teacher_client.get(reverse("admin:reader_paragraphpair_change", args=[pair.pk]))
    assertNotContains(response, 'name="_save"')
    assert teacher_client.get(reverse("admin:reader_segment_add")).status_code == 403


def test_a_double_click_or_a_second_teacher_changes_nothing_twice(teacher_client, draft):
    draft.refresh_from_db()
    page_version = draft.updated.isoformat()
    alignment(teacher_client, draft, action="merge", position=0, version=page_version)
    after_first = pair_texts(draft)
    response = alignment(teacher_client, draft, action="merge", position=0, version=page_version)
    assert pair_texts(draft) == after_first
    assertContains(
        teacher_client.get(response["Location"]), "the article changed since this page was loaded"
    )


def test_articles_with_identical_pairs_can_still_be_fixed(teacher_client):
    add(
        teacher_client,
        zh_text="他们在河边散步。\n图片：路透社\n天黑以后他们回家了。\n图片：路透社",
        en_text="They walked by the river.\nAfter dark they went home.",
    )
    article = Article.objects.get()
    captions = [p for p in article.pairs.all() if p.zh == "图片：路透社"]
    assert len(captions) == 2 and not any(p.en for p in captions)
    response = alignment(teacher_client, article, action="merge", position=0)
    assert response.status_code == 302
    assert article.pairs.count() == 3
    assert list(article.pairs.values_list("position", flat=True)) == [0, 1, 2]


def test_pairs_segments_and_fixes_cannot_be_deleted_row_by_row(teacher_client, draft):
    pair = ParagraphPair.objects.filter(article=draft).first()
    segment = Segment.objects.filter(pair=pair).first()
    for model, pk in [("paragraphpair", pair.pk), ("segment", segment.pk)]:
        url = reverse(f"admin:reader_{model}_delete", args=[pk])
        assert teacher_client.post(url, {"post": "yes"}).status_code == 403
    assert ParagraphPair.objects.filter(pk=pair.pk).exists()
    assert Segment.objects.filter(pk=segment.pk).exists()


def _bookmark_in(article, username="mei"):
    learner = get_user_model().objects.create_user(username, password=PASSWORD)
    services.toggle_bookmark(
        user=learner, segment=Segment.objects.filter(pair__article=article).first()
    )


@pytest.mark.parametrize("who", ["teacher", "superuser"])
def test_an_article_without_bookmarks_is_deleted_whole(teacher_client, admin_client, draft, who):
    client = teacher_client if who == "teacher" else admin_client
    url = reverse("admin:reader_article_delete", args=[draft.pk])
    confirm = client.get(url)
    assertContains(confirm, "Are you sure")
    assertNotContains(confirm, "permission to delete")
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.exists() and not ParagraphPair.objects.exists()
    assert not Segment.objects.exists()


def test_several_articles_are_deleted_at_once_with_the_bulk_action(teacher_client, draft):
    other = services.import_article(slug="other", zh=["我们去银行。"], en=["We go to the bank."])
    response = teacher_client.post(
        reverse("admin:reader_article_changelist"),
        {"action": "delete_articles", "_selected_action": [draft.pk, other.article.pk]},
    )
    assertContains(response, "Are you sure")
    response = teacher_client.post(
        reverse("admin:reader_article_changelist"),
        {
            "action": "delete_articles",
            "_selected_action": [draft.pk, other.article.pk],
            "post": "yes",
        },
    )
    assert response.status_code == 302 and not Article.objects.exists()


def test_an_article_with_learners_bookmarks_is_refused_and_can_be_unpublished(
    teacher_client, draft
):
    draft.published = True
    draft.save()
    _bookmark_in(draft, "mei")
    _bookmark_in(draft, "jun")
    for response in (
        teacher_client.get(reverse("admin:reader_article_delete", args=[draft.pk])),
        teacher_client.post(
            reverse("admin:reader_article_delete", args=[draft.pk]), {"post": "yes"}
        ),
        teacher_client.post(
            reverse("admin:reader_article_changelist"),
            {"action": "delete_articles", "_selected_action": [draft.pk], "post": "yes"},
        ),
    ):
        assertContains(response, "2 learners would lose bookmarks")
        assertContains(response, "Unpublish instead")
    assert Article.objects.filter(pk=draft.pk).exists() and Bookmark.objects.count() == 2
    response = teacher_client.post(
        reverse("admin:reader_article_changelist"),
        {"action": "unpublish_articles", "index": "0", "_selected_action": [draft.pk]},
        follow=True,
    )
    assertContains(response, "1 article unpublished: learners no longer see it.")
    draft.refresh_from_db()
    assert not draft.published and Bookmark.objects.count() == 2


def test_a_reading_fix_for_a_phrase_that_is_not_one_word_says_so(teacher_client, draft):
    response = alignment(
        teacher_client,
        draft,
        action="correct",
        kind="pinyin",
        word="会见朝鲜",
        value="huì jiàn cháo xiǎn",
    )
    assertContains(response, "is not one word in this article")
    assertContains(response, "join it into one word first")
    assert WordCorrection.objects.count() == 0


@pytest.mark.parametrize(
    "query",
    [
        "hsk=abc",
        "hsk=99",
        "hsk=",
        "published__exact=maybe",
        "o=zz",
        "o=99.-3",
        "p=-1",
        "p=abc",
        "q=" + "长" * 3000,
        "all=",
        "_to_field=password",
        "e=1",
        "kind=%00",
        "status__exact=nothing",
    ],
)
@pytest.mark.parametrize("model", ["article", "job", "paragraphpair", "segment", "wordcorrection"])
def test_bad_query_parameters_in_the_admin_are_ignored_never_a_500(admin_client, model, query):
    response = admin_client.get(f"/admin/reader/{model}/?{query}")
    assert response.status_code < 500
    if response.status_code == 302:  # Django's own answer: the list again, unfiltered
        assert admin_client.get(response["Location"]).status_code == 200


def test_a_five_thousand_paragraph_alignment_comes_in_pages_with_its_unmatched_rows_findable(
    teacher_client,
):
    # Rows written directly: what is measured is the page, not the aligner.
    article = Article.objects.create(slug="huge", title_en="A very long article")
    unmatched_at = {17, 2345, 4321}
    pairs = ParagraphPair.objects.bulk_create(
        ParagraphPair(
            article=article,
            position=n,
            zh=f"第{n}段：我们一起去银行存钱，然后去书店买书。" * 3,
            en="" if n in unmatched_at else f"Paragraph {n}: we go to the bank, then the bookshop.",
        )
        for n in range(5000)
    )
    Segment.objects.bulk_create(
        Segment(pair=pair, position=0, zh=pair.zh, en=pair.en) for pair in pairs
    )
    url = reverse("admin:reader_article_alignment", args=[article.pk])
    first = teacher_client.get(url)
    assert len(first.content) < 1024 * 1024
    assertContains(first, "Pairs 1–100 of 5000 (page 1 of 50)")
    assertContains(first, 'id="pair-99"')
    assertNotContains(first, 'id="pair-100"')
    assertContains(first, "Unmatched pairs (3):")
    assertContains(first, f'href="{url}?page=44#pair-4321"')
    page = teacher_client.get(url, {"page": 44})
    assert len(page.content) < 1024 * 1024
    assertContains(page, '<tr id="pair-4321" class="unmatched">')
    only = teacher_client.get(url, {"unmatched": "1"})
    assertContains(only, '<tr id="pair-', count=3)
    assert teacher_client.get(url, {"page": "abc"}).status_code == 200


def test_a_paste_over_the_limit_comes_back_with_its_text_and_the_size_in_bytes(teacher_client):
    # 800,000 Chinese characters are 2.4 MB of UTF-8, though fewer than 2 million characters.
    zh = "我们去银行。" * 133_334
    response = add(teacher_client, zh_text=zh, en_text="We go to the bank.")
    assertContains(response, "The text is 2.3 MB; the limit is 2 MB.")
    assert response.context["form"]["zh_text"].value() == zh
    assert not Job.objects.exists() and not Article.objects.exists()


def test_control_characters_in_a_paste_are_refused_saying_where(teacher_client):
    response = add(teacher_client, zh_text=SEED_ZH.replace("普京", "普\x00京", 1), en_text=SEED_EN)
    assertContains(response, "The Chinese text: line 1 holds NUL (U+0000)")
    assert not Job.objects.exists()


def test_two_sides_that_cannot_be_one_article_need_the_teachers_word(teacher_client):
    zh = "\n".join(f"第{n}段：今天我们去了学校。" for n in range(300))
    data = {"zh_text": zh, "en_text": "Only one English paragraph, about something else."}
    response = add(teacher_client, **data)
    assertContains(response, "The Chinese has 300 paragraphs and the English 1")
    assertContains(response, 'name="confirm_mismatch"')
    assert not Job.objects.exists()
    add(teacher_client, **data, confirm_mismatch="on")
    assert Job.objects.get().status == "done"
