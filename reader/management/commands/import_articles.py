"""Import articles in the seed format: ``manage.py import_articles seeds/ more/article.txt``.

Each file becomes one article whose slug is the file name without its
extension. Importing the same file again changes nothing (its SHA-256 is
kept with the article); importing a changed file replaces the article's
text and alignment, moving learners' bookmarks with their sentences, but
keeps a teacher's choice of published or draft, and titles the file lacks.

Each file is one background job (``reader.models.Job``): run here, one
after the other, or with ``--queue`` handed to the task worker. The work is
done outside any transaction and written in one short transaction at its
end, so learners reading meanwhile never wait for an import. A bad file is
reported with the reason and skipped, the others still import, and the
command then exits non-zero.
"""

import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.text import slugify

from reader import services
from reader.models import Article, Job, Segment
from reader.text.align import AlignmentError
from reader.text.parse import (
    MAX_BYTES,
    MAX_PARAGRAPHS,
    SeedFormatError,
    check_limits,
    check_size,
    mismatch,
    parse_bytes,
)

SEED_SUFFIXES = {".txt"}


def seed_files(paths: list[str]) -> list[Path]:
    """The files named, and the seed files directly inside the folders named, in order."""
    files = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in SEED_SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"{name}: no such file or folder")
    return files


class Command(BaseCommand):
    help = "Import articles from seed-format files or folders of them (*.txt)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders to import")
        parser.add_argument("--draft", action="store_true", help="import as unpublished drafts")
        parser.add_argument(
            "--dry-run", action="store_true", help="parse and align, but save nothing"
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="hand the imports to the background worker instead of running them here",
        )
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=MAX_BYTES,
            help=f"largest file taken, in bytes (default {MAX_BYTES:,}, as in the admin)",
        )
        parser.add_argument(
            "--max-paragraphs",
            type=int,
            default=MAX_PARAGRAPHS,
            help=f"most paragraphs a side (default {MAX_PARAGRAPHS:,}, as in the admin)",
        )
        parser.add_argument(
            "--confirm-mismatch",
            action="store_true",
            help="import files whose two sides look too different to be one article",
        )

    def handle(self, *args, paths, **options):
        failures = 0
        for path in seed_files(paths):
            try:
                line = self.import_file(path, **options)
            except (OSError, SeedFormatError, AlignmentError, DatabaseError) as error:
                failures += 1
                self.stderr.write(self.style.ERROR(f"{path}: not imported: {error}"))
            else:
                self.stdout.write(self.style.SUCCESS(line))
        if failures:
            raise CommandError(f"{failures} file(s) could not be imported")

    def import_file(self, path: Path, *, draft, dry_run, queue, **options) -> str:
        slug = slugify(path.stem)
        if not slug:
            raise SeedFormatError("the file name gives no usable slug")
        data = path.read_bytes()
        check_size(len(data), options["max_bytes"])
        digest = hashlib.sha256(data).hexdigest()
        same = Article.objects.with_counts().filter(slug=slug, source_hash=digest).first()
        if same is not None:
            segments = Segment.objects.filter(pair__article=same).count()
            return (
                f"{slug}: {same.pair_count} pairs, {segments} segments, "
                f"{same.unmatched_count} unmatched (unchanged)"
            )
        parsed = parse_bytes(data)
        check_limits(parsed, options["max_paragraphs"])
        warning = mismatch(parsed)
        if warning and not options["confirm_mismatch"]:
            raise SeedFormatError(f"{warning} (--confirm-mismatch imports it anyway)")
        exists = Article.objects.filter(slug=slug).exists()
        if dry_run:
            result = services.preview_import(parsed)
            verb = "would be " + ("updated" if exists else "created")
            return self.figures(slug, result.pairs, result.segments, result.unmatched, verb)
        job = services.queue_import(
            parsed=parsed,
            slug=slug,
            published=False if draft else None,
            source_hash=digest,
            enqueue=queue,
        )
        if queue:
            return f"{slug}: queued as job {job.pk}"
        job = services.run_job(job.pk)
        if job.status == Job.Status.FAILED:
            raise SeedFormatError(job.error)
        unmatched = (
            job.article.pairs.filter(zh="").count() + job.article.pairs.filter(en="").count()
        )
        verb = "updated" if exists else "created"
        return self.figures(slug, job.pairs, job.segments_done, unmatched, verb)

    @staticmethod
    def figures(slug: str, pairs: int, segments: int, unmatched: int, verb: str) -> str:
        return f"{slug}: {pairs} pairs, {segments} segments, {unmatched} unmatched ({verb})"
