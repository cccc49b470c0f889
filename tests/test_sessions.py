"""A learner's session on the reader page, which reads it and its user with prepared SQL.

Each test opens the page once first, so that what was read then could only
be shown again if something were kept that should not be.
"""

import re
import secrets
from datetime import timedelta

import pytest
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from reader import sessions
from reader.sessions import SessionStore
from tests.factory import PASSWORD, make_article, make_learner, make_teacher

pytestmark = pytest.mark.django_db


def logged_in(username="mei") -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def with_cookie_of(client: Client) -> Client:
    """A second browser holding the same session cookie (copied, or stolen)."""
    other = Client()
    other.cookies["sessionid"] = client.cookies["sessionid"].value
    return other


def as_learner(client, page, name="mei"):
    assertContains(client.get(page), f"Log out {name}")


def as_visitor(client, page):
    response = client.get(page)
    assertContains(response, "Log in")
    assertNotContains(response, "Log out")


def test_logging_out_ends_the_session_for_every_copy_of_its_cookie(seed_article):
    make_learner()
    page = seed_article.get_absolute_url()
    client = logged_in()
    copy = with_cookie_of(client)
    as_learner(copy, page)
    client.post(reverse("logout"))
    as_visitor(copy, page)
    assert copy.get(reverse("reader:bookmark_list")).status_code == 302  # to log in


def test_a_password_changed_elsewhere_ends_other_sessions(seed_article):
    learner = make_learner()
    page = seed_article.get_absolute_url()
    laptop, phone = logged_in(), logged_in()
    as_learner(phone, page)
    response = laptop.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-passphrase-8",
            "new_password2": "another-long-passphrase-8",
        },
    )
    assert response.status_code == 302
    as_learner(laptop, page)  # the session that changed it stays
    as_visitor(phone, page)
    learner.refresh_from_db()
    assert learner.check_password("another-long-passphrase-8")


def test_a_renamed_learner_keeps_their_session(seed_article):
    learner = make_learner()
    page = seed_article.get_absolute_url()
    client = logged_in()
    as_learner(client, page)
    learner.username = "mei-lin"
    learner.save()
    assertContains(client.get(reverse("reader:preferences_update")), "Log out mei-lin")
    as_learner(client, page, "mei-lin")  # the reader page reads the account with its rows


def test_a_learner_s_reader_page_is_one_query(seed_article, django_assert_num_queries):
    """The article, the account, the session and the learner's own rows, in one."""
    make_learner()
    page = seed_article.get_absolute_url()
    client = logged_in()
    as_learner(client, page)
    with django_assert_num_queries(1):
        as_learner(client, page)


def test_the_session_s_row_read_anew_decides_whose_page_it_is(seed_article):
    """The reader page guesses whose rows to read from what the session's row held
    last time; the row as it is now decides."""
    make_learner()
    other = make_learner("lan")
    page = seed_article.get_absolute_url()
    client = logged_in()
    as_learner(client, page)
    # Something else is kept in the session: its data changes, the learner stays.
    key = client.cookies["sessionid"].value
    store = SessionStore(key)
    store["seen"] = 1
    store.save()
    as_learner(client, page)
    # The row now names another account (as only the server could write it).
    store = SessionStore(key)
    store[SESSION_KEY] = str(other.pk)
    store[HASH_SESSION_KEY] = other.get_session_auth_hash()
    store.save()
    as_learner(client, page, "lan")
    assertNotContains(client.get(page), "Log out mei")


def test_a_preference_changed_on_one_device_shows_on_the_next_page_of_each(seed_article):
    make_learner()
    page = seed_article.get_absolute_url()
    laptop, phone = logged_in(), logged_in()
    for client in (laptop, phone):
        assertContains(client.get(page), 'data-text-size="medium"')
    laptop.post(reverse("reader:preferences_update"), {"text_size": "larger"})
    for client in (laptop, phone):
        assertContains(client.get(page), 'data-text-size="larger"')
    phone.post(reverse("reader:preferences_update"), {"script": "taiwan"})
    for client in (laptop, phone):
        html = client.get(page).content.decode()
        assert 'data-text-size="larger"' in html and 'data-script="taiwan"' in html
        assert "國<rt>" in html and "国<rt>" not in html  # 国家 as Taiwan writes it


def token_in(html: str, form_action: str = "") -> str:
    """The CSRF token of the page's form posting to ``form_action`` (its first form if empty)."""
    form = re.search(rf'<form method="post" action="{form_action}.*?</form>', html, re.S)[0]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]


def test_the_reader_page_s_log_out_link_works_without_javascript(seed_article):
    make_learner()
    client = Client(enforce_csrf_checks=True)  # a browser without a script: form fields only
    token = token_in(client.get(reverse("login")).content.decode())
    login = {"username": "mei", "password": PASSWORD, "csrfmiddlewaretoken": token}
    assert client.post(reverse("login"), login).status_code == 302
    page = seed_article.get_absolute_url()
    html = client.get(page).content.decode()
    # The cached page carries no form token: "Log out" is a link to a page that asks.
    assert "csrfmiddlewaretoken" not in html
    link = re.search(r'<a href="([^"]+)" data-logout title="Log out mei">Log out</a>', html)[1]
    assert link == reverse("logout")
    confirm = [client.get(link) for _ in range(2)]
    assertContains(confirm[0], "Log out?")
    tokens = [token_in(response.content.decode(), reverse("logout")) for response in confirm]
    # Masked afresh for every page (against BREACH), as Django masks its own.
    assert tokens[0] != tokens[1]
    assert client.post(reverse("logout")).status_code == 403  # no token, no log-out
    as_learner(client, page)
    assert client.post(reverse("logout"), {"csrfmiddlewaretoken": tokens[0]}).status_code == 302
    as_visitor(client, page)
    # Logged out, the link's page has nothing to ask.
    response = client.get(link)
    assert response.status_code == 302 and response["Location"] == "/"


def test_the_script_logs_out_with_the_csrf_cookie_s_token(seed_article):
    """What reader.js posts for the header's link: the cookie's value as the form's token."""
    make_learner()
    client = Client(enforce_csrf_checks=True)
    token = token_in(client.get(reverse("login")).content.decode())
    login = {"username": "mei", "password": PASSWORD, "csrfmiddlewaretoken": token}
    assert client.post(reverse("login"), login).status_code == 302
    page = seed_article.get_absolute_url()
    as_learner(client, page)
    cookie = client.cookies["csrftoken"].value
    assert client.post(reverse("logout"), {"csrfmiddlewaretoken": "x" * 32}).status_code == 403
    as_learner(client, page)
    assert client.post(reverse("logout"), {"csrfmiddlewaretoken": cookie}).status_code == 302
    as_visitor(client, page)


def test_a_visitor_s_preference_set_in_one_tab_shows_in_another(client, seed_article):
    page = seed_article.get_absolute_url()
    client.post(reverse("reader:preferences_update"), {"text_size": "larger"})
    tab = with_cookie_of(client)
    assertContains(tab.get(page), 'data-text-size="larger"')
    tab.post(reverse("reader:preferences_update"), {"script": "taiwan"})
    for each in (client, tab):
        html = each.get(page).content.decode()
        assert 'data-text-size="larger"' in html and 'data-script="taiwan"' in html


def test_sessions_signed_with_a_retired_secret_key_end(seed_article, settings):
    make_learner()
    page = seed_article.get_absolute_url()
    came_back, stayed_away = logged_in(), logged_in()
    for client in (came_back, stayed_away):
        as_learner(client, page)
    visitor = Client()  # whose preferences the session keeps
    visitor.post(reverse("reader:preferences_update"), {"text_size": "larger"})
    assertContains(visitor.get(page), 'data-text-size="larger"')
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-key-" + "n" * 50
    settings.SECRET_KEY_FALLBACKS = [old]  # rotated: sessions under the old key still count
    as_learner(came_back, page)  # and Django moves this one to the new key
    settings.SECRET_KEY_FALLBACKS = []  # retired
    as_learner(came_back, page)
    as_visitor(stayed_away, page)
    assertContains(visitor.get(page), 'data-text-size="medium"')


def test_a_draft_is_a_teacher_s_to_preview_not_a_learner_s(seed_article):
    """Read with the session and the account in one query, the article keeps its rule."""
    draft = make_article(slug="draft", published=False)
    make_learner()
    make_teacher()
    page = seed_article.get_absolute_url()
    learner, teacher = logged_in("mei"), logged_in("wang")
    for client, name in ((learner, "mei"), (teacher, "wang")):
        as_learner(client, page, name)  # the session's row read here once
    assert learner.get(draft.get_absolute_url()).status_code == 404
    assert learner.get("/articles/no-such-article/").status_code == 404
    as_learner(teacher, draft.get_absolute_url(), "wang")
    as_learner(learner, page)  # and the learner's next page is theirs as before


def test_a_long_session_written_elsewhere_costs_no_query_each_page(
    seed_article, django_assert_max_num_queries
):
    """Data too long to keep decoded (an import's report) leaves no stale guess behind."""
    make_learner()
    page = seed_article.get_absolute_url()
    client = logged_in()
    as_learner(client, page)
    elsewhere = DjangoSessionStore(client.cookies["sessionid"].value)  # another process's
    elsewhere["report"] = secrets.token_urlsafe(3000)  # signing compresses: random, long
    elsewhere.save()
    assert len(Session.objects.get().session_data) > sessions._KEPT_DATA_CHARS
    with django_assert_max_num_queries(4):  # the guess from before misses, once
        as_learner(client, page)
    for _ in range(2):
        with django_assert_max_num_queries(3):  # the article, the session, the account
            as_learner(client, page)


@pytest.mark.parametrize("way", ["guessed", "read afresh"])
@pytest.mark.parametrize("change", ["deactivated", "password", "deleted", "expired"])
def test_a_changed_account_or_session_is_a_visitor_s_on_the_next_page(seed_article, change, way):
    """Either way the reader page reads the session: guessed from what its row held when
    last read here, or read afresh (another worker, a restart), by the same rules."""
    learner = make_learner()
    page = seed_article.get_absolute_url()
    client = logged_in()
    as_learner(client, page)
    if change == "deactivated":
        learner.is_active = False
        learner.save()
    elif change == "password":
        learner.set_password("another-long-passphrase-8")
        learner.save()
    elif change == "deleted":
        learner.delete()
    else:
        Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    if way == "read afresh":
        sessions._last_data.clear()
    as_visitor(client, page)
