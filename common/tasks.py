"""Work done outside requests, by the job queue (django-tasks, stored in PostgreSQL).

`make run` starts the worker beside the web server (``python manage.py db_worker``); in
production it runs as a service of its own (README.md). PostgreSQL stays the only service the
site needs: jobs are rows, enqueued in the transaction of the change that needs them, so a
change that rolls back leaves no job behind and a committed one never loses its job.
"""

from __future__ import annotations

from typing import Any

from django_tasks import task

from common.models import Image


@task()
def process_image(image_id: int) -> None:
    """Clean a library image's original and make its renditions (Image.process)."""
    image = Image.objects.filter(pk=image_id).first()
    if image is not None:
        image.process()


def queue_image_processing(sender: type[Image], instance: Image, **kwargs: Any) -> None:
    """post_save of Image: queue the work a new upload or a new focal point needs."""
    if instance.needs_processing and not instance.processing_error:
        process_image.enqueue(instance.pk)


def delete_image_files(sender: type[Image], instance: Image, **kwargs: Any) -> None:
    """post_delete of Image: its original and renditions go once the deletion commits (their
    addresses would otherwise keep answering)."""
    instance.delete_files()
