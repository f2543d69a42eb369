"""``manage.py catalogues update|compile``: the Arabic and Persian catalogues (alwaght/catalogues.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from alwaght import catalogues
from common import editions


class Command(BaseCommand):
    help = "Collect the project's strings into locale/<language>/LC_MESSAGES/django.po, or compile them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["update", "compile"])

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        languages = editions.prefixed()
        if action == "update":
            for language, missing in catalogues.update(languages).items():
                self.stdout.write(f"{language}: {missing} strings await translation")
        else:
            catalogues.compile_all(languages)
            self.stdout.write(f"Compiled: {', '.join(languages)}")
