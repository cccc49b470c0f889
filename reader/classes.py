"""Classes: who teaches and who learns in each, what they are given to read, and the
figures a teacher sees of it.

Every figure is a count worked out from what the learners' own rows say
(reading progress, bookmarks, words, ``ReadingEvent``) for the learners who
are in the class now: a learner who leaves takes their figures with them,
and nothing a learner wrote (a note) ever reaches a teacher. The class
table and the struggle map are each built in a fixed number of queries,
whatever the class's size.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.dateformat import format as date_format

from .forms import parse_id
from .models import (
    JOIN_CODE_ALPHABET,
    Article,
    Assignment,
    Bookmark,
    Classroom,
    Membership,
    ReadingEvent,
    ReadingProgress,
    Segment,
    WordStatus,
)
from .teachers import is_teacher

# At most this many sentences' reveals are taken from one batch the reader sends.
MAX_REVEALS_PER_BATCH = 200


class ClassError(ValueError):
    """A request about a class that cannot be done; the message says why."""


# ---- Who sees which class ----


def taught_by(user):
    """The classes ``user`` teaches: none once they are no longer a teacher here."""
    if not is_teacher(user):
        return Classroom.objects.none()
    return Classroom.objects.filter(teachers=user)


def class_for_teacher(user, class_id) -> Classroom:
    """The class ``class_id`` if ``user`` teaches it; 404 for anyone else."""
    found = taught_by(user).filter(pk=class_id).first()
    if found is None:
        raise Http404("No such class.")
    return found


def role(user, class_id) -> tuple[str, Classroom]:
    """("teacher", class) or ("learner", class) for the class ``class_id``; 404 for anyone
    who neither teaches it nor learns in it."""
    try:
        return "teacher", class_for_teacher(user, class_id)
    except Http404:
        return "learner", class_for_member(user, class_id)


def class_for_member(user, class_id) -> Classroom:
    """The class ``class_id`` if ``user`` is a learner in it; 404 for anyone else."""
    found = (
        Classroom.objects.filter(memberships__user=user, pk=class_id).first()
        if user.is_authenticated
        else None
    )
    if found is None:
        raise Http404("No such class.")
    return found


def assignment_for_teacher(user, class_id, assignment_id) -> Assignment:
    classroom = class_for_teacher(user, class_id)
    found = (
        classroom.assignments.select_related("article", "classroom")
        .filter(pk=assignment_id)
        .first()
    )
    if found is None:
        raise Http404("No such assignment.")
    return found


# ---- Changes ----


def clean_code(text: str) -> str:
    """A join code as typed: any case, spaces or dashes inside, or the whole join link."""
    text = text.strip().rstrip("/").rsplit("/", 1)[-1]
    return "".join(char for char in text.upper() if char in JOIN_CODE_ALPHABET)


def _name_and_term(name: str, term: str) -> tuple[str, str]:
    name = " ".join(name.split())
    if not name:
        raise ClassError("A class needs a name.")
    return name[:120], " ".join(term.split())[:60]


def create_class(*, teacher, name: str, term: str = "") -> Classroom:
    if not is_teacher(teacher):
        raise ClassError("Only teachers can make a class.")
    name, term = _name_and_term(name, term)
    with transaction.atomic():
        classroom = Classroom.objects.create(name=name, term=term)
        classroom.teachers.add(teacher)
    return classroom


def rename(classroom: Classroom, name: str, term: str) -> None:
    classroom.name, classroom.term = _name_and_term(name, term)
    classroom.save(update_fields=["name", "term"])


def add_teacher(classroom: Classroom, username: str) -> None:
    """Let another teacher see and run the class."""
    other = get_user_model().objects.filter(username=username.strip()).first()
    if other is None or not is_teacher(other):
        raise ClassError(f"“{username.strip()[:150]}” is not a teacher here.")
    if classroom.memberships.filter(user=other).exists():
        raise ClassError(f"{other.get_username()} is a learner in this class.")
    if classroom.teachers.filter(pk=other.pk).exists():
        raise ClassError(f"{other.get_username()} teaches this class already.")
    classroom.teachers.add(other)


def stop_teaching(classroom: Classroom, teacher) -> None:
    with transaction.atomic():
        # Two teachers leaving at once must not both see the other still there.
        Classroom.objects.select_for_update().filter(pk=classroom.pk).first()
        if classroom.teachers.count() < 2:
            raise ClassError("A class keeps at least one teacher: add another one first.")
        classroom.teachers.remove(teacher)


def find_by_code(code: str) -> Classroom:
    found = Classroom.objects.filter(code=clean_code(code)).first() if clean_code(code) else None
    if found is None:
        raise ClassError("No class has that join code: check it with your teacher.")
    return found


def join(user, classroom: Classroom) -> bool:
    """Put the learner in the class; False when they were in it already."""
    if classroom.archived:
        raise ClassError(f"{classroom} has ended: it takes no new learners.")
    if classroom.teachers.filter(pk=user.pk).exists():
        raise ClassError(f"You teach {classroom}: teachers do not join their own class.")
    try:
        with transaction.atomic():
            Membership.objects.create(classroom=classroom, user=user)
    except IntegrityError:
        return False
    return True


def leave(user, classroom: Classroom) -> None:
    """Take the learner out of the class, and their figures with them."""
    Membership.objects.filter(classroom=classroom, user=user).delete()


def assign(classroom: Classroom, article_id, due=None) -> Assignment:
    if classroom.archived:
        raise ClassError(f"{classroom} has ended: nothing new can be assigned.")
    article = Article.objects.published().filter(pk=article_id).first()
    if article is None:
        raise ClassError("Choose a published article to assign.")
    assignment, created = Assignment.objects.get_or_create(
        classroom=classroom, article=article, defaults={"due": due}
    )
    if not created:
        assignment.due = due
        assignment.save(update_fields=["due"])
    return assignment


# ---- What the reader sends: look-ups and reveals ----


def note_lookup(user, segment: Segment, word: str) -> None:
    """Count a look-up of ``word`` in ``segment``: only of a word the sentence has, so that
    nobody can write other words into a class's figures."""
    if not any(token.text == word for token in segment.annotated.zh):
        return
    now = timezone.now()
    updated = ReadingEvent.objects.filter(
        user=user, segment=segment, kind=ReadingEvent.Kind.LOOKUP, word=word
    ).update(count=F("count") + 1, last=now)
    if not updated:
        ReadingEvent.objects.bulk_create(
            [
                ReadingEvent(
                    user=user,
                    article_id=segment.pair.article_id,
                    segment=segment,
                    kind=ReadingEvent.Kind.LOOKUP,
                    word=word,
                    first=now,
                    last=now,
                )
            ],
            ignore_conflicts=True,  # a look-up from another tab at the same moment
        )


def reveal_ids(text: str) -> list[int]:
    """The sentence ids of a batch's ``revealed`` field ("12,15,16"); bad ones are left out."""
    ids = (parse_id(part) for part in text.split(",")[: MAX_REVEALS_PER_BATCH * 2])
    return list(dict.fromkeys(pk for pk in ids if pk is not None))[:MAX_REVEALS_PER_BATCH]


def note_reveals(user, article_id: int, segment_ids: list[int]) -> int:
    """Count the sentences of the article whose English the learner revealed; how many."""
    if not segment_ids:
        return 0
    found = Segment.objects.filter(pair__article_id=article_id, pk__in=segment_ids).values_list(
        "pk", flat=True
    )
    now = timezone.now()
    ReadingEvent.objects.bulk_create(
        [
            ReadingEvent(
                user=user,
                article_id=article_id,
                segment_id=pk,
                kind=ReadingEvent.Kind.REVEAL,
                first=now,
                last=now,
            )
            for pk in found
        ],
        ignore_conflicts=True,  # a sentence revealed again counts once
    )
    return len(found)


# ---- Figures ----


def is_late(due, finished: bool) -> bool:
    """An assignment not finished by the end of its due date."""
    return bool(due and not finished and due < timezone.localdate())


def learner_name(user) -> str:
    """A learner as their teachers see them: their name if they gave one."""
    return user.get_full_name() or user.get_username()


@dataclass
class Figures:
    """One learner's reading of one assigned article."""

    late: bool = False
    opened: bool = False
    share: int = 0
    finished: bool = False
    looked_up: int = 0  # distinct words
    revealed: int = 0  # sentences
    bookmarked: int = 0  # sentences
    saved: int = 0  # words first met here, kept to learn or marked known

    @property
    def state(self) -> str:
        if self.finished:
            return "finished"
        return "reading" if self.opened else "not-opened"


@dataclass
class ClassTable:
    classroom: Classroom
    assignments: list[Assignment]
    learners: list  # users, by name
    cells: dict = field(default_factory=dict)  # (user id, article id) -> Figures

    def figures(self, user, assignment) -> Figures:
        figures = self.cells.get((user.pk, assignment.article_id)) or Figures()
        figures.late = is_late(assignment.due, figures.finished)
        return figures

    def rows(self):
        """Each learner with their figures for each assignment, in the table's order."""
        for learner in self.learners:
            yield learner, [self.figures(learner, a) for a in self.assignments]

    def finished_count(self, assignment) -> int:
        return sum(self.figures(learner, assignment).finished for learner in self.learners)


def class_table(classroom: Classroom, *, only: Assignment | None = None) -> ClassTable:
    """Every learner's figures for every assignment (or ``only`` one): six queries,
    whatever the size."""
    assignments = classroom.assignments.select_related("article")
    assignments = [only] if only is not None else list(assignments)
    learners = list(
        get_user_model()
        .objects.filter(memberships__classroom=classroom)
        .order_by("username")
        .only("pk", "username", "first_name", "last_name")
    )
    table = ClassTable(classroom, assignments, learners)
    if not assignments or not learners:
        return table
    users = [learner.pk for learner in learners]
    articles = [assignment.article_id for assignment in assignments]

    def cell(user_id, article_id) -> Figures:
        return table.cells.setdefault((user_id, article_id), Figures())

    places = ReadingProgress.objects.filter(user_id__in=users, article_id__in=articles)
    for user_id, article_id, share, finished in places.values_list(
        "user_id", "article_id", "share", "finished"
    ):
        figures = cell(user_id, article_id)
        figures.opened, figures.share, figures.finished = True, share, finished
    events = (
        ReadingEvent.objects.filter(user_id__in=users, article_id__in=articles)
        .values_list("user_id", "article_id")
        .annotate(
            looked=Count("word", distinct=True, filter=Q(kind=ReadingEvent.Kind.LOOKUP)),
            # A sentence a re-alignment rebuilt counts no more: it may be revealed again.
            revealed=Count("id", filter=Q(kind=ReadingEvent.Kind.REVEAL, segment__isnull=False)),
        )
        .order_by()
    )
    for user_id, article_id, looked, revealed in events:
        figures = cell(user_id, article_id)
        figures.looked_up, figures.revealed = looked, revealed
    bookmarks = (
        Bookmark.objects.filter(user_id__in=users, article_id__in=articles)
        .values_list("user_id", "article_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for user_id, article_id, n in bookmarks:
        cell(user_id, article_id).bookmarked = n
    saved = (
        WordStatus.objects.filter(user_id__in=users, article_id__in=articles, placed=False)
        .exclude(status=WordStatus.Status.NEW)
        .values_list("user_id", "article_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for user_id, article_id, n in saved:
        cell(user_id, article_id).saved = n
    return table


CSV_HEADER = [
    "learner",
    "article",
    "due",
    "opened",
    "share read (%)",
    "finished",
    "words looked up",
    "English revealed (sentences)",
    "sentences bookmarked",
    "words saved",
]


def csv_rows(table: ClassTable):
    """A row for each learner and assignment, under ``CSV_HEADER`` (``exports.csv_table``
    writes them, never as formulas)."""
    for learner in table.learners:
        for assignment in table.assignments:
            figures = table.figures(learner, assignment)
            yield [
                learner_name(learner),
                str(assignment.article),
                assignment.due.isoformat() if assignment.due else "",
                "yes" if figures.opened else "no",
                str(figures.share),
                "yes" if figures.finished else "no",
                str(figures.looked_up),
                str(figures.revealed),
                str(figures.bookmarked),
                str(figures.saved),
            ]


# ---- Where the class struggled ----


@dataclass
class SentenceMarks:
    """How many of the class's learners met trouble in one sentence (counts, never who)."""

    segment: Segment
    bookmarked: int = 0
    looked_up: int = 0
    revealed: int = 0
    learners: int = 0  # with any of the three
    shade: int = 0  # 0 (nobody) to 4 (most of the class)


def _shade(learners: int, class_size: int) -> int:
    if not learners or not class_size:
        return 0
    return min(4, 1 + (4 * learners - 1) // class_size)


def _marks(assignment: Assignment, segments: list[Segment]) -> list[SentenceMarks]:
    """Each of ``segments`` with how many of the class's learners met trouble there."""
    members = Membership.objects.filter(classroom_id=assignment.classroom_id).values("user_id")
    class_size = Membership.objects.filter(classroom_id=assignment.classroom_id).count()
    ids = [segment.pk for segment in segments]
    who: dict[int, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    events = (
        ReadingEvent.objects.filter(segment_id__in=ids, user_id__in=members)
        .values_list("segment_id", "kind", "user_id")
        .distinct()
    )
    for segment_id, kind, user_id in events:
        who[segment_id][kind].add(user_id)
    bookmarks = (
        Bookmark.objects.filter(segment_id__in=ids, user_id__in=members)
        .values_list("segment_id", "user_id")
        .distinct()
    )
    for segment_id, user_id in bookmarks:
        who[segment_id]["bookmark"].add(user_id)
    found = []
    for segment in segments:
        sets = who.get(segment.pk, {})
        anyone = set().union(*sets.values()) if sets else set()
        found.append(
            SentenceMarks(
                segment,
                bookmarked=len(sets.get("bookmark", ())),
                looked_up=len(sets.get(ReadingEvent.Kind.LOOKUP, ())),
                revealed=len(sets.get(ReadingEvent.Kind.REVEAL, ())),
                learners=len(anyone),
                shade=_shade(len(anyone), class_size),
            )
        )
    return found


def struggle_map(assignment: Assignment) -> list[list[SentenceMarks]]:
    """The assigned article's sentences, by paragraph, each with the class's marks."""
    segments = list(
        Segment.objects.filter(pair__article_id=assignment.article_id)
        .exclude(zh="", en="")
        .select_related("pair")
        .order_by("pair__position", "position")
    )
    paragraphs: list[list[SentenceMarks]] = []
    last_pair = None
    for marks in _marks(assignment, segments):
        if marks.segment.pair_id != last_pair:
            paragraphs.append([])
            last_pair = marks.segment.pair_id
        paragraphs[-1].append(marks)
    return paragraphs


def sentence_words(assignment: Assignment, segment_id) -> tuple[SentenceMarks, list[dict]]:
    """One sentence of the assignment with the class's marks, and the words looked up
    there: by how many learners, how often."""
    segment = (
        Segment.objects.filter(pair__article_id=assignment.article_id, pk=segment_id)
        .select_related("pair")
        .first()
    )
    if segment is None:
        raise Http404("No such sentence in this article.")
    members = Membership.objects.filter(classroom_id=assignment.classroom_id).values("user_id")
    words = list(
        ReadingEvent.objects.filter(
            segment=segment, kind=ReadingEvent.Kind.LOOKUP, user_id__in=members
        )
        .values("word")
        .annotate(times=Sum("count"), learners=Count("user_id", distinct=True))
        .order_by("-learners", "-times", "word")
    )
    return _marks(assignment, [segment])[0], words


# ---- A learner's side ----


@dataclass(frozen=True)
class Due:
    """An assignment as a learner sees it: the article, the class, when, and whether done."""

    assignment: Assignment
    share: int
    finished: bool
    opened: bool

    @property
    def overdue(self) -> bool:
        return is_late(self.assignment.due, self.finished)

    @property
    def current(self) -> bool:
        """Still to do, or done but not yet due: what the top of the article list shows."""
        due = self.assignment.due
        return not self.finished or bool(due and due >= timezone.localdate())


def assignments_for(
    user, *, classroom: Classroom | None = None, article_id: int | None = None
) -> list[Due]:
    """The learner's assignments in their current classes (or one class; or of one article),
    soonest due first, done ones last: two queries."""
    if not user.is_authenticated:
        return []
    given = Assignment.objects.filter(
        classroom__memberships__user=user, article__published=True
    ).select_related("article", "classroom")
    if article_id is not None:
        given = given.filter(article_id=article_id)
    given = (
        given.filter(classroom=classroom) if classroom else given.filter(classroom__archived=False)
    )
    given = list(given)
    places = {
        row[0]: row[1:]
        for row in ReadingProgress.objects.filter(
            user=user, article_id__in={a.article_id for a in given}
        ).values_list("article_id", "share", "finished")
    }
    found = [
        Due(a, *(places.get(a.article_id) or (0, False)), opened=a.article_id in places)
        for a in given
    ]
    found.sort(key=lambda d: (d.finished, d.assignment.due is None, d.assignment.due or 0))
    return found


def counts_by_class(classes) -> dict[int, tuple[int, int]]:
    """Learners and assignments of each class, in two queries."""
    ids = [c.pk for c in classes]

    def per_class(model) -> Counter:
        rows = model.objects.filter(classroom_id__in=ids).values_list("classroom_id")
        return Counter(dict(rows.annotate(n=Count("id")).order_by()))

    learners, given = per_class(Membership), per_class(Assignment)
    return {pk: (learners[pk], given[pk]) for pk in ids}


def assigned_here(user, article_id: int) -> list[dict]:
    """The learner's current classes that assigned the article: name, due date, late."""
    return [
        {
            "class": str(due.assignment.classroom),
            "due": date_format(due.assignment.due, "D j M Y") if due.assignment.due else "",
            "late": due.overdue,
        }
        for due in assignments_for(user, article_id=article_id)
    ]
