"""Web benchmarks: the app under gunicorn, measured with wrk from Debian's packages.

    python bench/web.py            (part of: make bench)

Starts gunicorn (2 workers, DEBUG off, production settings but plain HTTP)
on 127.0.0.1 with a fresh SQLite database holding the seed article and a
generated 300-pair article, then measures, side by side in one run:

- throughput and latency of the seed page (for a visitor and for a learner
  with 5,000 known words), the long page and a gloss fragment, each as a
  ratio to whitenoise serving a static file of the seed page's size, the
  two measured by turns (static, page, page, static; 10 s each at 16
  connections) so that the machine's other load weighs on both alike;
- the gloss fragment's latency on one connection, cycling through the
  words of the articles (the pop-up's own speed, not a queue's);
- each worker's resident memory with everything warm;
- a soak: 60 s at 32 connections of learners reading pages, looking up
  words and toggling bookmarks, then the bookmarks in the database against
  what the successful toggles imply;
- teachers' work under load (bench/load.py, as tests/test_load.py runs
  it): a teacher moves pairs through the alignment page and re-imports a
  changed file while 16 learners toggle bookmarks; every answer's status,
  the teacher's edits, and the bookmarks stored against those implied.

Targets are printed beside the figures; nothing here asserts: timings on a
shared machine belong in a benchmark, not in the test suite.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

if __package__ is None and str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run alone: bench.load

from bench import load  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "20"))
SOAK_SECONDS = int(os.environ.get("BENCH_SOAK_SECONDS", "60"))
LONG_PAIRS = 300
LEARNERS = 32
LOAD_LEARNERS = 16  # learners bookmarking while the teacher works
CSRF_SECRET = "b" * 32  # a valid CSRF cookie; the header repeats it

SETUP = r"""
import json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from bench.load import TOUCHED
from reader.models import Article, Segment

learners = int(sys.argv[1])
sessions = []
User = get_user_model()
for n in range(learners):
    user = User.objects.create_user(f"bench-{n}", password="bench-pass-" + "x" * 20)
    store = SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    store["_auth_user_hash"] = user.get_session_auth_hash()
    store.create()
    sessions.append(store.session_key)
seed = Article.objects.get(slug="milley-tin-cup")
long = Article.objects.get(slug="bench-long-article")
segments = list(
    Segment.objects.filter(pair__article=seed).exclude(zh="").values_list("pk", flat=True)
)
words = []
for segment in Segment.objects.filter(pair__article__in=[seed, long]):
    for token in segment.annotated.zh:
        if token.syllables and token.text + "|" + token.reading not in words:
            words.append(token.text + "|" + token.reading)
# A learner with 5,000 known and 500 learning words (issue 13: the page stays cached).
from reader.models import WordStatus
from reader.text import levels
reader = User.objects.create_user("bench-reader", password="bench-pass-" + "x" * 20)
graded = levels.graded_words()
seed_words = [t.text for s in Segment.objects.filter(pair__article=seed) for t in s.annotated.zh
              if t.syllables and t.text not in graded]
learning = list(dict.fromkeys(seed_words))[:100] + graded[5000:5400]
WordStatus.objects.bulk_create(
    [WordStatus(user=reader, word=w, status="known") for w in graded[:5000]]
    + [WordStatus(user=reader, word=w, status="learning") for w in learning[:500]]
)
store = SessionStore()
store["_auth_user_id"] = str(reader.pk)
store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
store["_auth_user_hash"] = reader.get_session_auth_hash()
store.create()
reader_session = store.session_key
client = Client(HTTP_HOST="127.0.0.1")
size = len(client.get(seed.get_absolute_url()).content)
User.objects.create_superuser("bench-teacher", password="bench-pass-" + "x" * 20)
for n in range(int(sys.argv[2])):  # the learners of the teachers' scenario, who log in
    User.objects.create_user(f"load-{n}", password="bench-pass-" + "x" * 20)
texts = [
    s.zh for s in Segment.objects.filter(pair__article=seed).exclude(zh="")
    if s.pair.position not in TOUCHED
]
print(json.dumps({
    "sessions": sessions, "seed_id": seed.pk, "texts": texts,
    "segments": segments, "words": words[:600],
    "seed": seed.get_absolute_url(), "long": long.get_absolute_url(), "seed_size": size,
    "reader_session": reader_session,
}))
"""

COUNT = r"""
import json, django
django.setup()
from reader.models import Bookmark
print(json.dumps(sorted(
    f"{user.removeprefix('bench-')}:{segment}"
    for user, segment in Bookmark.objects.values_list("user__username", "segment_id")
)))
"""

BOOKMARKED = (
    "from reader.models import Bookmark\n"
    "for user, zh in Bookmark.objects.filter(segment__isnull=False)"
    ".values_list('user__username', 'segment__zh'): print(user + '\\t' + zh)"
)

GLOSS_LUA = """
local words = {%s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", words[(n %% #words) + 1])
end
"""

SOAK_LUA = r"""
local sessions = {%(sessions)s}
local segments = {%(segments)s}
local words = {%(words)s}
local pages = {"%(seed)s", "%(long)s", "/"}
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  me = sessions[(id %% #sessions) + 1]
  cookie = "sessionid=" .. me .. "; csrftoken=%(csrf)s"
  n = 0
  ok, bad, toggles = 0, 0, 0
  state = {}
  last = nil
  pending = ""
end

function request()
  n = n + 1
  local roll = (n * 7 + id) %% 20
  local headers = {Cookie = cookie}
  if roll < 3 then
    last = segments[((n + id * 3) %% #segments) + 1]
    pending = tostring(last)
    headers["X-CSRFToken"] = "%(csrf)s"
    headers["HX-Request"] = "true"
    return wrk.format("POST", "/segments/" .. last .. "/bookmark/", headers, "")
  end
  last = nil
  if roll < 8 then
    return wrk.format("GET", words[((n + id) %% #words) + 1], headers)
  end
  return wrk.format("GET", pages[(n %% #pages) + 1], headers)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else bad = bad + 1 end
  pending = ""
  if last ~= nil and status == 200 then
    toggles = toggles + 1
    state[last] = string.find(body, 'aria-pressed="true"', 1, true) ~= nil
  end
end

function done(summary, latency, requests)
  local on, open, total_ok, total_bad, total_toggles = {}, {}, 0, 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_bad = total_bad + thread:get("bad")
    total_toggles = total_toggles + thread:get("toggles")
    local user = thread:get("id") %% #sessions
    for segment, pressed in pairs(thread:get("state")) do
      if pressed then table.insert(on, user .. ":" .. segment) end
    end
    -- A toggle sent when time ran out may or may not have been made.
    if thread:get("pending") ~= "" then table.insert(open, user .. ":" .. thread:get("pending")) end
  end
  io.write("SOAK ", total_ok, " ", total_bad, " ", total_toggles, "\n")
  io.write("ON ", table.concat(on, ","), "\n")
  io.write("OPEN ", table.concat(open, ","), "\n")
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_wrk() -> str:
    path = shutil.which("wrk")
    if path:
        return path
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "update", "-q"], check=True, capture_output=True)
    subprocess.run(
        [*sudo, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q", "wrk"],
        check=True,
        capture_output=True,
    )
    return shutil.which("wrk") or "wrk"


def long_article(path: Path) -> None:
    """A seed-format file of 300 paragraph pairs, from the project's own test articles."""
    pairs = []
    while len(pairs) < LONG_PAIRS:
        for source in sorted((ROOT / "tests" / "data" / "align").glob("*.json")):
            data = json.loads(source.read_text(encoding="utf-8"))
            for zh, en in data["gold"]:
                if len(zh) == 1 and len(en) == 1 and len(pairs) < LONG_PAIRS:
                    pairs.append((data["zh"][zh[0]], data["en"][en[0]]))
    lines = [
        "一篇很长的文章",
        *[zh for zh, _ in pairs],
        "A very long article",
        *[en for _, en in pairs],
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def wrk(
    binary: str,
    url: str,
    *,
    connections: int,
    seconds: int,
    script: Path | None = None,
    cookie: str = "",
):
    threads = min(connections, 2) if script is None or "soak" not in script.name else connections
    command = [binary, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return out, parse_wrk(out)


def _ms(out: str, percentile: str) -> float:
    """A latency percentile from wrk's distribution, in milliseconds (nan when absent)."""
    found = re.search(rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\b", out, re.MULTILINE)
    if not found:
        return float("nan")
    return float(found[1]) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[found[2]]


def parse_wrk(out: str) -> dict:
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "p50": _ms(out, "50"),
        "p99": _ms(out, "99"),
        "requests": int(re.search(r"(\d+) requests in", out)[1]),
        "non_2xx": int(non_2xx[1]) if non_2xx else 0,
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
    }


def merged(windows: list[dict]) -> dict:
    """wrk's figures of several windows of the same target as one: the mean throughput,
    the mean median, the worst p99, every failure."""
    return {
        "rps": sum(f["rps"] for f in windows) / len(windows),
        "p50": sum(f["p50"] for f in windows) / len(windows),
        "p99": max(f["p99"] for f in windows),
        "requests": sum(f["requests"] for f in windows),
        "non_2xx": sum(f["non_2xx"] for f in windows),
        "socket_errors": sum(f["socket_errors"] for f in windows),
    }


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()]


def lua_strings(values) -> str:
    return ", ".join(json.dumps(v, ensure_ascii=True) for v in values)


def teachers_under_load(base: str, facts: dict, tmp: Path, run) -> dict:
    """The load scenario of tests/test_load.py against gunicorn, with the command re-importing."""
    seed = tmp / "milley-tin-cup.txt"
    lines = (ROOT / "seeds" / seed.name).read_text(encoding="utf-8").splitlines()

    def reimport(changed: list[str]) -> None:
        seed.write_text("\n".join(changed) + "\n", encoding="utf-8")
        run("import_articles", str(seed))

    print(
        f"\nteachers' work: 2 rounds of moves and a re-import while {LOAD_LEARNERS} "
        "learners bookmark …"
    )
    outcome = load.run(
        base=base,
        article_id=facts["seed_id"],
        article_url=facts["seed"],
        texts=facts["texts"],
        teacher="bench-teacher",
        learners=[f"load-{n}" for n in range(LOAD_LEARNERS)],
        password="bench-pass-" + "x" * 20,
        reimport=reimport,
        seed_lines=lines,
    )
    stored = set(
        tuple(item.split("\t"))
        for item in run("shell", "-c", BOOKMARKED).stdout.splitlines()
        if item.startswith("load-")
    )
    consistent = stored == outcome.implied()
    errors = sum(
        n for status, n in outcome.statuses.items() if not isinstance(status, int) or status >= 500
    )
    latencies = sorted(outcome.latencies)
    p50 = latencies[len(latencies) // 2] * 1000 if latencies else 0.0
    p99 = latencies[int(len(latencies) * 0.99)] * 1000 if latencies else 0.0
    made = outcome.teacher.get((200, True), 0)
    statuses = ", ".join(
        f"{status}: {n}" for status, n in sorted(outcome.statuses.items(), key=str)
    )
    print(
        f"{sum(outcome.statuses.values())} bookmark toggles in {outcome.seconds:.0f} s "
        f"(median {p50:.1f} ms, p99 {p99:.1f} ms; {statuses}); teacher's edits made {made} of 4; "
        f"5xx or no answer: {errors} ({'ok' if errors == 0 else 'MISSED'}); bookmarks stored "
        f"{len(stored)}, implied {len(outcome.implied())}: "
        f"{'consistent' if consistent else 'INCONSISTENT'}"
    )
    return {
        "statuses": {str(k): v for k, v in outcome.statuses.items()},
        "teacher_edits": made,
        "p50_ms": p50,
        "p99_ms": p99,
        "consistent": consistent,
    }


def main() -> dict:
    wrk_binary = ensure_wrk()
    tmp = Path(tempfile.mkdtemp(prefix="duizhao-bench-"))
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-" + "k" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
        "DJANGO_STATIC_ROOT": str(tmp / "static"),
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "DJANGO_SESSION_COOKIE_SECURE": "0",
        "DJANGO_CSRF_COOKIE_SECURE": "0",
        "DJANGO_LOG_LEVEL": "ERROR",
        # The soak toggles bookmarks as 32 learners at once; no log-in is throttled.
        "DJANGO_LOGIN_FAILURE_LIMIT": "1000",
    }
    manage = [PY, str(ROOT / "manage.py")]

    def run(*args, **kwargs):
        return subprocess.run(
            [*manage, *args],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
            **kwargs,
        )

    print("setting up: migrate, collectstatic, dictionary, seed and a 300-pair article …")
    run("migrate", "--noinput")
    run("collectstatic", "--noinput")
    run("build_dictionary")
    long_file = tmp / "bench-long-article.txt"
    long_article(long_file)
    run("import_articles", str(ROOT / "seeds"), str(long_file))

    def django_json(code: str, *args: str):
        """Run a snippet of Django code against the bench database; return what it prints."""
        out = subprocess.run(
            [PY, "-c", code, *args], env=env, cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout
        return json.loads(out)

    facts = django_json(SETUP, str(LEARNERS), str(LOAD_LEARNERS))
    static_name = "bench/seed-size.html"
    static_file = tmp / "static" / static_name
    static_file.parent.mkdir(parents=True, exist_ok=True)
    static_file.write_bytes(b"x" * facts["seed_size"])

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    results: dict = {}
    try:
        for _ in range(100):
            try:
                urlopen(base + "/").read()
                break
            except OSError:
                time.sleep(0.2)
        word, reading = facts["words"][0].split("|")
        gloss_url = f"/gloss/{word}/?py={reading}"
        gloss_urls = []
        for item in facts["words"]:
            w, r = item.split("|")
            gloss_urls.append(f"/gloss/{w}/?py={r}")
        from urllib.parse import quote

        gloss_urls = [quote(u, safe="/?=") for u in gloss_urls]
        targets = {
            "static file": f"/static/{static_name}",
            "seed page": facts["seed"],
            "seed, learner": facts["seed"],
            "long page": facts["long"],
            "gloss fragment": quote(gloss_url, safe="/?="),
        }
        for _ in range(3):  # warm every worker: caches, dictionary, templates
            for path in [*targets.values(), *gloss_urls[:50]]:
                urlopen(base + path).read()

        print(
            f"\nload: 16 connections, 2 gunicorn workers; each page side by side with the "
            f"static file (static, page, page, static: {LOAD_SECONDS // 2} s each), so that "
            "the machine's other load weighs on both alike; the long page is its first part, "
            "as a reader gets it (the rest arrives as they scroll)"
        )
        # Readers who have been here before, as a class is: their browser sends the
        # CSRF cookie it was given (the static file gets it too).
        cookie = f"csrftoken={CSRF_SECRET}"
        static_path = targets.pop("static file")
        statics = []
        for name, path in targets.items():
            page_cookie = cookie + (
                f"; sessionid={facts['reader_session']}" if name == "seed, learner" else ""
            )
            windows = {"static": [], "page": []}
            for which in ("static", "page", "page", "static"):
                url, sent = (static_path, cookie) if which == "static" else (path, page_cookie)
                _, figures = wrk(
                    wrk_binary, base + url, connections=16, seconds=LOAD_SECONDS // 2, cookie=sent
                )
                windows[which].append(figures)
            statics += windows["static"]
            results[name] = {
                **merged(windows["page"]),
                "static_rps": merged(windows["static"])["rps"],
            }
        static = merged(statics)
        results = {"static file": {**static, "static_rps": static["rps"]}, **results}
        print(
            f"{'':16} {'req/s':>9} {'median':>9} {'p99':>9} {'non-2xx':>8} {'static':>8} "
            f"{'vs static':>10}"
        )
        for name, f in results.items():
            print(
                f"{name:16} {f['rps']:9.0f} {f['p50']:7.2f}ms {f['p99']:7.2f}ms "
                f"{f['non_2xx'] + f['socket_errors']:8d} {f['static_rps']:8.0f} "
                f"{f['rps'] / f['static_rps']:10.2f}"
            )
        seed_ratio = results["seed page"]["rps"] / results["seed page"]["static_rps"]
        learner = results["seed, learner"]
        learner_ratio = learner["rps"] / learner["static_rps"]
        long_ratio = results["long page"]["rps"] / results["long page"]["static_rps"]
        bad = sum(f["non_2xx"] + f["socket_errors"] for f in results.values())
        print(
            f"targets: seed page ≥ 0.50 of static: {seed_ratio:.2f} "
            f"{'ok' if seed_ratio >= 0.5 else 'MISSED'}; long page ≥ 0.20: {long_ratio:.2f} "
            f"{'ok' if long_ratio >= 0.2 else 'MISSED'}; responses other than 2xx: {bad} "
            f"{'ok' if bad == 0 else 'MISSED'}"
        )
        print(
            "  seed, learner: logged in with 5,000 known and 500 learning words; target ≥ 0.50 "
            f"of static: {learner_ratio:.2f} {'ok' if learner_ratio >= 0.5 else 'MISSED'}"
        )

        script = tmp / "gloss.lua"
        script.write_text(GLOSS_LUA % lua_strings(gloss_urls), encoding="utf-8")
        _, single = wrk(wrk_binary, base + "/", connections=1, seconds=5, script=script)
        results["gloss, one connection"] = single
        print(
            f"\ngloss fragment alone, {len(gloss_urls)} different words on one connection: "
            f"median {single['p50']:.2f} ms, p99 {single['p99']:.2f} ms "
            f"(target: median < 5 ms: {'ok' if single['p50'] < 5 else 'MISSED'})"
        )
        workers = worker_pids(server.pid)
        memory = [rss_mb(pid) for pid in workers]
        results["worker_rss_mb"] = memory
        print(
            "resident memory of each warm worker: "
            + ", ".join(f"{m:.0f} MB" for m in memory)
            + f" (target: < 150 MB: {'ok' if max(memory) < 150 else 'MISSED'})"
        )

        soak = tmp / "soak.lua"
        soak.write_text(
            SOAK_LUA
            % {
                "sessions": lua_strings(facts["sessions"]),
                "segments": ", ".join(str(s) for s in facts["segments"]),
                "words": lua_strings(gloss_urls),
                "seed": facts["seed"],
                "long": facts["long"],
                "csrf": CSRF_SECRET,
            },
            encoding="utf-8",
        )
        print(f"\nsoak: {SOAK_SECONDS} s at {LEARNERS} connections, one learner each …")
        out, figures = wrk(
            wrk_binary, base + "/", connections=LEARNERS, seconds=SOAK_SECONDS, script=soak
        )
        ok, failed, toggles = (int(n) for n in re.search(r"SOAK (\d+) (\d+) (\d+)", out).groups())
        implied = set(filter(None, re.search(r"^ON (.*)$", out, re.MULTILINE)[1].split(",")))
        in_flight = set(filter(None, re.search(r"^OPEN (.*)$", out, re.MULTILINE)[1].split(",")))
        stored = set(django_json(COUNT))
        # Equal, except that a toggle still in flight when wrk stopped may have landed.
        match = (stored ^ implied) <= in_flight
        results["soak"] = {
            **figures,
            "ok": ok,
            "failed": failed,
            "toggles": toggles,
            "implied": len(implied),
            "stored": len(stored),
            "in_flight": len(in_flight),
            "match": match,
        }
        errors = failed + figures["socket_errors"]
        print(
            f"{ok + failed} requests ({figures['rps']:.0f}/s, median {figures['p50']:.1f} ms, "
            f"p99 {figures['p99']:.1f} ms), {errors} errors "
            f"({'ok' if errors == 0 else 'MISSED'}); {toggles} bookmark toggles answered, "
            f"{len(in_flight)} still in flight at the end; bookmarks stored {len(stored)}, "
            f"implied by the answered toggles {len(implied)}: "
            f"{'consistent' if match else 'INCONSISTENT'}"
        )
        results["teachers"] = teachers_under_load(base, facts, tmp, run)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    return results


if __name__ == "__main__":
    main()
