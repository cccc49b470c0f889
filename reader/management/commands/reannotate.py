"""Annotate saved articles again after a change of reading settings or of the text layer.

``manage.py reannotate`` redoes pinyin, HSK levels and word links of every
segment (or of the articles named by slug) without re-aligning anything,
so bookmarks stay exactly where they are. Each article is one background
job, run here one after the other or, with ``--queue``, by the worker; the
work is done outside any transaction and written at its end.
"""

from django.core.management.base import BaseCommand, CommandError

from reader import services
from reader.models import Article, Job, Segment


class Command(BaseCommand):
    help = "Recompute the annotation (pinyin, levels, word links) of saved segments."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="articles to redo (default: all)")
        parser.add_argument("--dry-run", action="store_true", help="count, but save nothing")
        parser.add_argument(
            "--queue", action="store_true", help="hand the work to the background worker"
        )

    def handle(self, *args, slugs, dry_run, queue, **options):
        articles = Article.objects.order_by("slug")
        if slugs:
            articles = articles.filter(slug__in=slugs)
            missing = set(slugs) - set(articles.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"no article with slug {', '.join(sorted(missing))}")
        failures = 0
        for article in articles:
            if dry_run:
                count = Segment.objects.filter(pair__article=article).count()
                self.stdout.write(self.style.SUCCESS(f"{article.slug}: {count} segments (dry run)"))
                continue
            job = services.queue_job(kind=Job.Kind.REANNOTATE, article=article, enqueue=queue)
            if queue:
                self.stdout.write(self.style.SUCCESS(f"{article.slug}: queued as job {job.pk}"))
                continue
            job = services.run_job(job.pk)
            if job.status == Job.Status.FAILED:
                failures += 1
                self.stderr.write(self.style.ERROR(f"{article.slug}: {job.error}"))
            else:
                self.stdout.write(
                    self.style.SUCCESS(f"{article.slug}: {job.segments_done} segments")
                )
        if failures:
            raise CommandError(f"{failures} article(s) could not be annotated")
