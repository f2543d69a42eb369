from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """The bottom layer: what every content app shares. It imports no other app of the project."""

    name = "common"
    verbose_name = _("Image library")

    def ready(self) -> None:
        from common.converters import UnicodeSlugConverter

        register_converter(UnicodeSlugConverter, "uslug")
