"""What carries over when a visitor logs in: the sentence they tried to bookmark, and
the reading settings they chose."""

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import services, vocabulary
from .models import Article, Profile, RetiredSegment, Segment
from .preferences import SESSION_KEY

PENDING_BOOKMARK_SESSION_KEY = "pending_bookmark"
PENDING_WORD_SESSION_KEY = "pending_word"


@receiver(user_logged_in)
def keep_anonymous_preferences(sender, request, user, **kwargs):
    """Reading settings chosen before logging in become the learner's, unless they have theirs."""
    if request is None or Profile.objects.filter(user=user).exists():
        return
    stored = request.session.get(SESSION_KEY)
    if stored:
        Profile.objects.create(user=user, **stored)


@receiver(user_logged_in)
def add_pending_bookmark(sender, request, user, **kwargs):
    if request is None:
        return
    segment_id = request.session.pop(PENDING_BOOKMARK_SESSION_KEY, None)
    if segment_id is None:
        return
    visible = Article.objects.visible_to(user)
    segment = (
        Segment.objects.filter(pair__article__in=visible, pk=segment_id)
        .select_related("pair__article")
        .first()
    )
    if segment is None:
        # Re-aligned while they logged in: the sentence with the same text, if any.
        retired = RetiredSegment.objects.filter(article__in=visible, pk=segment_id).first()
        segment = services.successor(retired) if retired else None
    if segment is not None:
        try:
            services.add_bookmark(user=user, segment=segment)
        except services.SegmentGone:
            return
        messages.success(request, "Bookmarked. It is waiting for you in My bookmarks.")


@receiver(user_logged_in)
def add_pending_word(sender, request, user, **kwargs):
    """The word a visitor tried to save or mark from a pop-up, saved once they log in."""
    if request is None:
        return
    pending = request.session.pop(PENDING_WORD_SESSION_KEY, None)
    if not isinstance(pending, dict):
        return
    visible = Article.objects.visible_to(user)
    segment = Segment.objects.filter(pair__article__in=visible, pk=pending.get("seg")).first()
    try:
        row = vocabulary.set_status(
            user=user,
            word=pending.get("word", ""),
            status=pending.get("status", ""),
            segment=segment,
        )
    except vocabulary.WordError:
        return
    said = "saved to your words" if row.status == row.Status.LEARNING else f"marked {row.status}"
    messages.success(request, f"{row.word}: {said}.")
