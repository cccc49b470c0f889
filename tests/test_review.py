"""The review page: word and sentence cards, grades by form and htmx, the session's summary."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from reader import review, services, vocabulary
from reader.models import Review, WordStatus
from tests.factory import make_learner, seed_segments

pytestmark = pytest.mark.django_db

Status = WordStatus.Status


@pytest.fixture
def client_mei(mei):
    client = Client()
    client.force_login(mei)
    return client


def save_word(user, word, segment):
    vocabulary.look_up(user=user, word=word, segment=segment)
    return vocabulary.set_status(user=user, word=word, status=Status.LEARNING)


def answer_url(key):
    return reverse("reader:review_answer", args=[key])


def test_a_word_card_blanks_the_word_and_lights_the_english_it_became(bank, mei, client_mei):
    row = save_word(mei, "银行", seed_segments(bank)[0])
    response = client_mei.get(reverse("reader:review"))
    html = response.content.decode()
    front = html[html.index("data-review-front") : html.index("data-review-back")]
    assert "银行" not in front  # blanked
    assert re.search(r"我们去<span class=\"review-blank\"[^>]*>\u3000\u3000</span>。", front)
    assert '<mark class="review-hint">bank</mark>' in front
    # The answer, hidden until revealed: pinyin written as a word, the meaning, the pair.
    back = html[html.index("data-review-back") : html.index("data-review-grades")]
    assert "yínháng" in back and "bank" in back
    assert '<mark class="review-target"><span class="w h3"' in back
    assert "<rt>yín</rt>" in back
    assertContains(response, f'action="{answer_url(f"w{row.pk}")}"')
    assertContains(response, "10 min")  # Good on a new card: its second learning step


def test_without_script_show_the_answer_is_a_page_of_its_own(bank, mei, client_mei):
    row = save_word(mei, "银行", seed_segments(bank)[0])
    response = client_mei.get(reverse("reader:review"), {"show": f"w{row.pk}"})
    assertNotContains(response, "data-review-front")
    assertContains(response, "yínháng")
    assert b"data-review-grades hidden" not in response.content


def test_a_sentence_card_shows_the_chinese_and_reveals_english_and_note(bank, mei, client_mei):
    bookmark = services.add_bookmark(user=mei, segment=seed_segments(bank)[1])
    bookmark.note = "在 + verb: in the middle of"
    bookmark.save()
    response = client_mei.get(reverse("reader:review"))
    html = response.content.decode()
    front = html[html.index("data-review-front") : html.index("data-review-back")]
    assert "他在行走。" in front and "walking" not in front
    back = html[html.index("data-review-back") : html.index("data-review-grades")]
    assert "He is walking." in back and "<rt>xíng</rt>" in back
    assert "在 + verb: in the middle of" in back


def test_a_plain_grade_moves_the_card_and_redirects_back(bank, mei, client_mei):
    row = save_word(mei, "银行", seed_segments(bank)[0])
    before = timezone.now()
    response = client_mei.post(answer_url(f"w{row.pk}"), {"rating": "3"})
    assert response.status_code == 303 and response["Location"] == reverse("reader:review")
    row.refresh_from_db()
    assert row.due > before + timedelta(minutes=9)
    assert Review.objects.get().rating == 3


def test_an_htmx_grade_answers_with_the_next_card_and_the_new_count(bank, mei, client_mei):
    first = save_word(mei, "银行", seed_segments(bank)[0])
    second = save_word(mei, "行走", seed_segments(bank)[1])
    shown = (timezone.now() - timedelta(seconds=4)).isoformat()
    response = client_mei.post(
        answer_url(f"w{first.pk}"), {"rating": "4", "shown_at": shown}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response["Vary"] and "HX-Request" in response["Vary"]
    assertContains(response, f'data-key="w{second.pk}"')
    assertContains(response, 'id="due-link" href="/review/" hx-swap-oob="true"')
    assertContains(response, ">1 due</a>")
    assertNotContains(response, "<html")
    assert 3000 < Review.objects.get().duration_ms < 60000


def test_the_header_counts_due_cards_on_every_page_and_the_reader_gets_it_as_data(
    bank, mei, client_mei
):
    save_word(mei, "银行", seed_segments(bank)[0])
    assertContains(client_mei.get(reverse("reader:bookmark_list")), ">1 due</a>")
    page = client_mei.get(bank.get_absolute_url())
    assertContains(page, "data-due-from-state")  # the cached page carries no count
    assertNotContains(page, ">1 due<")
    assertContains(page, '"due": 1')
    assertNotContains(Client().get("/"), "due-link")


def test_the_session_ends_with_a_summary_by_grade_and_the_words_made_known(bank, mei, client_mei):
    row = save_word(mei, "银行", seed_segments(bank)[0])
    bookmark = services.add_bookmark(user=mei, segment=seed_segments(bank)[1])
    client_mei.post(answer_url(f"b{bookmark.pk}"), {"rating": "1"})
    # A word this stable is known with its next answer.
    card = vocabulary.answer(user=mei, key=f"w{row.pk}", rating=4, now=timezone.now())
    for _ in range(5):
        card = vocabulary.answer(user=mei, key=card.key, rating=4, now=card.word.due)
    WordStatus.objects.filter(pk=row.pk).update(
        status=Status.LEARNING, due=timezone.now() - timedelta(minutes=1)
    )
    Review.objects.filter(word=row).delete()
    client_mei.post(answer_url(f"w{row.pk}"), {"rating": "4"})
    response = client_mei.get(reverse("reader:review"))
    assertContains(response, "Session done: 2 cards reviewed")
    tally = dict(re.findall(r'grade-label">(\w+)</span> <strong>(\d+)</strong>', response.text))
    assert tally == {"Again": "1", "Hard": "0", "Good": "0", "Easy": "1"}
    assertContains(response, 'Now known: <span lang="zh-Hans">银行</span>')
    assertContains(response, "Next card due in")
    # The summary ended the session: looking again says nothing is due, and when.
    again = client_mei.get(reverse("reader:review"))
    assertContains(again, "Nothing due")
    assertContains(again, "Next card due in")


def test_nothing_due_for_a_new_learner_says_how_cards_are_made(mei, client_mei):
    response = client_mei.get(reverse("reader:review"))
    assertContains(response, "Nothing due")
    assertContains(response, "No cards yet")


def test_a_session_takes_in_a_bounded_number_of_new_cards(bank, mei, client_mei, monkeypatch):
    monkeypatch.setattr(vocabulary, "NEW_CARDS_PER_SESSION", 1)
    first = save_word(mei, "银行", seed_segments(bank)[0])
    save_word(mei, "行走", seed_segments(bank)[1])
    client_mei.get(reverse("reader:review"))
    client_mei.post(answer_url(f"w{first.pk}"), {"rating": "4"})
    response = client_mei.get(reverse("reader:review"))
    assertContains(response, "Session done: 1 card reviewed")
    assertContains(response, "1 more card waits for another session")
    assertContains(client_mei.get(reverse("reader:review")), "行走")


def test_another_learners_card_is_not_found(bank, mei):
    row = save_word(mei, "银行", seed_segments(bank)[0])
    li = Client()
    li.force_login(make_learner("li"))
    assert li.post(answer_url(f"w{row.pk}"), {"rating": "3"}).status_code == 404
    assert li.post(answer_url("x1"), {"rating": "3"}).status_code == 404
    assert li.post(answer_url(f"w{row.pk}"), {"rating": "9"}).status_code == 404  # not 400
    assert li.get(reverse("reader:review"), {"show": f"w{row.pk}"}).status_code == 200
    assert not Review.objects.exists()


def test_a_grade_without_csrf_is_refused(bank, mei):
    row = save_word(mei, "银行", seed_segments(bank)[0])
    client = Client(enforce_csrf_checks=True)
    client.force_login(mei)
    assert client.post(answer_url(f"w{row.pk}"), {"rating": "3"}).status_code == 403
    assert not Review.objects.exists()


@pytest.mark.parametrize("rating", ["5", "0", "good", ""])
def test_a_bad_grade_is_refused_with_a_message_and_saves_nothing(bank, mei, client_mei, rating):
    row = save_word(mei, "银行", seed_segments(bank)[0])
    response = client_mei.post(answer_url(f"w{row.pk}"), {"rating": rating})
    assert response.status_code == 400
    assertContains(response, "A grade is 1 (Again)", status_code=400)
    row.refresh_from_db()
    assert row.card is None and not Review.objects.exists()


def test_review_needs_a_login_and_comes_back(client):
    response = client.get(reverse("reader:review"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/review/"
    assert client.get(answer_url("w1")).status_code == 302


def test_a_word_met_nowhere_is_its_own_prompt(mei, client_mei):
    vocabulary.set_status(user=mei, word="朋友", status=Status.LEARNING)
    response = client_mei.get(reverse("reader:review"))
    assertContains(response, '<span class="review-target">朋友</span>')
    assertContains(response, "péngyou")


@pytest.mark.parametrize(
    ("delta", "label"),
    [
        (timedelta(seconds=20), "1 min"),
        (timedelta(minutes=10), "10 min"),
        (timedelta(hours=5), "5 h"),
        (timedelta(days=1), "1 day"),
        (timedelta(days=3), "3 days"),
        (timedelta(days=61), "2 mo"),
        (timedelta(days=730), "2 years"),
    ],
)
def test_intervals_read_as_a_grade_button_says_them(delta, label):
    assert review.interval_label(delta) == label
