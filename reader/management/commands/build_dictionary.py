"""Build the CC-CEDICT index ahead of the first request: ``manage.py build_dictionary``.

Lookups build it on first use anyway; running this at deploy time (and in
``make run``) keeps that second or two off a learner's first pop-up. It is
idempotent: an index that exists for the installed CC-CEDICT is kept.
"""

from django.core.management.base import BaseCommand

from reader.text import dictionary


class Command(BaseCommand):
    help = "Build the CC-CEDICT index file if it is not there yet."

    def handle(self, *args, **options):
        path = dictionary.ensure_index()
        self.stdout.write(self.style.SUCCESS(f"dictionary index ready: {path}"))
