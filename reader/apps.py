from django.apps import AppConfig


class ReaderConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reader"
    verbose_name = "Reader"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
