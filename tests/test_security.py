"""Hardened settings, the Content Security Policy and log-in throttling."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from csp.decorators import csp, csp_exempt, csp_replace, csp_update
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = ROOT / "config" / "production.env"


def production_env(**overrides) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "DUIZHAO_"))
    }
    for line in PRODUCTION_ENV.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key.strip()] = value.strip()
    env.update(overrides)
    return env


def settings_in(env: dict[str, str]) -> dict:
    code = (
        "import json, django; from django.conf import settings; django.setup(); print(json.dumps({"
        "k: getattr(settings, k) for k in ['DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE',"
        " 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SECURE_PROXY_SSL_HEADER', 'ALLOWED_HOSTS']"
        "}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


REAL_KEY = "Kq3" + "x7Vb9_mZ2-pLw4" * 5  # 73 characters, as secrets.token_urlsafe gives


def check_deploy(**overrides) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=production_env(**overrides),
        capture_output=True,
        text=True,
    )


def test_production_env_passes_check_deploy_without_a_warning_once_its_key_is_set():
    result = check_deploy(DJANGO_SECRET_KEY=REAL_KEY)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("key", "says"),
    [
        (None, "DJANGO_SECRET_KEY is still a placeholder"),  # as config/production.env ships
        ("too-short-but-random-7Gq2", "has 25 characters; it needs at least 50"),
        ("a" * 60, "is not random: it uses only 1 different characters"),
    ],
)
def test_check_deploy_fails_with_a_placeholder_or_weak_secret_key(key, says):
    result = check_deploy(**({} if key is None else {"DJANGO_SECRET_KEY": key}))
    assert result.returncode != 0
    assert says in result.stderr


def test_production_env_documents_every_variable_the_settings_read():
    settings_py = (ROOT / "config" / "settings.py").read_text()
    read = set(re.findall(r'"((?:DJANGO|DUIZHAO)_[A-Z_]+|DATABASE_URL)"', settings_py))
    documented = set(re.findall(r"^#? ?([A-Z_]+)=", PRODUCTION_ENV.read_text(), re.MULTILINE))
    assert read <= documented | {"DJANGO_TEACHER_PASSWORD"}, read - documented


def test_production_settings_have_secure_cookies_hsts_and_the_ssl_redirect():
    settings = settings_in(production_env())
    assert settings["DEBUG"] is False
    assert settings["SESSION_COOKIE_SECURE"] and settings["CSRF_COOKIE_SECURE"]
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 31536000
    assert settings["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_hsts_and_the_ssl_redirect_can_be_switched_off_for_a_proxy_that_does_them():
    settings = settings_in(
        production_env(DJANGO_SECURE_SSL_REDIRECT="0", DJANGO_SECURE_HSTS_SECONDS="0")
    )
    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 0


def test_debug_off_without_a_secret_key_refuses_to_start():
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_pages_carry_a_csp_with_a_nonce_that_every_script_has(client, seed_article):
    for url in ["/", seed_article.get_absolute_url(), reverse("login")]:
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        nonce = re.search(r"'nonce-([^']+)'", policy)[1]
        assert "script-src 'self' 'nonce-" in policy and "object-src 'none'" in policy
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        html = response.content.decode()
        scripts = re.findall(r"<script\b[^>]*>", html)
        # Data for the script (the learner's state) is JSON that no browser runs.
        code = [tag for tag in scripts if 'type="application/json"' not in tag]
        assert len(code) >= 2
        assert all(f'nonce="{nonce}"' in tag and "src=" in tag for tag in code), scripts
        assert not re.search(r"\son[a-z]+=", html), "inline event handler"


@pytest.mark.django_db
def test_failed_logins_are_throttled(client):
    get_user_model().objects.create_user("mei", password="a-long-enough-passphrase-42")
    for _ in range(4):
        response = client.post(reverse("login"), {"username": "mei", "password": "wrong"})
        assertContains(response, "Please enter a correct username and password")
    # The fifth failure locks the account out from this address, for a while.
    response = client.post(reverse("login"), {"username": "mei", "password": "wrong"})
    assert response.status_code == 429
    response = client.post(
        reverse("login"), {"username": "mei", "password": "a-long-enough-passphrase-42"}
    )
    assertContains(response, "Too many attempts", status_code=429)
    assert "_auth_user_id" not in client.session


def _csp_headers(middleware_class, view, rf) -> dict:
    """The CSP headers a view's response gets through a middleware, the nonce written N."""
    from csp.constants import HEADER, HEADER_REPORT_ONLY

    request = rf.get("/")
    middleware = middleware_class(view)
    response = middleware(request)
    nonce = getattr(request, "_csp_nonce", None) or "no nonce"
    return {
        name: response[name].replace(nonce, "N")
        for name in (HEADER, HEADER_REPORT_ONLY)
        if name in response
    }


def _plain(request, with_nonce):
    from django.http import HttpResponse

    return HttpResponse(f"nonce {request.csp_nonce}" if with_nonce else "no script")


@pytest.mark.parametrize("with_nonce", [True, False])
@pytest.mark.parametrize(
    "decorate",
    [
        lambda view: view,
        csp_exempt(),
        csp_update({"img-src": ["data:"]}),
        csp_replace({"script-src": ["'self'"]}),
        csp({"default-src": ["'none'"]}),
    ],
    ids=["plain", "exempt", "update", "replace", "config"],
)
def test_our_csp_middleware_gives_the_headers_django_csp_gives(rf, decorate, with_nonce):
    """The once-built policy is a shortcut: for every view django-csp's decorators can make,
    the headers must be exactly django-csp's own (this fails if django-csp changes how it
    marks a decorated response and the shortcut stops noticing)."""
    from csp.middleware import CSPMiddleware as DjangoCSPMiddleware

    from reader.security import CSPMiddleware

    view = decorate(lambda request: _plain(request, with_nonce))
    ours = _csp_headers(CSPMiddleware, view, rf)
    assert ours == _csp_headers(DjangoCSPMiddleware, view, rf)


def test_asking_for_a_nonce_after_the_header_is_an_error(rf):
    from csp.exceptions import CSPNonceError
    from django.http import HttpResponse

    from reader.security import CSPMiddleware

    request = rf.get("/")
    CSPMiddleware(lambda request: HttpResponse("no script"))(request)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)


# Throttling behind a proxy: by the client's address, never turned against users


def _login(client, username, password, address):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        headers={"X-Forwarded-For": address},
    )


@pytest.fixture
def behind_proxy(settings):
    settings.DUIZHAO_TRUSTED_PROXIES = 1


@pytest.mark.django_db
def test_behind_a_proxy_each_client_is_known_by_its_own_address(client, behind_proxy):
    get_user_model().objects.create_user("mei", password="a-long-enough-passphrase-42")
    for _ in range(5):
        _login(client, "mei", "wrong", "198.51.100.7")
    assert _login(client, "mei", "wrong", "198.51.100.7").status_code == 429
    # The same learner from another address (a teacher's, a school's) is not locked out.
    other = Client()
    response = _login(other, "mei", "a-long-enough-passphrase-42", "203.0.113.20")
    assert response.status_code == 302 and "_auth_user_id" in other.session


@pytest.mark.django_db
def test_a_forged_forwarded_address_is_not_believed(client, behind_proxy):
    get_user_model().objects.create_user("mei", password="a-long-enough-passphrase-42")
    # The client puts its own entries first; the proxy appends the real one last.
    for n in range(5):
        _login(client, "mei", "wrong", f"10.0.0.{n}, 198.51.100.7")
    assert _login(client, "mei", "wrong", "10.9.9.9, 198.51.100.7").status_code == 429


@pytest.mark.django_db
def test_without_a_trusted_proxy_the_header_changes_nothing(client):
    get_user_model().objects.create_user("mei", password="a-long-enough-passphrase-42")
    for n in range(5):
        _login(client, "mei", "wrong", f"198.51.100.{n}")
    assert _login(client, "mei", "wrong", "198.51.100.99").status_code == 429


@pytest.mark.django_db
def test_one_address_trying_many_user_names_is_stopped(client, behind_proxy, settings):
    settings.DUIZHAO_LOGIN_SPRAY_LIMIT = 10
    get_user_model().objects.create_user("mei", password="a-long-enough-passphrase-42")
    for n in range(10):
        assert _login(client, f"user{n}", "Summer2026!", "198.51.100.7").status_code == 200
    response = _login(client, "mei", "a-long-enough-passphrase-42", "198.51.100.7")
    assertContains(response, "many different accounts", status_code=429)
    assert "_auth_user_id" not in client.session
    # Elsewhere, the learner logs in as usual.
    assert _login(Client(), "mei", "a-long-enough-passphrase-42", "203.0.113.20").status_code == 302


@pytest.mark.django_db
def test_sign_ups_are_limited_per_address_and_hour(client, behind_proxy, settings):
    settings.DUIZHAO_SIGNUPS_PER_HOUR = 3
    url = reverse("reader:account_signup")
    password = "a-long-enough-passphrase-42"
    for n in range(3):
        response = Client().post(
            url,
            {"username": f"new{n}", "password1": password, "password2": password},
            headers={"X-Forwarded-For": "198.51.100.7"},
        )
        assert response.status_code == 303
    response = client.post(
        url,
        {"username": "new9", "password1": password, "password2": password},
        headers={"X-Forwarded-For": "198.51.100.7"},
    )
    assertContains(response, "Too many new accounts", status_code=429)
    assert not get_user_model().objects.filter(username="new9").exists()
    response = Client().post(
        url,
        {"username": "new9", "password1": password, "password2": password},
        headers={"X-Forwarded-For": "203.0.113.20"},
    )
    assert response.status_code == 303


@pytest.mark.django_db
def test_personal_pages_and_exports_are_private(client, seed_article):
    from reader import services
    from tests.factory import make_learner, seed_segments

    learner = make_learner()
    services.toggle_bookmark(user=learner, segment=seed_segments(seed_article)[0])
    client.force_login(learner)
    for url in [
        reverse("reader:bookmark_list"),
        reverse("reader:bookmark_export", args=["csv"]),
        reverse("reader:bookmark_export", args=["apkg"]),
        seed_article.get_absolute_url(),
        reverse("reader:article_list"),
        reverse("reader:preferences_update"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"], url
    # The dictionary entry is the same for everyone, and stays cacheable.
    gloss = client.get(reverse("reader:word_gloss", args=["银行"]))
    assert "public" in gloss["Cache-Control"] and "private" not in gloss["Cache-Control"]


@pytest.fixture
def mail_configured(settings):
    """The deployment as it is with DJANGO_EMAIL_HOST set: the reset pages are routed."""
    import importlib

    from django.urls import clear_url_caches

    import config.urls

    settings.EMAIL_HOST = "smtp.example.org"
    settings.DUIZHAO_PASSWORD_RESET = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DUIZHAO_PASSWORD_RESET = False
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_without_mail_password_reset_is_not_offered(client):
    assert client.get("/accounts/password_reset/").status_code == 404
    assertNotContains(client.get(reverse("login")), "Forgotten your password")


@pytest.mark.django_db
def test_with_mail_a_learner_resets_a_forgotten_password(client, mail_configured, mailoutbox):
    get_user_model().objects.create_user(
        "mei", email="mei@example.org", password="an-old-passphrase-that-was-lost"
    )
    assertContains(client.get(reverse("login")), "Forgotten your password")
    response = client.post("/accounts/password_reset/", {"email": "mei@example.org"})
    assert response.status_code == 302 and len(mailoutbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mailoutbox[0].body)[1]
    form = client.get(link, follow=True)
    assertContains(form, "Choose a new password")
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-new-passphrase-42", "new_password2": "a-new-passphrase-42"},
    )
    assert response.status_code == 302
    other = Client()
    response = other.post(reverse("login"), {"username": "mei", "password": "a-new-passphrase-42"})
    assert response.status_code == 302 and "_auth_user_id" in other.session
