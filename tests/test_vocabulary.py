"""A learner's words: statuses, where they were met, placement, and review by FSRS."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reader import services, vocabulary
from reader.models import Review, WordStatus
from reader.text import levels
from tests.factory import PASSWORD, make_article, make_learner, seed_segments
from tests.test_bookmarks import learner_state

Status = WordStatus.Status


def test_a_first_look_up_records_where_the_word_was_met_and_each_one_counts(bank, mei):
    segment = seed_segments(bank)[0]
    vocabulary.look_up(user=mei, word="银行", segment=segment)
    row = vocabulary.look_up(user=mei, word="银行", segment=seed_segments(bank)[1])
    assert row.lookups == 2 and row.status == Status.NEW
    assert row.segment == segment and row.context_zh == "我们去银行。"
    assert row.context_en == "We go to the bank."
    assert "银行" in [t.text for t in row.annotated.zh]
    assert not vocabulary.offer_save(row)
    assert vocabulary.offer_save(vocabulary.look_up(user=mei, word="银行"))


@pytest.mark.parametrize(
    ("word", "message"),
    [("三十", "not a Chinese word"), ("Kim", "not a Chinese word"), ("银" * 41, "not a Chinese")],
)
def test_names_numbers_and_junk_are_never_words_to_learn(mei, word, message):
    with pytest.raises(vocabulary.WordError, match=message):
        vocabulary.set_status(user=mei, word=word, status=Status.LEARNING)
    assert not WordStatus.objects.exists()


def test_saving_a_word_makes_a_card_due_at_once_and_known_takes_it_out(bank, mei):
    vocabulary.set_status(user=mei, word="银行", status=Status.LEARNING)
    assert vocabulary.due_count(mei) == 1
    vocabulary.set_status(user=mei, word="银行", status=Status.KNOWN)
    assert vocabulary.due_count(mei) == 0
    assert vocabulary.statuses(mei, ["银行", "行走"]) == {"银行": Status.KNOWN}


def test_placement_marks_the_levels_known_and_can_be_undone_without_touching_saved_words(mei):
    vocabulary.set_status(user=mei, word="朋友", status=Status.LEARNING)
    vocabulary.look_up(user=mei, word="学生")
    hsk1 = [w for w in levels.graded_words() if levels.word_level(w) == 1]
    placed = vocabulary.place(user=mei, level=1)
    assert placed.kept == 1 and placed.marked > 250
    known = vocabulary.known_words(mei, hsk1)
    assert "学生" in known and "朋友" not in known and "你好" in known
    assert vocabulary.undo_placement(user=mei) == placed.marked
    assert vocabulary.statuses(mei, hsk1) == {"朋友": Status.LEARNING}
    assert WordStatus.objects.get(word="学生").status == Status.NEW  # still counted as looked up


def test_answers_move_the_next_review_and_a_stable_word_becomes_known(bank, mei):
    vocabulary.set_status(user=mei, word="银行", status=Status.LEARNING)
    now = timezone.now()
    card = vocabulary.next_due(mei, now)
    assert card.word.word == "银行"
    card = vocabulary.answer(user=mei, key=card.key, rating=3, now=now)
    assert card.word.due > now and card.word.status == Status.LEARNING
    assert vocabulary.next_due(mei, now) is None  # seen: not again in this sitting
    when = now
    for _ in range(6):  # Easy, each time it is due
        when = WordStatus.objects.get(pk=card.word.pk).due + timedelta(minutes=1)
        card = vocabulary.answer(user=mei, key=card.key, rating=4, now=when)
    assert card.word.status == Status.KNOWN
    assert card.word.card["stability"] >= vocabulary.KNOWN_STABILITY_DAYS
    assert Review.objects.filter(user=mei).count() == 7


def test_bookmarked_sentences_are_cards_too_and_nobody_grades_anothers(bank, mei):
    segment = seed_segments(bank)[0]
    bookmark = services.add_bookmark(user=mei, segment=segment)
    due = vocabulary.next_due(mei)
    assert due.bookmark == bookmark
    other = make_learner("li")
    with pytest.raises(LookupError):
        vocabulary.answer(user=other, key=due.key, rating=3)
    with pytest.raises(vocabulary.WordError, match="not a grade"):
        vocabulary.answer(user=mei, key=due.key, rating=5)
    assert not Review.objects.exists()


def test_statuses_survive_a_re_import_that_rebuilds_every_sentence(bank, mei):
    vocabulary.look_up(user=mei, word="银行", segment=seed_segments(bank)[0])
    vocabulary.set_status(user=mei, word="银行", status=Status.LEARNING)
    make_article(zh=["我们明天去银行。"], en=["We go to the bank tomorrow."])
    row = WordStatus.objects.get(word="银行")
    assert row.status == Status.LEARNING and row.segment is None
    assert row.context_zh == "我们去银行。"  # the sentence as it was met


def test_deleting_an_account_deletes_its_words_and_reviews(bank, mei):
    vocabulary.set_status(user=mei, word="银行", status=Status.LEARNING)
    vocabulary.answer(user=mei, key=vocabulary.next_due(mei).key, rating=3)
    mei.delete()
    assert not WordStatus.objects.exists() and not Review.objects.exists()


# --- from the pop-up ------------------------------------------------------------------------


def post_status(client, word, status, segment=None):
    url = reverse("reader:word_status", args=[word])
    return client.post(url, {"status": status, "seg": segment.pk if segment else ""})


def test_the_pop_up_saves_and_marks_a_word_and_the_page_state_carries_it(bank, mei):
    client = Client()
    client.force_login(mei)
    segment = seed_segments(bank)[0]
    answer = post_status(client, "银行", "learning", segment).json()
    assert answer == {"word": "银行", "status": "learning", "lookups": 0, "offer": False, "due": 1}
    assert WordStatus.objects.get(user=mei).context_zh == segment.zh
    state = learner_state(client.get(bank.get_absolute_url()))
    assert state["learning"] == ["银行"] and state["known"] == [] and state["words"] >= 3
    post_status(client, "我们", "known", segment)
    state = learner_state(client.get(bank.get_absolute_url()))
    assert state["known"] == ["我们"]
    response = post_status(client, "三十", "known")
    assert response.status_code == 400 and "not a Chinese word" in response.json()["error"]


def test_look_ups_are_counted_and_the_third_offers_saving(bank, mei):
    client = Client()
    client.force_login(mei)
    url = reverse("reader:word_seen", args=["银行"])
    answers = [client.post(url, {"seg": seed_segments(bank)[0].pk}).json() for _ in range(3)]
    assert [a["lookups"] for a in answers] == [1, 2, 3]
    assert [a["offer"] for a in answers] == [False, False, True]
    assert Client().post(url).status_code == 204  # a visitor's look-ups are not kept


def test_a_visitor_saving_a_word_logs_in_and_comes_back_with_it_saved(bank, mei):
    client = Client()
    segment = seed_segments(bank)[0]
    response = post_status(client, "银行", "learning", segment)
    assert response.status_code == 401
    login = response.json()["login"]
    assert login.startswith(reverse("login")) and "next=" in login
    client.post(login, {"username": "mei", "password": PASSWORD})
    row = WordStatus.objects.get(user=mei)
    assert (row.word, row.status, row.segment) == ("银行", Status.LEARNING, segment)


def test_word_posts_need_the_csrf_token(bank, mei):
    client = Client(enforce_csrf_checks=True)
    client.force_login(mei)
    assert post_status(client, "银行", "learning").status_code == 403
    assert not WordStatus.objects.exists()


def test_a_learner_state_names_only_their_own_words(bank, mei):
    vocabulary.set_status(user=make_learner("li"), word="银行", status=Status.KNOWN)
    client = Client()
    client.force_login(mei)
    assert learner_state(client.get(bank.get_absolute_url()))["known"] == []


def test_the_list_tells_a_learner_how_many_of_each_articles_words_are_new(bank, mei):
    client = Client()
    client.force_login(mei)
    page = client.get(reverse("reader:article_list")).content.decode()
    assert "new words for you · 0% known" in page
    vocabulary.set_status(user=mei, word="银行", status=Status.KNOWN)
    page = client.get(reverse("reader:article_list")).content.decode()
    total = learner_state(client.get(bank.get_absolute_url()))["words"]
    assert f"{total - 1} new words for you · {100 // total}% known" in page
    assert "new words for you" not in Client().get(reverse("reader:article_list")).content.decode()


def test_a_name_in_its_sentence_is_never_a_word_to_learn(db, mei):
    article = make_article(
        slug="milley", zh=["米利将军说。"], en=["General Milley said."], title_zh="米利"
    )
    segment = seed_segments(article)[0]
    assert any(t.name and t.text == "米利" for t in segment.annotated.zh)
    with pytest.raises(vocabulary.WordError, match="is a name here"):
        vocabulary.set_status(user=mei, word="米利", status=Status.LEARNING, segment=segment)
    client = Client()
    client.force_login(mei)
    state = learner_state(client.get(article.get_absolute_url()))
    assert state["words"] == 2  # 将军, 说: 米利 is not counted
