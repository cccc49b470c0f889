"""The header's "N due": how many review cards wait for the learner."""

from django import template

from reader import vocabulary

register = template.Library()


@register.inclusion_tag("reader/partials/due-link.html", takes_context=True)
def due_link(context):
    """The link to the review, with the count of due cards.

    The reader page is cached per learner, so its count must not be in the
    HTML: that page says ``due_in_state`` and its script writes the count
    from the learner's state. A page that has counted already says
    ``due_count``; any other counts now.
    """
    if context.get("due_in_state"):
        return {"from_state": True}
    count = context.get("due_count")
    if count is None:
        count = vocabulary.due_count(context["user"])
    return {"due_count": count}
