"""Articles stored as aligned paragraph pairs, each made of aligned sentence segments.

Everything a page shows is computed when an article is saved (see
``reader.services``); a page view only reads these rows.
"""

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def with_counts(self):
        """Annotate each article with its number of pairs and unmatched pairs."""
        return self.annotate(
            pair_count=Count("pairs", distinct=True),
            unmatched_count=Count(
                "pairs", filter=Q(pairs__zh="") | Q(pairs__en=""), distinct=True
            ),
        )


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
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "slug"]

    def __str__(self):
        return self.title_en or self.title_zh or self.slug

    def get_absolute_url(self):
        return reverse("reader:article_read", kwargs={"slug": self.slug})


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


class Segment(models.Model):
    """One sentence-level bead inside a pair: the unit that lights up and that learners mark.

    ``annotation`` holds what was computed on save, e.g.
    ``{"tokens": [{"t": "银行", "py": ["yín", "háng"], "tn": [2, 2]}, {"t": "。"}]}``.
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

    @property
    def tokens(self):
        return self.annotation.get("tokens", [])
