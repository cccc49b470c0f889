#!/bin/sh
# The last step of `make run`: the background worker (imports, re-alignments) beside
# the development server at http://127.0.0.1:8000/. Ctrl-C stops both.
set -eu
PY=${PY:-.venv/bin/python}
"$PY" manage.py db_worker --no-reload --no-startup-delay --verbosity 0 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
"$PY" manage.py runserver 127.0.0.1:8000
