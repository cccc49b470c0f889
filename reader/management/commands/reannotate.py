"""Annotate saved articles again after a change of reading settings or of the text layer.

``manage.py reannotate`` redoes pinyin, HSK levels and word links of every
segment (or of the articles named by slug) without re-aligning anything,
so bookmarks stay exactly where they are.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from reader import services
from reader.models import Article, Segment


class Command(BaseCommand):
    help = "Recompute the annotation (pinyin, levels, word links) of saved segments."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="articles to redo (default: all)")
        parser.add_argument("--dry-run", action="store_true", help="count, but save nothing")

    def handle(self, *args, slugs, dry_run, **options):
        articles = Article.objects.all()
        if slugs:
            articles = articles.filter(slug__in=slugs)
            missing = set(slugs) - set(articles.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"no article with slug {', '.join(sorted(missing))}")
        for article in articles:
            segments = Segment.objects.filter(pair__article=article)
            with transaction.atomic():
                count = services.reannotate(segments)
                transaction.set_rollback(dry_run)
            note = " (dry run)" if dry_run else ""
            self.stdout.write(self.style.SUCCESS(f"{article.slug}: {count} segments{note}"))
