"""What carries over when a visitor logs in: the sentence they tried to bookmark, and
the reading settings they chose."""

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import services
from .models import Article, Profile, Segment
from .preferences import SESSION_KEY

PENDING_BOOKMARK_SESSION_KEY = "pending_bookmark"


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
    segment = (
        Segment.objects.filter(pair__article__in=Article.objects.visible_to(user), pk=segment_id)
        .select_related("pair__article")
        .first()
    )
    if segment is not None:
        services.add_bookmark(user=user, segment=segment)
        messages.success(request, "Bookmarked. It is waiting for you in My bookmarks.")
