"""A sentence an anonymous learner tried to bookmark is bookmarked once they log in."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import services
from .models import Article, Segment

PENDING_BOOKMARK_SESSION_KEY = "pending_bookmark"


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
