"""Running the job queue in a test: the real worker command, in this process, as `make run` does."""

from __future__ import annotations

import signal
from unittest import mock

from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

# The worker installs its own handlers for these (graceful shutdown); the test's come back after.
_SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]


def queued_jobs() -> int:
    """How many jobs wait for a worker."""
    return DBTaskResult.objects.ready().count()


def run_queued_jobs() -> int:
    """Run every job waiting in the queue with `manage.py db_worker --batch`; returns how many ran."""
    waiting = queued_jobs()
    handlers = {number: signal.getsignal(number) for number in _SIGNALS}
    # The worker recycles old database connections between jobs; a test's connection holds the
    # test's transaction, so it is kept (as Django's test client does around requests).
    keep_connection = mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    try:
        with keep_connection:
            call_command(
                "db_worker",
                batch=True,
                queue_name="*",
                interval=0,
                startup_delay=False,
                reload=False,
                verbosity=0,
            )
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
    return waiting
