"""The Teachers group, with the permissions listed in ``reader.teachers``."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from reader.teachers import TEACHERS_GROUP, ensure_teachers_group


def create_teachers(apps, schema_editor):
    # Permissions are normally made after all migrations have run; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    ensure_teachers_group(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_teachers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=TEACHERS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reader", "0004_wordcorrection"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_teachers, remove_teachers)]
