"""Teachers' edits and re-imports while sixteen learners bookmark, on a live server.

What a school notices first when the database does not hold: a teacher's
change failing with "database is locked", a learner's click answering 500.
Here a teacher re-aligns pairs through the alignment page and re-imports a
changed file while sixteen learners toggle bookmarks as fast as the server
answers them, for a bounded time. Every request must answer without a 5xx,
and the bookmarks stored must be what the answered requests imply.
"""

import http.cookiejar
import io
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from reader.models import Article, Bookmark, Segment
from tests.factory import PASSWORD, SEED_FILE, make_learner

pytestmark = pytest.mark.django_db(transaction=True)

LEARNERS = 16
SECONDS = 12  # the teacher's work takes about this long; learners stop when it is done
# The teacher's edits touch these pairs (the photo caption and credit, and the
# paragraph the re-import rewrites); learners bookmark the other sentences.
TOUCHED = {6, 7, 10}


class Browser:
    """One person's cookies and requests against the live server."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def login(self, username: str) -> None:
        page = self.opener.open(self.base + "/accounts/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        self.post("/accounts/login/", {"username": username, "password": PASSWORD}, token)

    def csrf_cookie(self) -> str:
        """The CSRF cookie's value, which the page's script sends back as a header."""
        return [cookie.value for cookie in self.jar if cookie.name == "csrftoken"][-1]

    def post(self, path: str, data: dict, token: str | None = None, htmx: bool = False):
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(data).encode(),
            headers={"X-CSRFToken": token or self.csrf_cookie(), "Referer": self.base + path}
            | ({"HX-Request": "true"} if htmx else {}),
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.read().decode()


def test_teachers_work_and_learners_bookmarks_hold_together(live_server, tmp_path):
    seed = tmp_path / "milley-tin-cup.txt"
    seed.write_bytes(SEED_FILE.read_bytes())
    call_command("import_articles", str(seed), stdout=io.StringIO())
    article = Article.objects.get()
    teacher = get_user_model().objects.create_superuser("wang", password=PASSWORD)
    learners = [make_learner(f"learner-{n}") for n in range(LEARNERS)]
    texts = [
        s.zh
        for s in Segment.objects.filter(pair__article=article).exclude(zh="")
        if s.pair.position not in TOUCHED
    ]

    statuses: Counter = Counter()
    wanted: dict[tuple[str, str], bool] = {}  # (learner, sentence) → the state last answered
    lock = threading.Lock()
    done = threading.Event()

    def learner_loop(user, seed_number):
        rng = random.Random(seed_number)
        browser = Browser(live_server.url)
        browser.login(user.username)
        ids = _segment_ids(browser.get(article.get_absolute_url()), texts)
        while not done.is_set():
            text = rng.choice(texts)
            want = rng.random() < 0.6
            status, body = browser.post(
                f"/segments/{ids[text]}/bookmark/", {"want": "on" if want else "off"}, htmx=True
            )
            with lock:
                statuses[status] += 1
                if status in (200, 409):
                    wanted[(user.username, text)] = want
            if status == 409:  # the sentence was re-aligned: read the page again, as it reloads
                ids = _segment_ids(browser.get(article.get_absolute_url()), texts)

    threads = [
        threading.Thread(target=learner_loop, args=(user, n), daemon=True)
        for n, user in enumerate(learners)
    ]
    for thread in threads:
        thread.start()

    # The teacher, meanwhile: moves the photo credit up and back, then re-imports a
    # changed file (one paragraph rewritten), twice each, through the real paths.
    admin = Browser(live_server.url)
    admin.login(teacher.username)
    alignment = f"/admin/reader/article/{article.pk}/alignment/"
    teacher_statuses: Counter = Counter()
    started = time.monotonic()
    lines = SEED_FILE.read_text(encoding="utf-8").splitlines()
    for round_number in range(2):
        for action, position in (("move_previous", 7), ("move_next", 6)):
            page = admin.get(alignment)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
            version = re.search(r'name="version" value="([^"]+)"', page)[1]
            status, body = admin.post(
                alignment,
                {"action": action, "position": position, "side": "zh", "version": version},
                token,
            )
            # Redirected back to the alignment page, which says how the change went.
            teacher_statuses[status, "re-aligned, bookmarks kept" in body] += 1
        lines[10] = f"这一段在第{round_number + 1}次导入时被改写了，和原来的句子没有共同之处。"
        seed.write_text("\n".join(lines) + "\n", encoding="utf-8")
        call_command("import_articles", str(seed), stdout=io.StringIO())
    while time.monotonic() - started < SECONDS:
        time.sleep(0.2)  # learners go on a little after the last edit
    done.set()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a learner's request never ended"

    assert teacher_statuses == {(200, True): 4}, teacher_statuses  # every edit made, none refused
    assert sum(statuses.values()) >= 10 * LEARNERS, statuses
    assert not [status for status in statuses if status >= 500], statuses
    assert set(statuses) <= {200, 409}, statuses
    stored = {
        (username, zh)
        for username, zh in Bookmark.objects.filter(segment__isnull=False).values_list(
            "user__username", "segment__zh"
        )
    }
    implied = {key for key, on in wanted.items() if on}
    assert stored == implied
    assert Segment.objects.filter(pair__article=article, zh__contains="第2次导入").exists()


def _segment_ids(page: str, texts: list[str]) -> dict[str, int]:
    """The ids of the sentences the page shows, by their Chinese (ruby markup removed)."""
    ids = {}
    for segment_id, inner in re.findall(
        r'<span class="seg[^"]*" id="seg-(\d+)-zh"[^>]*>(.*?)</span><a class="bm"', page
    ):
        text = re.sub(r"<rt>.*?</rt>|<[^>]+>", "", inner)
        text = text.replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&")
        ids[text] = int(segment_id)
    missing = [text for text in texts if text not in ids]
    assert not missing, missing[:2]
    return ids
