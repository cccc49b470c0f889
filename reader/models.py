"""Articles stored as aligned paragraph pairs, each made of aligned sentence segments.

Everything a page shows is computed when an article is saved (see
``reader.services``); a page view only reads these rows.
"""

import operator
import secrets
from functools import cached_property, reduce

from django.conf import settings
from django.db import connections, models
from django.db.models import Count, F, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone

from .text import search, vocabulary
from .text.annotation import Annotation, ZhToken, zh_tokens_from_json, zh_tokens_to_json
from .text.beads import Bead, split_paragraphs

# Han characters a learner reads in a minute: native readers manage 500 or
# more, learners between HSK 3 and 5 about half that, and an estimate that
# errs long keeps "5 min" honest for the readers the list is for.
LEARNER_CHARS_PER_MINUTE = 250


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def visible_to(self, user):
        """Published articles; drafts too for staff, who preview them before publishing."""
        return self if user.is_staff else self.published()

    def with_counts(self):
        """Annotate each article with its number of pairs and unmatched pairs."""
        return self.annotate(
            pair_count=Count("pairs", distinct=True),
            unmatched_count=Count("pairs", filter=Q(pairs__zh="") | Q(pairs__en=""), distinct=True),
        )

    def search(self, query: str):
        """Articles with every word of ``query`` in a title or the text, in either language.

        A query with no words at all (only quotes or marks) filters nothing.
        """
        terms = search.query_terms(query)
        if not terms:
            return self
        if connections[self.db].vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchVector

            query = SearchQuery(search.tsquery(terms), config="simple", search_type="raw")
            found = ArticleSearch.objects.annotate(
                found=SearchVector("words", config="simple"),
                padded=Concat(Value(" "), "words", Value(" "), output_field=models.TextField()),
            ).filter(found=query)
            for term in terms:  # Chinese typed without spaces: its words in a row
                ways = [Q(padded__contains=f" {phrase} ") for phrase in search.phrases(term)]
                if ways:
                    found = found.filter(reduce(operator.or_, ways))
            return self.filter(pk__in=found.values("article_id"))
        # SQLite: the FTS5 table that mirrors ArticleSearch (migration 0014).
        match = RawSQL(
            "SELECT rowid FROM reader_articlesearch_fts WHERE reader_articlesearch_fts MATCH %s",
            [search.fts5_match(terms)],
        )
        return self.filter(pk__in=match)

    def easiest_first(self):
        """Lowest HSK band first, shortest first within it; ungraded last."""
        return self.order_by(F("hsk_level").asc(nulls_last=True), "zh_chars", "slug")


class Article(models.Model):
    """A Chinese text and its English translation, read side by side."""

    title_en = models.CharField("English title", max_length=300, blank=True)
    title_zh = models.CharField("Chinese title", max_length=300, blank=True)
    slug = models.SlugField(max_length=120, unique=True)
    source = models.CharField(
        max_length=500, blank=True, help_text="Where the text comes from, and its attribution."
    )
    published = models.BooleanField(default=False)
    hsk_level = models.PositiveSmallIntegerField(
        "HSK level", null=True, blank=True, help_text="Graded from the Chinese text on save."
    )
    zh_chars = models.PositiveIntegerField(
        "Chinese characters", default=0, help_text="Han characters in the Chinese text."
    )
    source_hash = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="SHA-256 of the file last imported, so that importing it again changes nothing.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "slug"]

    def __str__(self):
        return self.title_en or self.title_zh or self.slug

    def get_absolute_url(self):
        return reverse("reader:article_read", kwargs={"slug": self.slug})

    @staticmethod
    def part_of(position: int) -> int:
        """The part (from 1) of a long article that holds the pair at ``position``."""
        return position // settings.DUIZHAO_PAIRS_PER_PART + 1

    @property
    def reading_minutes(self) -> int:
        """Minutes a learner takes to read the Chinese, rounded up, at least one."""
        return max(1, -(-self.zh_chars // LEARNER_CHARS_PER_MINUTE))

    def part_url(self, part: int) -> str:
        url = self.get_absolute_url()
        return url if part == 1 else f"{url}?part={part}"


class ArticleSearch(models.Model):
    """The words an article is found by, rewritten whenever its segments are.

    ``reader.services.refresh_search`` writes it; on SQLite, triggers copy it
    into the FTS5 table ``reader_articlesearch_fts`` (migration 0014), and on
    PostgreSQL it is searched with the 'simple' text search configuration.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="search"
    )
    words = models.TextField(
        blank=True, help_text="Titles, Chinese words and English, lowercased and space-separated."
    )

    class Meta:
        ordering = ["article"]

    def __str__(self):
        return f"Search words of article {self.article_id}"


class ParagraphPair(models.Model):
    """One paragraph-level alignment bead: Chinese and English text, either side may be empty."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="pairs")
    position = models.PositiveIntegerField()
    zh = models.TextField("Chinese", blank=True)
    en = models.TextField("English", blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="pair_position_unique_per_article"
            ),
        ]

    def __str__(self):
        return f"Pair {self.position}"

    @property
    def is_unmatched(self):
        return not self.zh or not self.en

    @property
    def zh_paragraphs(self) -> list[str]:
        """The Chinese source paragraphs this pair holds (none when it has no Chinese)."""
        return split_paragraphs(self.zh)

    @property
    def en_paragraphs(self) -> list[str]:
        return split_paragraphs(self.en)

    @property
    def bead(self) -> Bead:
        """The pair as the alignment operations see it: its two lists of paragraphs."""
        return (self.zh_paragraphs, self.en_paragraphs)


class Segment(models.Model):
    """One sentence-level bead inside a pair: the unit that lights up and that learners mark.

    ``annotation`` holds what was computed on save, in the stored form that
    ``reader.text.annotation`` describes; read it as ``annotated``.
    """

    pair = models.ForeignKey(ParagraphPair, on_delete=models.CASCADE, related_name="segments")
    position = models.PositiveIntegerField()
    zh = models.TextField("Chinese", blank=True)
    en = models.TextField("English", blank=True)
    annotation = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["pair", "position"], name="segment_position_unique_per_pair"
            ),
        ]

    def __str__(self):
        return f"Segment {self.position}"

    def get_absolute_url(self):
        """The sentence in its article (in the right part of a long one)."""
        article = self.pair.article
        return f"{article.part_url(Article.part_of(self.pair.position))}#{self.anchor}"

    @cached_property
    def annotated(self) -> Annotation:
        """The words of both sides, their readings and links."""
        return Annotation.from_json(self.annotation)

    @property
    def anchor(self):
        """The id of the segment's element in the reader (its Chinese side when it has one)."""
        return f"seg-{self.pk}-{'zh' if self.zh else 'en'}"


class RetiredSegment(models.Model):
    """A segment a re-alignment replaced, remembered by its id for a while.

    A learner's page may still show it: a bookmark asked for on it then
    lands on the new sentence with the same text, instead of failing.
    """

    segment_id = models.BigIntegerField(primary_key=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="retired_segments")
    zh = models.TextField("Chinese", blank=True)
    en = models.TextField("English", blank=True)
    retired = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-retired"]

    def __str__(self):
        return f"Retired segment {self.segment_id}"


class Bookmark(models.Model):
    """A learner's mark on a hard sentence, with a note.

    ``zh``, ``en`` and ``tokens`` (its Chinese words, in the annotation's
    stored form) are a snapshot of the segment, so that the
    bookmark survives when a teacher's edit rebuilds the article's segments:
    it then moves to the matching new segment, or, when nothing matches,
    stays with its snapshot and ``segment`` empty ("this sentence has changed").
    """

    NOTE_MAX_LENGTH = 2000

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    # PROTECT: a teacher unpublishes an article that learners have bookmarked,
    # but cannot delete their bookmarks and notes with it.
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="bookmarks")
    segment = models.ForeignKey(
        Segment, on_delete=models.SET_NULL, null=True, blank=True, related_name="bookmarks"
    )
    note = models.TextField(blank=True, max_length=NOTE_MAX_LENGTH)
    zh = models.TextField("Chinese", blank=True)
    en = models.TextField("English", blank=True)
    tokens = models.JSONField(default=list, blank=True)
    created = models.DateTimeField(default=timezone.now)
    # The sentence's FSRS card (``fsrs.Card.to_dict()``) once reviewed, and its next review.
    card = models.JSONField(null=True, blank=True)
    due = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "segment"], name="bookmark_unique_per_user_and_segment"
            ),
        ]

    def __str__(self):
        return f"Bookmark {self.pk}"

    def get_absolute_url(self):
        """The sentence in its article (in its part); the reader scrolls to it and lights it."""
        if not self.segment_id:
            return self.article.get_absolute_url()
        return self.segment.get_absolute_url()

    @property
    def has_changed(self):
        return self.segment_id is None

    @property
    def zh_tokens(self) -> tuple[ZhToken, ...]:
        """The snapshot's Chinese words, with their readings."""
        return zh_tokens_from_json(self.tokens)

    def take_snapshot(self, segment):
        self.segment = segment
        self.zh = segment.zh
        self.en = segment.en
        self.tokens = zh_tokens_to_json(segment.annotated.zh)


class ReadingProgressQuerySet(models.QuerySet):
    def record(self, *, user, segment: Segment) -> "ReadingProgress":
        """Remember ``segment`` as the last sentence the learner saw in its article.

        The share read is the sentence's place among the article's sentences;
        reaching the last one finishes the article, and going back to an
        earlier one later does not undo that.
        """
        pair = segment.pair
        in_article = Segment.objects.filter(pair__article_id=pair.article_id)
        before = in_article.filter(
            Q(pair__position__lt=pair.position)
            | Q(pair__position=pair.position, position__lt=segment.position)
        ).count()
        total = max(in_article.count(), before + 1)  # the article may be rebuilt meanwhile
        seen = {"segment": segment, "share": (before + 1) * 100 // total}
        if before + 1 == total:
            seen["finished"] = True
        row, _ = self.update_or_create(user=user, article_id=pair.article_id, defaults=seen)
        return row


class ReadingProgress(models.Model):
    """Where a learner stopped in an article: the last sentence seen, and how much was read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reading_progress"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="reading_progress")
    # SET_NULL: a re-alignment that rebuilds the sentence leaves the share read,
    # and "Continue" opens the article at its start.
    segment = models.ForeignKey(
        Segment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    share = models.PositiveSmallIntegerField(default=0, help_text="Percent of the sentences read.")
    finished = models.BooleanField(default=False)
    updated = models.DateTimeField(auto_now=True)

    objects = ReadingProgressQuerySet.as_manager()

    class Meta:
        ordering = ["-updated"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"], name="progress_unique_per_learner_article"
            ),
            models.CheckConstraint(condition=Q(share__lte=100), name="progress_share_at_most_100"),
        ]

    def __str__(self):
        return f"Read {self.share}%{' (finished)' if self.finished else ''}"

    def get_absolute_url(self):
        """The last sentence seen, in its part of the article; the article when it is gone."""
        if self.segment_id is None:
            return self.article.get_absolute_url()
        return self.segment.get_absolute_url()


class Profile(models.Model):
    """A learner's reading preferences, kept across devices once they have an account."""

    class PinyinMode(models.TextChoices):
        ALL = "all", "Over every word"
        ABOVE = "above", "Only over words above my level"
        UNKNOWN = "unknown", "Over words I don't know yet"
        NONE = "none", "None"

    class ReadingMode(models.TextChoices):
        PARALLEL = "parallel", "Side by side"
        TEST = "test", "Test yourself"

    class TextSize(models.TextChoices):
        SMALL = "small", "Small"
        MEDIUM = "medium", "Medium"
        LARGE = "large", "Large"
        LARGER = "larger", "Larger"

    class LineSpacing(models.TextChoices):
        NORMAL = "normal", "Normal"
        RELAXED = "relaxed", "Relaxed"
        LOOSE = "loose", "Loose"

    class Script(models.TextChoices):
        # The values of text.script.Script, which converts the text.
        SIMPLIFIED = "simplified", "Simplified"
        TAIWAN = "taiwan", "Traditional (Taiwan)"
        HONG_KONG = "hongkong", "Traditional (Hong Kong)"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    pinyin = models.CharField(max_length=8, choices=PinyinMode, default=PinyinMode.ALL)
    level = models.PositiveSmallIntegerField(
        "my HSK level", default=3, help_text="1 to 9; pinyin is hidden over words up to it."
    )
    tone_colors = models.BooleanField(default=False)
    mode = models.CharField(max_length=8, choices=ReadingMode, default=ReadingMode.PARALLEL)
    mark_learning = models.BooleanField(
        "mark words I'm learning", default=True, help_text="Underline saved words in the text."
    )
    text_size = models.CharField(max_length=8, choices=TextSize, default=TextSize.MEDIUM)
    line_spacing = models.CharField(max_length=8, choices=LineSpacing, default=LineSpacing.NORMAL)
    script = models.CharField(
        max_length=10,
        choices=Script,
        default=Script.SIMPLIFIED,
        help_text="The characters articles are shown in, whichever they were written in.",
    )

    class Meta:
        ordering = ["user_id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=9), name="profile_level_1_to_9"
            ),
        ]

    def __str__(self):
        return f"Profile {self.user_id}"


class WordCorrection(models.Model):
    """A teacher's fix to a word in one article: join, split, or its pinyin; in every
    sentence of the article, or in one (named by its Chinese, which survives
    re-alignment as long as the sentence's text does).

    Kept per article, and applied again whenever the article is annotated,
    so that it survives re-alignment and re-import.
    """

    class Kind(models.TextChoices):
        JOIN = "join", "Join into one word"
        SPLIT = "split", "Split into words"
        PINYIN = "pinyin", "Correct the pinyin"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=8, choices=Kind)
    word = models.CharField(max_length=40, help_text="The Chinese word concerned.")
    value = models.CharField(
        max_length=200,
        blank=True,
        help_text="Split: the parts with spaces (离职 采访). Pinyin: one syllable a character "
        "with tone marks (cháo xiǎn). Join: leave empty.",
    )
    sentence = models.TextField(
        blank=True,
        help_text="The Chinese of the one sentence the fix is for; empty: every sentence.",
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "kind", "word", "sentence"],
                name="correction_unique_per_article_kind_word_sentence",
            ),
        ]

    def __str__(self):
        where = f" (only in {self.sentence})" if self.sentence else ""
        return f"{self.get_kind_display()}: {self.word} {self.value}".strip() + where

    def as_text_correction(self):
        from .text.corrections import Correction

        return Correction(self.kind, self.word, self.value, self.sentence)


class Job(models.Model):
    """A teacher's heavy work, run by the background worker: an import, a re-alignment,
    or annotating an article again; with how far it has got, and how it ended."""

    class Kind(models.TextChoices):
        IMPORT = "import", "Add or replace an article"
        REALIGN = "realign", "Re-align the whole article"
        REANNOTATE = "reannotate", "Annotate the article again"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=12, choices=Kind)
    status = models.CharField(max_length=8, choices=Status, default=Status.QUEUED)
    article = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    # What the job needs to run (an import's parsed texts and titles), kept so
    # that a failed job can be run again.
    payload = models.JSONField(default=dict, blank=True)
    paragraphs = models.PositiveIntegerField(default=0, help_text="Paragraphs to align.")
    paragraphs_done = models.PositiveIntegerField(default=0)
    pairs = models.PositiveIntegerField(default=0, help_text="Pairs to annotate.")
    pairs_done = models.PositiveIntegerField(default=0)
    segments_done = models.PositiveIntegerField(default=0, help_text="Sentence pairs annotated.")
    error = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(paragraphs_done__lte=models.F("paragraphs"))
                & models.Q(pairs_done__lte=models.F("pairs")),
                name="job_progress_within_totals",
            ),
        ]

    def __str__(self):
        return f"Job {self.pk} ({self.kind})"

    def get_absolute_url(self):
        return reverse("admin:reader_article_job", args=[self.pk])

    @property
    def is_over(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class SignUp(models.Model):
    """That an account was made from an address, kept an hour: sign-ups are limited per address."""

    address = models.GenericIPAddressField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["address", "created"], name="signup_address_created")]

    def __str__(self):
        return f"Sign-up {self.pk}"


class WordStatus(models.Model):
    """A learner's standing with one word: new (only looked up), learning (saved) or known.

    Keyed by the word's text, so that no edit of an article loses it. Where
    the word was first met is a snapshot of its sentence (both sides, and
    the annotation in ``reader.text.annotation``'s stored form, so a review
    card can light the English words it became); ``segment`` and ``article``
    point at it while it exists. ``card`` is the word's FSRS card
    (``fsrs.Card.to_dict()``) once it is being learned, ``due`` its next review.
    """

    class Status(models.TextChoices):
        NEW = "new", "New"
        LEARNING = "learning", "Learning"
        KNOWN = "known", "Known"

    WORD_MAX_LENGTH = vocabulary.WORD_MAX_LENGTH

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="words"
    )
    word = models.CharField(max_length=WORD_MAX_LENGTH)
    status = models.CharField(max_length=8, choices=Status, default=Status.NEW)
    lookups = models.PositiveIntegerField(
        default=0, help_text="Times the learner opened its entry."
    )
    first_met = models.DateTimeField(default=timezone.now)
    article = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    segment = models.ForeignKey(
        Segment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    context_zh = models.TextField("sentence", blank=True)
    context_en = models.TextField("English sentence", blank=True)
    context = models.JSONField("sentence annotation", default=dict, blank=True)
    placed = models.BooleanField(
        default=False, help_text="Marked known by the placement step, which can undo it."
    )
    changed = models.DateTimeField(default=timezone.now)
    card = models.JSONField(null=True, blank=True)
    due = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-changed", "word"]
        verbose_name_plural = "word statuses"
        constraints = [
            models.UniqueConstraint(fields=["user", "word"], name="word_status_unique_per_user"),
        ]
        indexes = [
            models.Index(fields=["user", "status"], name="word_status_user_status"),
            models.Index(fields=["user", "due"], name="word_status_user_due"),
        ]

    def __str__(self):
        return f"{self.word} ({self.status})"

    def get_absolute_url(self):
        """The sentence where the word was met, lit in the reader; else the article."""
        if self.segment_id:
            return self.segment.get_absolute_url()
        return self.article.get_absolute_url() if self.article_id else ""

    @cached_property
    def annotated(self) -> Annotation:
        """The sentence where the word was first met, as it was then."""
        return Annotation.from_json(self.context)


class Review(models.Model):
    """One answer in a review session: a word's or a bookmarked sentence's card, graded 1-4."""

    class Rating(models.IntegerChoices):
        AGAIN = 1, "Again"
        HARD = 2, "Hard"
        GOOD = 3, "Good"
        EASY = 4, "Easy"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews"
    )
    word = models.ForeignKey(
        WordStatus, on_delete=models.CASCADE, null=True, blank=True, related_name="reviews"
    )
    bookmark = models.ForeignKey(
        Bookmark, on_delete=models.CASCADE, null=True, blank=True, related_name="reviews"
    )
    rating = models.PositiveSmallIntegerField(choices=Rating)
    reviewed = models.DateTimeField(default=timezone.now)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-reviewed", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(word__isnull=False, bookmark__isnull=True)
                | Q(word__isnull=True, bookmark__isnull=False),
                name="review_of_a_word_or_a_sentence",
            ),
        ]
        indexes = [models.Index(fields=["user", "reviewed"], name="review_user_reviewed")]

    def __str__(self):
        return f"Review {self.pk}"


class LearnerStamp(models.Model):
    """A count that moves on whenever a learner's bookmarks or words change, so that what a
    page shows of them (``pages.learner_state``) is worked out again only then."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    stamp = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"Learner {self.user_id} at {self.stamp}"

    @classmethod
    def bump(cls, user_id: int, *, create: bool = True) -> None:
        """Move the learner's count on; ``create=False`` while their rows are being deleted
        (a new stamp then would outlive the account being deleted)."""
        if not cls.objects.filter(user_id=user_id).update(stamp=models.F("stamp") + 1) and create:
            cls.objects.get_or_create(user_id=user_id, defaults={"stamp": 1})


# ---- Classes: teachers give a class articles to read and see where it struggled ----

# Join codes are read aloud and typed from a board: no 0/O, 1/I/L.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


class Classroom(models.Model):
    """A class: its teachers (one or more), its learners (``Membership``) and a join code.

    Archived at the end of term: nobody joins any more and nothing new is
    assigned, but its figures stay readable.
    """

    name = models.CharField(max_length=120)
    term = models.CharField(max_length=60, blank=True, help_text="For example “Spring 2027”.")
    code = models.CharField(max_length=16, unique=True, default=new_join_code)
    teachers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="classes_taught")
    archived = models.BooleanField(default=False)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["archived", "-created", "name"]

    def __str__(self):
        return f"{self.name} ({self.term})" if self.term else self.name

    def get_absolute_url(self):
        return reverse("reader:class_detail", kwargs={"class_id": self.pk})

    def join_url(self):
        return reverse("reader:class_join_code", kwargs={"code": self.code})


class Membership(models.Model):
    """A learner in a class. Leaving deletes it, and the class no longer counts them."""

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    joined = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["joined"]
        constraints = [
            models.UniqueConstraint(
                fields=["classroom", "user"], name="membership_unique_per_class_learner"
            ),
        ]

    def __str__(self):
        return f"Learner {self.user_id} in class {self.classroom_id}"


class Assignment(models.Model):
    """An article given to a class to read, by an optional due date."""

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="assignments")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="assignments")
    due = models.DateField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = [F("due").asc(nulls_last=True), "created", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["classroom", "article"], name="assignment_unique_per_class_article"
            ),
        ]

    def __str__(self):
        return f"{self.article} for {self.classroom}"

    def get_absolute_url(self):
        return reverse(
            "reader:assignment_detail",
            kwargs={"class_id": self.classroom_id, "assignment_id": self.pk},
        )


class ReadingEvent(models.Model):
    """What a learner did in a sentence that a teacher may count: a word looked up there
    (``word``, how often) or its English revealed in test-yourself mode.

    Counts only: which sentence, how often. The article stays when a
    re-alignment rebuilds the sentence, so a learner's figures keep it.
    """

    class Kind(models.TextChoices):
        LOOKUP = "lookup", "Word looked up"
        REVEAL = "reveal", "English revealed"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reading_events"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    segment = models.ForeignKey(
        Segment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=8, choices=Kind)
    word = models.CharField(max_length=WordStatus.WORD_MAX_LENGTH, blank=True)
    count = models.PositiveIntegerField(default=1)
    first = models.DateTimeField(default=timezone.now)
    last = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "segment", "kind", "word"], name="reading_event_unique"
            ),
        ]
        indexes = [models.Index(fields=["article", "user"], name="reading_event_article_user")]

    def __str__(self):
        return f"{self.kind} by learner {self.user_id}"
