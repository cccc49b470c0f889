"""The Teachers group: what teachers may do, in one place.

They add, change, delete and view articles with their pairs, segments and
word fixes; nothing else (no users, no groups, no learners' bookmarks).
"""

TEACHERS_GROUP = "Teachers"
TEACHER_MODELS = ["article", "paragraphpair", "segment", "wordcorrection"]
ACTIONS = ["add", "change", "delete", "view"]


def teacher_codenames() -> list[str]:
    return [f"{action}_{model}" for model in TEACHER_MODELS for action in ACTIONS]


def ensure_teachers_group(group_model, permission_model):
    """Create the group if needed and give it exactly the teachers' permissions.

    Takes the models as arguments so that a migration can pass its historical ones.
    """
    group, _ = group_model.objects.get_or_create(name=TEACHERS_GROUP)
    group.permissions.set(
        permission_model.objects.filter(
            content_type__app_label="reader", codename__in=teacher_codenames()
        )
    )
    return group


def is_teacher(user) -> bool:
    """A staff user in the Teachers group, or a superuser: who may run classes."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name=TEACHERS_GROUP).exists()
