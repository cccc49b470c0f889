"""Import articles in the seed format: ``manage.py import_articles seeds/ more/article.txt``.

Each file becomes one article whose slug is the file name without its
extension. Importing the same file again changes nothing (its SHA-256 is
kept with the article); importing a changed file replaces the article's
text and alignment, moving learners' bookmarks with their sentences, but
keeps a teacher's choice of published or draft, and titles the file lacks.
A bad file is reported with the reason and skipped, and the command then
exits non-zero.
"""

import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from reader import services
from reader.models import Article, Segment
from reader.text.align import AlignmentError
from reader.text.parse import SeedFormatError, parse_bytes

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

    def handle(self, *args, paths, draft, dry_run, **options):
        failures = 0
        for path in seed_files(paths):
            try:
                line = self.import_file(path, published=False if draft else None, dry_run=dry_run)
            except (OSError, SeedFormatError, AlignmentError) as error:
                failures += 1
                self.stderr.write(self.style.ERROR(f"{path}: not imported: {error}"))
            else:
                self.stdout.write(self.style.SUCCESS(line))
        if failures:
            raise CommandError(f"{failures} file(s) could not be imported")

    def import_file(self, path: Path, *, published: bool | None, dry_run: bool) -> str:
        slug = slugify(path.stem)
        if not slug:
            raise SeedFormatError("the file name gives no usable slug")
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        same = Article.objects.with_counts().filter(slug=slug, source_hash=digest).first()
        if same is not None:
            segments = Segment.objects.filter(pair__article=same).count()
            return (
                f"{slug}: {same.pair_count} pairs, {segments} segments, "
                f"{same.unmatched_count} unmatched (unchanged)"
            )
        parsed = parse_bytes(data)
        with transaction.atomic():
            result = services.import_parsed(
                parsed=parsed, slug=slug, published=published, source_hash=digest
            )
            # A dry run does every step, then throws the writes away, so
            # that its figures are exactly those a real run would save.
            transaction.set_rollback(dry_run)
        verb = "would be " if dry_run else ""
        verb += "created" if result.created else "updated"
        return (
            f"{slug}: {result.pairs} pairs, {result.segments} segments, "
            f"{result.unmatched} unmatched ({verb})"
        )
