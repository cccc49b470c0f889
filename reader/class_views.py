"""/classes/: a teacher's classes, assignments and figures; a learner's classes and what is due.

Every view answers 404 for a class the user neither teaches nor learns in,
and for ids that are not of that class. With htmx a change answers with
the part of the page it changed (a refusal too, as 422, which htmx is
configured to swap); without it, with a redirect back and a message.
"""

from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from . import classes, exports
from .forms import parse_id
from .models import Article, Classroom, new_join_code
from .teachers import is_teacher
from .views import page_or_region

DETAIL = "reader/classes/class_detail.html"
ASSIGNMENT = "reader/classes/assignment_detail.html"
REFUSED = 422  # htmx swaps it (base.html's htmx-config): the region says why
NAME_MAX = 150  # Django's first_name


def _parse_due(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise classes.ClassError(f"“{text[:20]}” is not a date (year-month-day).") from None


def _set_name(user, text: str) -> None:
    """The name a learner gives when joining, which their teachers then see."""
    name = " ".join(text.split())[:NAME_MAX]
    if name and name != user.get_full_name():
        user.first_name, user.last_name = name, ""
        user.save(update_fields=["first_name", "last_name"])


# ---- The list of classes ----


@login_required
@require_GET
def class_list(request):
    teacher = is_teacher(request.user)
    taught = list(classes.taught_by(request.user))
    counts = classes.counts_by_class(taught)
    for classroom in taught:
        classroom.learner_count, classroom.assignment_count = counts[classroom.pk]
    joined = list(Classroom.objects.filter(memberships__user=request.user))
    return render(
        request,
        "reader/classes/class_list.html",
        {
            "teacher": teacher,
            "taught": taught,
            "joined": joined,
            "due": classes.assignments_for(request.user),
        },
    )


@login_required
@require_POST
def class_create(request):
    try:
        classroom = classes.create_class(
            teacher=request.user,
            name=request.POST.get("name", ""),
            term=request.POST.get("term", ""),
        )
    except classes.ClassError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(reverse("reader:class_list"), status=303)
    messages.success(request, f"{classroom} is ready: give your learners its join code.")
    return HttpResponseRedirect(classroom.get_absolute_url(), status=303)


# ---- Joining and leaving ----


def _join(request, find) -> HttpResponse:
    """Put the learner in the class ``find()`` names; to the class, or back with why not."""
    try:
        classroom = find()
        joined = classes.join(request.user, classroom)
    except classes.ClassError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(reverse("reader:class_list"), status=303)
    _set_name(request.user, request.POST.get("name", ""))
    messages.success(
        request, f"You joined {classroom}." if joined else f"You are in {classroom} already."
    )
    return HttpResponseRedirect(classroom.get_absolute_url(), status=303)


@login_required
@require_POST
def class_join(request):
    return _join(request, lambda: classes.find_by_code(request.POST.get("code", "")))


@require_http_methods(["GET", "POST"])
def class_join_code(request, code):
    """The join link: a page that names the class and says what its teachers will see;
    a visitor is offered an account or a log-in that comes back here. Joining is a POST."""
    try:
        classroom = classes.find_by_code(code)
    except classes.ClassError:
        raise Http404("No class has that join code.") from None
    here = classroom.join_url()
    if request.method == "POST":
        if not request.user.is_authenticated:
            return HttpResponseRedirect(f"{reverse('login')}?{urlencode({'next': here})}")
        return _join(request, lambda: classroom)
    user = request.user
    return render(
        request,
        "reader/classes/join.html",
        {
            "classroom": classroom,
            "teachers": list(classroom.teachers.order_by("username")),
            "member": user.is_authenticated and classroom.memberships.filter(user=user).exists(),
            "teaching": user.is_authenticated and classroom.teachers.filter(pk=user.pk).exists(),
            "next": urlencode({"next": here}),
        },
    )


@login_required
@require_POST
def class_leave(request, class_id):
    """A learner leaves (their figures go with them); a teacher stops teaching the class."""
    kind, classroom = classes.role(request.user, class_id)
    if kind == "teacher":
        try:
            classes.stop_teaching(classroom, request.user)
        except classes.ClassError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(classroom.get_absolute_url(), status=303)
        messages.success(request, f"You no longer teach {classroom}.")
    else:
        classes.leave(request.user, classroom)
        messages.success(request, f"You left {classroom}; its teachers no longer see your reading.")
    return HttpResponseRedirect(reverse("reader:class_list"), status=303)


# ---- One class ----


def _teacher_page(request, classroom, *, status=200):
    table = classes.class_table(classroom)
    for assignment in table.assignments:
        assignment.finished_count = table.finished_count(assignment)
    assigned = {a.article_id for a in table.assignments}
    menu = Article.objects.published().only("pk", "slug", "title_en", "title_zh", "hsk_level")
    by_level = F("hsk_level").asc(nulls_last=True)  # the menu's groups, easiest first
    context = {
        "classroom": classroom,
        "table": table,
        "articles": [a for a in menu.order_by(by_level, "title_en") if a.pk not in assigned],
        "teachers": list(classroom.teachers.order_by("username")),
        "join_link": request.build_absolute_uri(classroom.join_url()),
    }
    return render(request, page_or_region(request, DETAIL, "work"), context, status=status)


@login_required
@require_GET
@vary_on_headers("HX-Request")
def class_detail(request, class_id):
    """The teacher's dashboard of the class; for a learner in it, what it gives them to read."""
    kind, classroom = classes.role(request.user, class_id)
    if kind == "teacher":
        return _teacher_page(request, classroom)
    return render(
        request,
        "reader/classes/class_learner.html",
        {
            "classroom": classroom,
            "due": classes.assignments_for(request.user, classroom=classroom),
            "teachers": list(classroom.teachers.order_by("username")),
        },
    )


def _teacher_change(request, class_id, change, done: str = ""):
    """Run ``change(classroom)`` for a teacher of the class, then answer with the work
    region (htmx) or a redirect to the class; a refusal says why in either."""
    classroom = classes.class_for_teacher(request.user, class_id)
    try:
        said = change(classroom)
    except classes.ClassError as error:
        messages.error(request, str(error))
        if request.htmx:
            return _teacher_page(request, classroom, status=REFUSED)
    else:
        if said or done:
            messages.success(request, said or done)
    if request.htmx:
        return _teacher_page(request, classroom)
    return HttpResponseRedirect(classroom.get_absolute_url(), status=303)


def _article_id(request) -> int:
    article_id = parse_id(request.POST.get("article", ""))
    if article_id is None:
        raise classes.ClassError("Choose a published article to assign.")
    return article_id


@login_required
@require_POST
def assignment_add(request, class_id):
    """Assign an article (``article``, ``due``); for an assigned one, change its due date."""

    def change(classroom):
        due = _parse_due(request.POST.get("due", ""))
        assignment = classes.assign(classroom, _article_id(request), due)
        when = f"due {date_format(due, 'D j M Y')}" if due else "no due date"
        return f"“{assignment.article}”: {when}."

    return _teacher_change(request, class_id, change)


@login_required
@require_POST
def assignment_delete(request, class_id, assignment_id):
    def change(classroom):
        assignment = classes.assignment_for_teacher(request.user, classroom.pk, assignment_id)
        assignment.delete()
        return f"“{assignment.article}” is no longer assigned; the learners keep their reading."

    return _teacher_change(request, class_id, change)


@login_required
@require_POST
def class_update(request, class_id):
    """Rename the class or change its term."""

    def change(classroom):
        classes.rename(classroom, request.POST.get("name", ""), request.POST.get("term", ""))
        return f"Saved: {classroom}."

    return _teacher_change(request, class_id, change)


@login_required
@require_POST
def class_archive(request, class_id):
    """Archive the class at the end of term (its figures stay readable), or open it again."""
    classroom = classes.class_for_teacher(request.user, class_id)
    classroom.archived = request.POST.get("archived") == "1"
    classroom.save(update_fields=["archived"])
    messages.success(
        request,
        "Archived: its figures stay readable; nobody can join and nothing new is assigned."
        if classroom.archived
        else "The class is open again.",
    )
    return HttpResponseRedirect(classroom.get_absolute_url(), status=303)


@login_required
@require_POST
def class_new_code(request, class_id):
    def change(classroom):
        classroom.code = new_join_code()
        classroom.save(update_fields=["code"])

    done = "A new join code: the old one no longer works."
    return _teacher_change(request, class_id, change, done)


@login_required
@require_POST
def class_add_teacher(request, class_id):
    username = request.POST.get("username", "")
    return _teacher_change(
        request,
        class_id,
        lambda classroom: classes.add_teacher(classroom, username),
        f"{username.strip()[:150]} teaches this class too.",
    )


@login_required
@require_POST
def class_remove_learner(request, class_id, user_id):
    def change(classroom):
        learner = (
            get_user_model().objects.filter(memberships__classroom=classroom, pk=user_id).first()
        )
        if learner is None:
            raise Http404("No such learner in this class.")
        classes.leave(learner, classroom)
        return f"{classes.learner_name(learner)} is no longer in the class."

    return _teacher_change(request, class_id, change)


@login_required
@require_GET
def class_export(request, class_id):
    """The class table as CSV: a row for each learner and assignment."""
    classroom = classes.class_for_teacher(request.user, class_id)
    rows = classes.csv_rows(classes.class_table(classroom))
    response = HttpResponse(
        exports.csv_table(classes.CSV_HEADER, rows), content_type="text/csv; charset=utf-8"
    )
    # The class's own name, Chinese included (sent as RFC 6266's filename*=UTF-8''…).
    name = slugify(f"{classroom.name} {classroom.term}", allow_unicode=True) or "class"
    response["Content-Disposition"] = content_disposition_header(True, f"duizhao-{name}.csv")
    return response


# ---- One assignment: where the class struggled ----


@login_required
@require_GET
@vary_on_headers("HX-Request")
def assignment_detail(request, class_id, assignment_id, segment_id=None):
    """One assignment: each learner's figures, and the text shaded where the class struggled.

    With ``segment_id``, that sentence's marks and the words the class looked
    up in it, how often: for htmx only that fragment, else the page with it shown.
    """
    assignment = classes.assignment_for_teacher(request.user, class_id, assignment_id)
    context = {"assignment": assignment, "classroom": assignment.classroom}
    if segment_id is not None:
        context["chosen"], context["words"] = classes.sentence_words(assignment, segment_id)
        if request.htmx and not request.htmx.history_restore_request:
            return render(request, f"{ASSIGNMENT}#sentence-words", context)
    table = classes.class_table(assignment.classroom, only=assignment)
    context.update(
        rows=[(learner, table.figures(learner, assignment)) for learner in table.learners],
        finished=table.finished_count(assignment),
        paragraphs=classes.struggle_map(assignment),
    )
    return render(request, ASSIGNMENT, context)
