"""The teacher's workflow: add an article, check and fix its alignment, publish.

Adding goes through ``ArticleImportForm`` (two pasted texts or one seed
file); the app aligns the article as a draft and opens its alignment page,
where the teacher moves paragraphs between pairs, merges, splits, unmatches
or edits pairs, fixes words, previews and publishes.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify

from . import services
from .forms import ArticleImportForm, CorrectionForm, PairTextForm
from .models import Article, ParagraphPair, Segment, WordCorrection
from .text import beads as bead_ops
from .text import levels


class HskLevelFilter(admin.SimpleListFilter):
    title = "HSK level"
    parameter_name = "hsk"

    def lookups(self, request, model_admin):
        return [(str(n), levels.label(n)) for n in range(1, 8)]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(hsk_level=self.value())
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "status",
        "level",
        "zh_chars",
        "pairs_shown",
        "unmatched_shown",
        "updated",
        "alignment_link",
    ]
    list_filter = ["published", HskLevelFilter]
    search_fields = ["title_en", "title_zh", "slug"]
    fields = ["alignment_link", "title_en", "title_zh", "slug", "source", "published", "hard_spots"]
    readonly_fields = ["alignment_link", "hard_spots"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description="Status", ordering="published")
    def status(self, obj):
        return "Published" if obj.published else "Draft"

    @admin.display(description="HSK", ordering="hsk_level")
    def level(self, obj):
        return levels.label(obj.hsk_level)

    @admin.display(description="Pairs", ordering="pair_count")
    def pairs_shown(self, obj):
        return obj.pair_count

    @admin.display(description="Unmatched", ordering="unmatched_count")
    def unmatched_shown(self, obj):
        return obj.unmatched_count

    @admin.display(description="Alignment")
    def alignment_link(self, obj):
        url = reverse("admin:reader_article_alignment", args=[obj.pk])
        return format_html('<a href="{}">Check and fix</a>', url)

    @admin.display(description="Hard spots")
    def hard_spots(self, obj):
        """Sentences by how many learners bookmarked them: counts only, never who."""
        segments = (
            Segment.objects.filter(pair__article=obj)
            .annotate(learners=Count("bookmarks"))
            .filter(learners__gt=0)
            .order_by("-learners", "pair__position", "position")
        )
        if not segments:
            return "No learner has bookmarked a sentence of this article yet."
        rows = format_html_join(
            "",
            '<tr><td class="hard-count">{}</td><td lang="zh-Hans">{}</td><td>{}</td></tr>',
            ((s.learners, s.zh, s.en) for s in segments),
        )
        return format_html(
            '<table class="hard-spots"><thead><tr><th>Learners</th><th>Chinese</th>'
            "<th>English</th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )

    # ---- Adding: paste or upload, then straight to the alignment page ----

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            article = self._import(form.cleaned_data)
            self.log_addition(request, article, [{"added": {}}])
            messages.success(
                request,
                f"“{article}” is aligned and saved as a draft. Check the pairs below, fix "
                "what is off, then publish.",
            )
            return HttpResponseRedirect(
                reverse("admin:reader_article_alignment", args=[article.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "title": "Add an article",
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/reader/article/import.html", context)

    def _import(self, data) -> Article:
        parsed = data["parsed"]
        title_en = data["title_en"] or parsed.title_en
        title_zh = data["title_zh"] or parsed.title_zh
        slug = data["slug"] or unique_slug(slugify(title_en) or slugify(title_zh) or "article")
        result = services.import_article(
            slug=slug,
            zh=parsed.zh,
            en=parsed.en,
            title_en=title_en,
            title_zh=title_zh,
            source=data["source"],
            published=False,
        )
        return result.article

    # ---- The alignment page ----

    def get_urls(self):
        return [
            path(
                "<int:article_id>/alignment/",
                self.admin_site.admin_view(self.alignment_view),
                name="reader_article_alignment",
            ),
            *super().get_urls(),
        ]

    def alignment_view(self, request, article_id):
        article = get_object_or_404(Article, pk=article_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        url = reverse("admin:reader_article_alignment", args=[article.pk])
        edit_form = None
        correction_form = CorrectionForm()
        if request.method == "POST":
            try:
                response, form = self._alignment_action(request, article)
            except (bead_ops.BeadError, services.StaleAlignment) as error:
                messages.error(request, f"Nothing changed: {error}.")
                return HttpResponseRedirect(url)
            if response is not None:
                return response
            if isinstance(form, PairTextForm):
                edit_form = form
            else:
                correction_form = form
        pairs = list(article.pairs.prefetch_related("segments"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "article": article,
            "title": f"Alignment of “{article}”",
            "rows": [
                {
                    "pair": pair,
                    "zh": pair.zh.split(services.PARAGRAPH_SEPARATOR) if pair.zh else [],
                    "en": pair.en.split(services.PARAGRAPH_SEPARATOR) if pair.en else [],
                }
                for pair in pairs
            ],
            "last_position": len(pairs) - 1,
            "edit_form": edit_form,
            "editing": request.POST.get("position") if edit_form else None,
            "correction_form": correction_form,
            "corrections": article.corrections.all(),
        }
        return TemplateResponse(request, "admin/reader/article/alignment.html", context)

    def _alignment_action(self, request, article):
        """Apply one POSTed action: (a redirect, None) when done, (None, form) on form errors."""
        url = reverse("admin:reader_article_alignment", args=[article.pk])
        action = request.POST.get("action", "")
        try:
            position = int(request.POST.get("position") or 0)
        except ValueError:
            raise bead_ops.BeadError("the pair number is not a number") from None
        side = request.POST.get("side", "")
        version = request.POST.get("version")
        operations = {
            "move_next": lambda beads: bead_ops.move_paragraph(beads, position, side, +1),
            "move_previous": lambda beads: bead_ops.move_paragraph(beads, position, side, -1),
            "merge": lambda beads: bead_ops.merge_with_next(beads, position),
            "split": lambda beads: bead_ops.split(beads, position),
            "unmatch": lambda beads: bead_ops.unmatch(beads, position),
        }
        if action in operations:
            rebuilt = services.realign_article(
                article=article, edit=operations[action], version=version
            )
            messages.success(request, f"Done; {rebuilt} pair(s) re-aligned, bookmarks kept.")
            return HttpResponseRedirect(f"{url}#pair-{max(position - 1, 0)}"), None
        if action == "edit":
            form = PairTextForm(request.POST)
            if not form.is_valid():
                return None, form

            def replace_pair(beads):
                if not 0 <= position < len(beads):
                    raise bead_ops.BeadError(f"there is no pair {position + 1}")
                beads[position] = (form.paragraphs("zh"), form.paragraphs("en"))
                return beads

            services.realign_article(article=article, edit=replace_pair, version=version)
            messages.success(request, f"Pair {position + 1} saved and re-aligned, bookmarks kept.")
            return HttpResponseRedirect(f"{url}#pair-{position}"), None
        if action == "correct":
            form = CorrectionForm(request.POST)
            if not form.is_valid():
                return None, form
            data = form.cleaned_data
            try:
                count = services.add_correction(
                    article=article, kind=data["kind"], word=data["word"], value=data["value"]
                )
            except ValueError as error:
                form.add_error(None, str(error))
                return None, form
            messages.success(request, f"Fix saved; {count} sentence(s) annotated again.")
            return HttpResponseRedirect(f"{url}#corrections"), None
        if action == "uncorrect":
            correction_id = request.POST.get("correction", "")
            correction = (
                WordCorrection.objects.filter(pk=correction_id, article=article).first()
                if correction_id.isdigit()
                else None
            )
            if correction is None:
                raise bead_ops.BeadError("there is no such word fix")
            count = services.remove_correction(correction=correction)
            messages.success(request, f"Fix removed; {count} sentence(s) annotated again.")
            return HttpResponseRedirect(f"{url}#corrections"), None
        if action in ("publish", "unpublish"):
            article.published = action == "publish"
            article.save(update_fields=["published", "updated"])
            self.log_change(request, article, [{"changed": {"fields": ["published"]}}])
            state = "published: learners can read it now" if article.published else "a draft again"
            messages.success(request, f"“{article}” is {state}.")
            return HttpResponseRedirect(url), None
        raise bead_ops.BeadError(f"unknown action {action!r}")


def unique_slug(base: str) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever no article has yet."""
    base = base[:110] or "article"
    slug, n = base, 2
    while Article.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class ReadOnlyAlignmentAdmin(admin.ModelAdmin):
    """Pairs, segments and word fixes are changed through their article's alignment page,
    which re-aligns, re-annotates and moves bookmarks; here they can be looked at and
    found, never edited or deleted row by row."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ParagraphPair)
class ParagraphPairAdmin(ReadOnlyAlignmentAdmin):
    list_display = ["__str__", "article", "zh", "en"]
    list_select_related = ["article"]
    search_fields = ["zh", "en", "article__title_en"]


@admin.register(Segment)
class SegmentAdmin(ReadOnlyAlignmentAdmin):
    list_display = ["__str__", "pair", "zh", "en"]
    list_select_related = ["pair__article"]
    search_fields = ["zh", "en"]
    exclude = ["annotation"]


@admin.register(WordCorrection)
class WordCorrectionAdmin(ReadOnlyAlignmentAdmin):
    list_display = ["__str__", "article", "created"]
    list_select_related = ["article"]
