"""Make a teacher: ``manage.py createteacher USERNAME``.

The user is staff (so the admin lets them in) and in the Teachers group,
which gives them the articles and nothing else. The password is asked
for, or taken from DJANGO_TEACHER_PASSWORD when set (for scripts). Run it
again on an existing user to make them a teacher and set the password.
"""

import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from reader.teachers import TEACHERS_GROUP

PASSWORD_VARIABLE = "DJANGO_TEACHER_PASSWORD"


class Command(BaseCommand):
    help = "Create a teacher (a staff user in the Teachers group), or make a user one."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--dry-run", action="store_true", help="check, but save nothing")

    def handle(self, *args, username, email, dry_run, **options):
        password = os.environ.get(PASSWORD_VARIABLE) or self.ask_password()
        User = get_user_model()
        user = User.objects.filter(username=username).first() or User(
            username=username, email=email
        )
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError("password refused: " + " ".join(error.messages)) from error
        with transaction.atomic():
            created = user.pk is None
            user.is_staff = True
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=TEACHERS_GROUP))
            transaction.set_rollback(dry_run)
        verb = "created" if created else "updated"
        note = " (dry run: nothing saved)" if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"teacher {username} {verb}{note}"))

    def ask_password(self) -> str:
        if not self.stdin_is_interactive():
            raise CommandError(f"no terminal to ask for a password: set {PASSWORD_VARIABLE}")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("the two passwords differ")
        return first

    @staticmethod
    def stdin_is_interactive() -> bool:
        import sys

        return sys.stdin is not None and sys.stdin.isatty()
