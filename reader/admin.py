"""The teacher's workflow: add an article, check and fix its alignment, publish.

Adding goes through ``ArticleImportForm`` (two pasted texts or one seed
file); the app aligns the article as a draft and opens its alignment page,
where the teacher moves paragraphs between pairs, merges, splits, unmatches
or edits pairs, fixes words, previews and publishes.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.actions import delete_selected
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django_htmx.http import HttpResponseClientRedirect

from . import services
from .forms import ArticleImportForm, CorrectionForm, PairTextForm, parse_id
from .models import (
    Article,
    Assignment,
    Bookmark,
    Job,
    ParagraphPair,
    Segment,
    WordCorrection,
)
from .text import beads as bead_ops
from .text import levels


class HskLevelFilter(admin.SimpleListFilter):
    title = "HSK level"
    parameter_name = "hsk"

    def lookups(self, request, model_admin):
        return [(str(n), levels.label(n)) for n in range(1, 8)]

    def queryset(self, request, queryset):
        # A value that is not one of the levels (?hsk=abc, typed by hand) filters nothing.
        if self.value() in {str(n) for n in range(1, 8)}:
            return queryset.filter(hsk_level=int(self.value()))
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    # The link teachers follow most stands next to the title, and the columns are
    # short enough for the whole row to fit beside the filters at 1280 px.
    list_display = [
        "__str__",
        "alignment_link",
        "status",
        "level",
        "chars_shown",
        "pairs_shown",
        "unmatched_shown",
        "updated_shown",
    ]
    list_filter = ["published", HskLevelFilter]
    search_fields = ["title_en", "title_zh", "slug"]
    fields = ["alignment_link", "title_en", "title_zh", "slug", "source", "published", "hard_spots"]
    readonly_fields = ["alignment_link", "hard_spots"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if {"title_en", "title_zh"} & set(form.changed_data):
            services.refresh_search(article=obj)  # the titles are searched too

    @admin.display(description="Status", ordering="published")
    def status(self, obj):
        return "Published" if obj.published else "Draft"

    @admin.display(description="HSK", ordering="hsk_level")
    def level(self, obj):
        return levels.label(obj.hsk_level)

    @admin.display(description="Characters", ordering="zh_chars")
    def chars_shown(self, obj):
        return f"{obj.zh_chars:,}"

    @admin.display(description="Updated", ordering="updated")
    def updated_shown(self, obj):
        return date_format(timezone.localtime(obj.updated), "j M Y")

    @admin.display(description="Pairs", ordering="pair_count")
    def pairs_shown(self, obj):
        return obj.pair_count

    @admin.display(description="Unmatched", ordering="unmatched_count")
    def unmatched_shown(self, obj):
        return obj.unmatched_count

    @admin.display(description="Alignment")
    def alignment_link(self, obj):
        return format_html('<a href="{}">Check and fix</a>', alignment_url(obj))

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

    # ---- Deleting: whole articles, never learners' bookmarks ----

    actions = ["delete_articles", "unpublish_articles"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Ours, which refuses an article with bookmarks and says why.
        actions.pop("delete_selected", None)
        return actions

    def get_deleted_objects(self, objs, request):
        """An article's pairs, segments and word fixes go with it: deleting the article is
        the one way to delete them, so their row-by-row permission does not count."""
        to_delete, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        parts = {model._meta.verbose_name for model in (ParagraphPair, Segment, WordCorrection)}
        return to_delete, counts, perms_needed - parts, protected

    def delete_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None and self.has_delete_permission(request, article):
            refused = _bookmarked([article])
            if refused:
                return self._delete_refused(request, refused)
        return super().delete_view(request, object_id, extra_context)

    @admin.action(description="Delete selected articles", permissions=["delete"])
    def delete_articles(self, request, queryset):
        refused = _bookmarked(queryset)
        if refused:
            return self._delete_refused(request, refused)
        return delete_selected(self, request, queryset)

    @admin.action(description="Unpublish selected articles", permissions=["change"])
    def unpublish_articles(self, request, queryset):
        were_published = list(queryset.filter(published=True).values_list("pk", flat=True))
        count = queryset.update(published=False, updated=timezone.now())
        _warn_assigned(request, were_published)
        self.message_user(
            request,
            f"{count} article{pluralize(count)} unpublished: learners no longer see "
            f"{'it' if count == 1 else 'them'}.",
        )

    def _delete_refused(self, request, refused):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "This cannot be deleted",
            "refused": refused,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/reader/article/delete_refused.html", context)

    # ---- Adding: paste or upload, then straight to the alignment page ----

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            job = services.queue_import(
                parsed=data["parsed"],
                created_by=request.user,
                slug=data["slug"] or None,
                title_en=data["title_en"] or None,
                title_zh=data["title_zh"] or None,
                source=data["source"],
                published=False,
            )
            return HttpResponseRedirect(job.get_absolute_url())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "title": "Add an article",
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/reader/article/import.html", context)

    # ---- The alignment page ----

    def get_urls(self):
        return [
            path(
                "<int:article_id>/alignment/",
                self.admin_site.admin_view(self.alignment_view),
                name="reader_article_alignment",
            ),
            path(
                "jobs/<int:job_id>/",
                self.admin_site.admin_view(self.job_view),
                name="reader_article_job",
            ),
            *super().get_urls(),
        ]

    # ---- A background job: its progress, then where its work is ----

    def job_view(self, request, job_id):
        """How far a job has got, updating itself (htmx polls it); then on to the article.

        A failed job shows its error and can be run again.
        """
        job = get_object_or_404(Job.objects.select_related("article"), pk=job_id)
        if not self.has_change_permission(request, job.article):
            raise PermissionDenied
        if request.method == "POST":
            if request.POST.get("action") == "retry" and job.status == Job.Status.FAILED:
                services.retry_job(job)
                messages.info(request, "The job is queued again.")
            return HttpResponseRedirect(job.get_absolute_url())
        if job.status == Job.Status.DONE and job.article is not None:
            messages.success(request, _done_message(job))
            done_url = alignment_url(job.article)
            if request.htmx:
                return HttpResponseClientRedirect(done_url)
            return HttpResponseRedirect(done_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "job": job,
            "title": job.get_kind_display(),
            "waiting_long": job.status == Job.Status.QUEUED
            and (timezone.now() - job.created).total_seconds() > 15,
        }
        template = "admin/reader/article/job.html"
        if request.htmx:
            template += "#job-status"
        return TemplateResponse(request, template, context)

    def alignment_view(self, request, article_id):
        """The pairs side by side (GET); one change to them, named by ``action`` (POST)."""
        article = get_object_or_404(Article, pk=article_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        if request.method != "POST":
            return self.alignment_page(request, article)
        name = request.POST.get("action", "")
        action = ALIGNMENT_ACTIONS.get(name)
        try:
            if action is None:
                raise AlignmentRequestError(f"unknown action {name!r}")
            return action(self, request, article)
        except (AlignmentRequestError, bead_ops.BeadError, services.StaleAlignment) as error:
            messages.error(request, f"Nothing changed: {error}.")
            return HttpResponseRedirect(request.get_full_path())

    def alignment_page(self, request, article, *, edit_form=None, correction_form=None):
        """The pairs side by side, ALIGNMENT_PAGE_SIZE a page; ``?unmatched=1`` shows only the
        unmatched ones, which the page also lists with links, wherever they are."""
        unmatched = article.pairs.filter(Q(zh="") | Q(en=""))
        only_unmatched = request.GET.get("unmatched") == "1"
        shown = unmatched if only_unmatched else article.pairs.all()
        paginator = Paginator(shown.prefetch_related("segments"), ALIGNMENT_PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "article": article,
            "title": f"Alignment of “{article}”",
            "rows": [
                {"pair": pair, "sides": (("zh", pair.zh_paragraphs), ("en", pair.en_paragraphs))}
                for pair in page
            ],
            "page": page,
            "only_unmatched": only_unmatched,
            "unmatched": [
                (position, alignment_url(article, position))
                for position in unmatched.values_list("position", flat=True)[:MAX_LISTED_UNMATCHED]
            ],
            "unmatched_count": unmatched.count(),
            "last_position": article.pairs.count() - 1,
            "edit_form": edit_form,
            "editing": request.POST.get("position") if edit_form else None,
            "correction_form": correction_form or CorrectionForm(),
            "corrections": article.corrections.all(),
        }
        return TemplateResponse(request, "admin/reader/article/alignment.html", context)


def _done_message(job: Job) -> str:
    article = job.article
    if job.kind == Job.Kind.IMPORT:
        state = "saved as a draft" if not article.published else "saved"
        return (
            f"“{article}” is aligned and {state}: {job.pairs:,} pair{pluralize(job.pairs)}, "
            f"{job.segments_done:,} sentence pair{pluralize(job.segments_done)}. Check the pairs "
            "below, fix what is off, then publish."
        )
    if job.kind == Job.Kind.REALIGN:
        pairs = f"{job.pairs:,} pair{pluralize(job.pairs)}"
        return f"“{article}” is aligned again: {pairs}; bookmarks kept."
    done = job.segments_done
    return f"“{article}” is annotated again: {done:,} sentence pair{pluralize(done)}."


def _bookmarked(articles) -> list[tuple[Article, int]]:
    """The articles with learners' bookmarks, and how many learners each would lose."""
    counts = (
        Bookmark.objects.filter(article__in=articles)
        .values("article")
        .annotate(learners=Count("user", distinct=True))
    )
    learners = {row["article"]: row["learners"] for row in counts}
    return [(article, learners[article.pk]) for article in articles if article.pk in learners]


class AlignmentRequestError(ValueError):
    """A POST to the alignment page that names no pair, action or fix there is (a stale or
    forged form); unlike ``BeadError``, not about what the pairs allow."""


# A long article's alignment page comes in pages of this many pairs (a few
# hundred kilobytes each, even for 5,000 paragraphs a side).
ALIGNMENT_PAGE_SIZE = 100
MAX_LISTED_UNMATCHED = 200


def alignment_url(article: Article, position: int | None = None, anchor: str = "") -> str:
    """The alignment page, at the page and row of the pair at ``position`` when given."""
    url = reverse("admin:reader_article_alignment", args=[article.pk])
    if position is not None:
        url += f"?page={position // ALIGNMENT_PAGE_SIZE + 1}"
        anchor = anchor or f"pair-{position}"
    return f"{url}#{anchor}" if anchor else url


def _position(request) -> int:
    try:
        return int(request.POST.get("position") or 0)
    except ValueError:
        raise AlignmentRequestError("the pair number is not a number") from None


def _bead_action(operation):
    """An action that edits the beads around one pair and re-aligns what it touched."""

    def action(model_admin, request, article):
        position, side = _position(request), request.POST.get("side", "")
        rebuilt = services.realign_article(
            article=article,
            edit=lambda beads: operation(beads, position, side),
            version=request.POST.get("version"),
        )
        messages.success(
            request, f"Done; {rebuilt} pair{pluralize(rebuilt)} re-aligned, bookmarks kept."
        )
        return HttpResponseRedirect(alignment_url(article, max(position - 1, 0)))

    return action


def _edit_pair(model_admin, request, article):
    position = _position(request)
    form = PairTextForm(request.POST)
    if not form.is_valid():
        return model_admin.alignment_page(request, article, edit_form=form)

    def replace_pair(beads):
        if not 0 <= position < len(beads):
            raise AlignmentRequestError(f"there is no pair {position + 1}")
        beads[position] = (form.paragraphs("zh"), form.paragraphs("en"))
        return beads

    services.realign_article(
        article=article, edit=replace_pair, version=request.POST.get("version")
    )
    messages.success(request, f"Pair {position + 1} saved and re-aligned, bookmarks kept.")
    return HttpResponseRedirect(alignment_url(article, position))


def _add_correction(model_admin, request, article):
    form = CorrectionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            count = services.add_correction(
                article=article,
                kind=data["kind"],
                word=data["word"],
                value=data["value"],
                where=data["where"],
            )
        except ValueError as error:
            form.add_error(None, services.as_sentence(str(error)))
        else:
            messages.success(
                request, f"Fix saved; {count} sentence{pluralize(count)} annotated again."
            )
            return HttpResponseRedirect(alignment_url(article, anchor="corrections"))
    return model_admin.alignment_page(request, article, correction_form=form)


def _remove_correction(model_admin, request, article):
    correction_id = parse_id(request.POST.get("correction", ""))
    correction = (
        WordCorrection.objects.filter(pk=correction_id, article=article).first()
        if correction_id is not None
        else None
    )
    if correction is None:
        raise AlignmentRequestError("there is no such word fix")
    count = services.remove_correction(correction=correction)
    messages.success(request, f"Fix removed; {count} sentence{pluralize(count)} annotated again.")
    return HttpResponseRedirect(alignment_url(article, anchor="corrections"))


def _realign_all(model_admin, request, article):
    job = services.queue_job(kind=Job.Kind.REALIGN, created_by=request.user, article=article)
    return HttpResponseRedirect(job.get_absolute_url())


def _warn_assigned(request, article_ids) -> None:
    """Tell a teacher who unpublished articles which running classes had them assigned."""
    assigned = list(
        Assignment.objects.filter(
            article_id__in=article_ids, classroom__archived=False
        ).values_list("classroom__name", "article_id")
    )
    if not assigned:
        return
    names = sorted({name for name, _ in assigned})
    classes_ = f"{len(names)} class{pluralize(len(names), 'es')} ({', '.join(names)})"
    if len({article_id for _, article_id in assigned}) > 1:
        said = "their learners no longer see them until they are published again"
    else:
        said = "their learners no longer see it until it is published again"
    messages.warning(request, f"Assigned in {classes_}: {said}.")


def _set_published(published: bool):
    def action(model_admin, request, article):
        article.published = published
        article.save(update_fields=["published", "updated"])
        model_admin.log_change(request, article, [{"changed": {"fields": ["published"]}}])
        state = "published: learners can read it now" if published else "a draft again"
        messages.success(request, f"“{article}” is {state}.")
        if not published:
            _warn_assigned(request, [article.pk])
        return HttpResponseRedirect(alignment_url(article))

    return action


# What the alignment page's buttons ask for: action name → handler(model_admin, request, article).
ALIGNMENT_ACTIONS = {
    "move_next": _bead_action(lambda beads, i, side: bead_ops.move_paragraph(beads, i, side, +1)),
    "move_previous": _bead_action(
        lambda beads, i, side: bead_ops.move_paragraph(beads, i, side, -1)
    ),
    "merge": _bead_action(lambda beads, i, side: bead_ops.merge_with_next(beads, i)),
    "split": _bead_action(lambda beads, i, side: bead_ops.split(beads, i)),
    "unmatch": _bead_action(lambda beads, i, side: bead_ops.unmatch(beads, i)),
    "edit": _edit_pair,
    "correct": _add_correction,
    "uncorrect": _remove_correction,
    "realign_all": _realign_all,
    "publish": _set_published(True),
    "unpublish": _set_published(False),
}


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


@admin.register(Job)
class JobAdmin(ReadOnlyAlignmentAdmin):
    list_display = ["__str__", "kind", "status", "article", "created_by", "created", "finished"]
    list_filter = ["kind", "status"]
    list_select_related = ["article", "created_by"]
    exclude = ["payload"]


@admin.register(WordCorrection)
class WordCorrectionAdmin(ReadOnlyAlignmentAdmin):
    list_display = ["__str__", "article", "created"]
    list_select_related = ["article"]
