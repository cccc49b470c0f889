"""The learner's words page: by status, searched, changed in place, exported, imported, placed."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from . import exports, vocabulary
from .models import WordStatus
from .text import dictionary, levels, wordlist
from .text.lang import is_han
from .text.script import Script, convert
from .views import page_or_region, safe_next

Status = WordStatus.Status
PER_PAGE = 50
IMPORT_REPORT_SESSION_KEY = "duizhao_word_import"
REPORT_LISTED = 200  # words of each kind a report names; the rest are counted
STATUSES = [(s.value, s.label) for s in (Status.LEARNING, Status.KNOWN, Status.NEW)]
TAB_LABELS = {Status.LEARNING: "Learning", Status.KNOWN: "Known", Status.NEW: "Looked up"}
PLACEMENT_LEVELS = [(n, levels.label(n)) for n in range(1, 8)]  # 7 is the band 7–9


@dataclass(frozen=True)
class Piece:
    text: str
    lit: bool = False


@dataclass(frozen=True)
class WordRow:
    """A word as the list shows it: its status row, reading, meaning, and its sentence lit."""

    word: WordStatus
    pinyin: str
    meaning: str
    zh: list[Piece]
    en: list[Piece]


def _sentence(row: WordStatus) -> tuple[list[str], list[Piece], list[Piece]]:
    """The word's syllables there, and its sentence in pieces: the word and its English lit."""
    annotated = row.annotated
    if not annotated.zh:
        parts = row.context_zh.split(row.word) if row.context_zh else []
        zh = []
        for k, part in enumerate(parts):
            if k:
                zh.append(Piece(row.word, lit=True))
            if part:
                zh.append(Piece(part))
        return [], zh, [Piece(row.context_en)] if row.context_en else []
    syllables: list[str] = []
    links: set[int] = set()
    zh = []
    for token in annotated.zh:
        lit = token.text == row.word
        if lit:
            syllables = syllables or list(token.syllables)
            links.update(token.links)
        zh.append(Piece(token.text, lit))
    if annotated.en:
        en = [Piece(token.text, i in links) for i, token in enumerate(annotated.en)]
    else:
        en = [Piece(row.context_en)] if row.context_en else []
    return syllables, zh, en


def word_rows(rows) -> list[WordRow]:
    rows = list(rows)
    dictionary.prefetch(row.word for row in rows)
    result = []
    for row in rows:
        syllables, zh, en = _sentence(row)
        pinyin, meaning = wordlist.describe(row.word, syllables)
        result.append(WordRow(row, pinyin, meaning, zh, en))
    return result


def _search(words, query: str):
    """Words matching ``query``: the word itself, its sentence, its pinyin or its meanings.

    Words that match themselves (text, pinyin, meaning) come before those
    whose sentence only does.
    """
    if any(is_han(char) for char in query):
        query = convert(query, Script.SIMPLIFIED)  # the words are kept in simplified
        direct = Q(word__contains=query)
        return words.filter(direct | Q(context_zh__contains=query)), direct
    candidates = list(words.values_list("word", flat=True))
    entries = dictionary.lookup_many(candidates)
    found = [word for word in candidates if wordlist.matches(query, entries[word])]
    direct = Q(word__in=found)
    return words.filter(direct | Q(context_en__icontains=query)), direct


def _filters(request) -> tuple[str, str]:
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    return status, request.GET.get("q", "").strip()[: wordlist.MAX_QUERY]


def _url(**filters) -> str:
    query = urlencode({key: value for key, value in filters.items() if value})
    return reverse("reader:word_list") + (f"?{query}" if query else "")


def tabs_context(request) -> dict:
    """The status tabs with their counts, and the page's filters."""
    status, query = _filters(request)
    counts = dict(request.user.words.values_list("status").annotate(n=Count("id")).order_by())
    total = sum(counts.values())
    tabs = [("", "All", total)]
    tabs += [(value, TAB_LABELS[value], counts.get(value, 0)) for value, _ in STATUSES]
    tabs = [(value, label, count, _url(status=value, q=query)) for value, label, count in tabs]
    filters = {key: value for key, value in (("status", status), ("q", query)) if value}
    return {
        "status": status,
        "q": query,
        "query": urlencode(filters),
        "tabs": tabs,
        "total": total,
        "statuses": STATUSES,
    }


def word_list_context(request) -> dict:
    context = tabs_context(request)
    status, query = context["status"], context["q"]
    mine = request.user.words.all()
    words = mine.filter(status=status) if status else mine
    if query:
        words, direct = _search(words, query)
        words = words.annotate(
            direct=Case(When(direct, then=Value(0)), default=Value(1), output_field=IntegerField())
        ).order_by("direct", *WordStatus._meta.ordering)
    words = words.select_related("segment__pair__article", "article")
    page = Paginator(words, PER_PAGE).get_page(request.GET.get("page"))
    context.update(
        page=page,
        rows=word_rows(page.object_list),
        placed=mine.filter(placed=True).count(),
        levels=PLACEMENT_LEVELS,
    )
    return context


@login_required
@require_GET
@vary_on_headers("HX-Request")
def word_list(request):
    template = page_or_region(request, "reader/word_list.html", "word-list")
    return render(request, template, word_list_context(request))


@login_required
@require_POST
@vary_on_headers("HX-Request")
def word_status_update(request, word_id):
    """Set a word's status from the list: the row again with htmx, the list without."""
    row = get_object_or_404(request.user.words, pk=word_id)
    wanted = request.POST.get("status", "")
    if wanted not in Status.values:
        if request.htmx:
            return HttpResponse("No such status.", status=400, content_type="text/plain")
        messages.error(request, "Choose Learning, Known or New.")
    else:
        row = vocabulary.set_status(user=request.user, word=row.word, status=wanted)
    if request.htmx:
        row = request.user.words.select_related("segment__pair__article", "article").get(pk=row.pk)
        context = tabs_context(request)
        context.update(row=word_rows([row])[0], oob=True)
        return render(request, "reader/word_list.html#word-changed", context)
    return HttpResponseRedirect(
        safe_next(request, f"{reverse('reader:word_list')}#word-{row.pk}"), status=303
    )


def _export_lines(rows: list[WordRow]) -> list[exports.WordLine]:
    return [
        exports.WordLine(
            word=row.word.word,
            pinyin=row.pinyin,
            meaning=row.meaning,
            sentence=row.word.context_zh,
            sentence_en=row.word.context_en,
        )
        for row in rows
    ]


@login_required
@require_GET
def word_export(request, fmt):
    """The listed words (the status and search of the page), every page of them."""
    context = word_list_context(request)
    lines = _export_lines(word_rows(context["page"].paginator.object_list))
    if fmt == "csv":
        data, content_type = exports.word_csv_bytes(lines), "text/csv; charset=utf-8"
    else:
        deck_name = f"Duìzhào words — {request.user.get_username()}"
        data = exports.word_apkg_bytes(lines, deck_name=deck_name, user_id=request.user.pk)
        content_type = "application/octet-stream"
    response = HttpResponse(data, content_type=content_type)
    name = f"duizhao-words-{context['status']}" if context["status"] else "duizhao-words"
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _read_import(request) -> list[str]:
    upload = request.FILES.get("file")
    if upload is not None:
        if upload.size > wordlist.MAX_BYTES:
            raise wordlist.WordListError(
                f"The file is larger than {wordlist.MAX_BYTES // 1024} KB; split it in parts."
            )
        return wordlist.read_word_list(wordlist.decode_word_list(upload.read()))
    text = request.POST.get("words", "")
    if len(text.encode("utf-8", "surrogatepass")) > wordlist.MAX_BYTES:
        raise wordlist.WordListError(
            f"The list is larger than {wordlist.MAX_BYTES // 1024} KB; split it in parts."
        )
    return wordlist.read_word_list(text)


def import_words(*, user, listed: list[str]) -> dict:
    """Mark the words of a list known; the report of what was found, and what not."""
    not_words: dict[str, str] = {}
    words = []
    for word in dict.fromkeys(listed):
        reason = wordlist.not_a_word(word)
        if reason:
            not_words[word] = reason
        else:
            words.append(wordlist.simplified(word))
    done = vocabulary.mark_known(user=user, words=words)
    return {
        "read": len(listed),
        "marked": len(done.marked),
        "marked_words": done.marked[:REPORT_LISTED],
        "already": len(done.already),
        "already_words": done.already[:REPORT_LISTED],
        "not_words": len(not_words),
        "not_words_list": list(not_words.items())[:REPORT_LISTED],
    }


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def word_import(request):
    """Import a list of known words, pasted or as a file; the report on the same page."""
    if request.method == "GET":
        report = request.session.pop(IMPORT_REPORT_SESSION_KEY, None)
        return render(request, "reader/word_import.html", {"report": report})
    try:
        listed = _read_import(request)
        if not listed:
            raise wordlist.WordListError("The list is empty: paste words, one a line, or a file.")
        report = import_words(user=request.user, listed=listed)
    except (wordlist.WordListError, vocabulary.WordError) as error:
        context = {"error": str(error), "words": request.POST.get("words", "")[:20_000]}
        template = "reader/word_import.html"
        if request.htmx:
            template += "#import-result"
        return render(request, template, context, status=200 if request.htmx else 400)
    if request.htmx:
        return render(request, "reader/word_import.html#import-result", {"report": report})
    request.session[IMPORT_REPORT_SESSION_KEY] = report
    return HttpResponseRedirect(reverse("reader:word_import"), status=303)


@login_required
@require_POST
def word_place(request):
    """ "I know the words of HSK 1 to N": mark them known at once."""
    try:
        level = int(request.POST.get("level", ""))
        placed = vocabulary.place(user=request.user, level=level)
    except (ValueError, vocabulary.WordError):
        messages.error(request, "Choose a level from HSK 1 to HSK 7–9.")
    else:
        levels_named = f"HSK 1 to {levels.label(level)}" if level > 1 else "HSK 1"
        said = f"Marked {placed.marked:,} word{pluralize(placed.marked)} of {levels_named} known"
        if placed.kept:
            said += f"; {placed.kept:,} you had saved or marked keep their status"
        messages.success(request, said + ".")
    return HttpResponseRedirect(reverse("reader:word_list"), status=303)


@login_required
@require_POST
def word_place_undo(request):
    undone = vocabulary.undo_placement(user=request.user)
    messages.success(request, f"Placement undone: {undone:,} word{pluralize(undone)} taken back.")
    return HttpResponseRedirect(reverse("reader:word_list"), status=303)
