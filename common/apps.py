from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_save
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """The bottom layer: what every content app shares. It imports no other app of the project."""

    name = "common"
    verbose_name = _("Image library")

    def ready(self) -> None:
        from taggit.models import Tag

        from common import tasks
        from common.converters import UnicodeSlugConverter
        from common.models import Image
        from common.tags import clean_tag_before_save

        register_converter(UnicodeSlugConverter, "uslug")
        pre_save.connect(clean_tag_before_save, sender=Tag, dispatch_uid="common-tag-slug")
        post_save.connect(tasks.queue_image_processing, sender=Image, dispatch_uid="common-image-queue")
        post_delete.connect(tasks.delete_image_files, sender=Image, dispatch_uid="common-image-files")
