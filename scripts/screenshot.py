"""Take the README's screenshot of the reader from the running app.

    python scripts/screenshot.py docs/reader.png

Starts the development server on a throw-away SQLite database holding the
seed article, opens the article in Debian's Chromium, points at a word of
the second sentence so that the highlights and the dictionary pop-up show,
and saves a PNG.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.chromium import launch  # noqa: E402  (the tests' own Chromium set-up)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urlopen(url):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def main(out: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/screenshot.sqlite3"}
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)
        subprocess.run([*manage, "build_dictionary"], env=env, check=True)
        subprocess.run([*manage, "import_articles", str(ROOT / "seeds")], env=env, check=True)
        port = free_port()
        server = subprocess.Popen(
            [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}/articles/milley-tin-cup/"
            wait_for(url)
            with sync_playwright() as playwright:
                browser = launch(playwright)
                page = browser.new_page(viewport={"width": 1280, "height": 860})
                page.goto(url)
                # Point at a word of the second sentence: the sentence and its English
                # light up, the word's English too, and its dictionary entry opens.
                words = page.locator(".side--zh .seg").nth(1).locator(".w[data-l]")
                longest = max(
                    range(words.count()), key=lambda i: words.nth(i).locator("ruby").count()
                )
                words.nth(longest).hover()
                page.wait_for_selector("#gloss:not([hidden])")
                page.screenshot(path=out)
                browser.close()
        finally:
            server.terminate()
            server.wait()
    print(f"saved {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/reader.png")
