"""What the benchmarks share: time per 1,000 characters, best of a few runs."""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def ms_per_thousand_chars(texts: list[str], run, *, before=lambda: None, repeat: int = 3) -> float:
    """Milliseconds per 1,000 characters to ``run`` each text, best of ``repeat``.

    ``before`` runs ahead of every round (to clear a cache, so that each round
    does the whole work).
    """
    chars = sum(len(text) for text in texts)
    best = float("inf")
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        for text in texts:
            run(text)
        best = min(best, time.perf_counter() - start)
    return best * 1000 / chars * 1000


def run_in_fresh_database(script: str, name: str) -> None:
    """Run ``script --child`` against a new, migrated SQLite database of its own, with the
    test settings (plain static files) and DEBUG off, as production would serve."""
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory(prefix=f"duizhao-{name}-") as tmp:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))},
            "DJANGO_SETTINGS_MODULE": "config.settings_test",
            "DATABASE_URL": f"sqlite:///{tmp}/{name}.sqlite3",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-" + "k" * 60,
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "DJANGO_SESSION_COOKIE_SECURE": "0",
            "DJANGO_CSRF_COOKIE_SECURE": "0",
            "DJANGO_LOG_LEVEL": "ERROR",
        }
        run = {"env": env, "cwd": root, "check": True}
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"], capture_output=True, **run
        )
        subprocess.run([sys.executable, script, "--child"], **run)
