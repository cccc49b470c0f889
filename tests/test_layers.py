"""Guards for the design: the text layer is plain Python, and a page view carries no NLP."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _python(code: str, **env: str) -> None:
    """Run ``code`` in a fresh interpreter from the project root; it must exit 0."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_the_text_layer_imports_no_django():
    _python(
        "import importlib, pkgutil, sys\n"
        "import reader.text\n"
        "for module in pkgutil.iter_modules(reader.text.__path__):\n"
        "    importlib.import_module('reader.text.' + module.name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not loaded, loaded\n"
        "assert 'reader.text.pipeline' in sys.modules\n"
    )


def test_the_web_side_loads_neither_jieba_nor_pypinyin():
    _python(
        "import sys, django\n"
        "django.setup()\n"
        "import config.urls, reader.admin, reader.pages, reader.services, reader.views\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('jieba', 'pypinyin'))\n"
        "assert not loaded, loaded\n"
        "assert 'reader.views' in sys.modules and 'django.contrib.admin' in sys.modules\n",
        DJANGO_SETTINGS_MODULE="config.settings_test",
    )
