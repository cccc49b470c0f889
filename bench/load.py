"""Teachers' work while learners bookmark: the scenario of tests/test_load.py and make bench.

A teacher moves the photo credit of the seed article up a pair and back
through the alignment page, and re-imports a changed file, ``rounds``
times each, while ``learners`` learners toggle bookmarks as fast as the
server answers. ``run`` drives it over HTTP against any server (Django's
live server in the suite, gunicorn in make bench) and returns what
happened: the learners' answers by status, the teacher's edits, and the
bookmarks stored against those the answered requests imply.
"""

from __future__ import annotations

import http.cookiejar
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field

# The pairs the teacher's edits touch (the photo caption and credit, and the
# paragraph a re-import rewrites); learners bookmark the other sentences.
TOUCHED = {6, 7, 10}


class Browser:
    """One person's cookies and requests."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf_cookie(self) -> str:
        """The CSRF cookie's value, which the page's script sends back as a header."""
        return [cookie.value for cookie in self.jar if cookie.name == "csrftoken"][-1]

    def login(self, username: str, password: str) -> None:
        page = self.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        self.post("/accounts/login/", {"username": username, "password": password}, token)

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=120) as response:
            return response.read().decode()

    def post(self, path: str, data: dict, token: str | None = None, htmx: bool = False):
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(data).encode(),
            headers={"X-CSRFToken": token or self.csrf_cookie(), "Referer": self.base + path}
            | ({"HX-Request": "true"} if htmx else {}),
        )
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


@dataclass
class Outcome:
    statuses: Counter = field(default_factory=Counter)  # learners' answers
    teacher: Counter = field(default_factory=Counter)  # (status, made) of each edit
    wanted: dict = field(default_factory=dict)  # (learner, sentence) → last answered wish
    seconds: float = 0.0
    latencies: list = field(default_factory=list)

    def implied(self) -> set[tuple[str, str]]:
        return {key for key, on in self.wanted.items() if on}


def segment_ids(page: str) -> dict[str, int]:
    """The ids of the sentences a reader page shows, by their Chinese (ruby removed)."""
    ids = {}
    for segment_id, inner in re.findall(
        r'<span class="seg[^"]*" id="seg-(\d+)-zh"[^>]*>(.*?)</span>(?:&#8288;)?<a class="bm"', page
    ):
        text = re.sub(r"<rt>.*?</rt>|<[^>]+>", "", inner)
        text = text.replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&")
        ids[text] = int(segment_id)
    return ids


def run(
    *,
    base: str,
    article_id: int,
    article_url: str,
    texts: list[str],
    teacher: str,
    learners: list[str],
    password: str,
    reimport,
    seed_lines: list[str],
    rounds: int = 2,
    seconds: float = 12.0,
) -> Outcome:
    """Run the scenario; ``reimport(lines)`` imports the changed file (as a command would)."""
    outcome = Outcome()
    lock = threading.Lock()
    done = threading.Event()

    def learner_loop(username: str, number: int) -> None:
        rng = random.Random(number)
        browser = Browser(base)
        browser.login(username, password)
        ids = segment_ids(browser.get(article_url))
        while not done.is_set():
            text = rng.choice(texts)
            want = rng.random() < 0.6
            started = time.perf_counter()
            status, _ = browser.post(
                f"/segments/{ids[text]}/bookmark/", {"want": "on" if want else "off"}, htmx=True
            )
            with lock:
                outcome.latencies.append(time.perf_counter() - started)
                outcome.statuses[status] += 1
                if status in (200, 409):
                    outcome.wanted[(username, text)] = want
            if status == 409:  # re-aligned meanwhile: read the page again, as it reloads
                ids = segment_ids(browser.get(article_url))

    threads = [
        threading.Thread(target=learner_loop, args=(name, n), daemon=True)
        for n, name in enumerate(learners)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    admin = Browser(base)
    admin.login(teacher, password)
    alignment = f"/admin/reader/article/{article_id}/alignment/"
    lines = list(seed_lines)
    for round_number in range(rounds):
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
            outcome.teacher[status, "re-aligned, bookmarks kept" in body] += 1
        lines[10] = f"这一段在第{round_number + 1}次导入时被改写了，和原来的句子没有共同之处。"
        reimport(lines)
    while time.monotonic() - started < seconds:
        time.sleep(0.2)  # learners go on a little after the last edit
    done.set()
    for thread in threads:
        thread.join(timeout=120)
    outcome.seconds = time.monotonic() - started
    if any(thread.is_alive() for thread in threads):
        outcome.statuses["no answer"] += 1
    return outcome
