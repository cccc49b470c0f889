from django.apps import AppConfig
from django.db.models.signals import post_migrate


def keep_teachers_group(sender, **kwargs):
    """After every migrate (and every test-database flush) the group is there and up to date."""
    from django.contrib.auth.models import Group, Permission

    from .teachers import ensure_teachers_group

    ensure_teachers_group(Group, Permission)


class ReaderConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reader"
    verbose_name = "Reader"

    def ready(self):
        from django.conf import settings

        from . import checks, signals  # noqa: F401  (registers the checks, connects the receivers)
        from .text import dictionary

        dictionary.configure(settings.DUIZHAO_DICTIONARY_PATH)

        post_migrate.connect(keep_teachers_group, sender=self)
