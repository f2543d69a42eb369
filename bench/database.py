"""Where the benchmark's data lives: a database of its own on the site's server.

No Django here: the launchers (bench/generate.py, bench/run.py) decide the database,
then run the Django side (bench/fill.py, bench/measure.py) in a process configured
for it, so Django is set up once, at the top of those modules.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import dj_database_url
import psycopg2

from alwaght import embedded_db

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATABASE = os.environ.get("BENCH_DATABASE", "alwaght_bench")
# Set by the launchers for the Django side, which refuses to run on any other database.
MARKER = "ALWAGHT_BENCHMARK_DATABASE"


def bench_database_url() -> str:
    """The benchmark database's URL, on the same server the site uses."""
    base = os.environ.get("DATABASE_URL", "").strip()
    if base:
        parts = urlsplit(base)
        return urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))
    settings = embedded_db.ensure_running(Path(os.environ.get("VAR_DIR", ROOT / "var")))
    return f"postgres://postgres@{quote(settings['HOST'], safe='')}/{BENCH_DATABASE}"


def ensure_database(url: str, fresh: bool) -> bool:
    """Create the benchmark database (dropping it first when fresh). True when it is new."""
    config = dj_database_url.parse(url)
    connection = psycopg2.connect(
        dbname="postgres",
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        if fresh:
            cursor.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DATABASE])
        created = cursor.fetchone() is None
        if created:
            cursor.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
    connection.close()
    return created


def server_environment(database_url: str) -> dict[str, str]:
    """What the benchmark's gunicorn runs with: production settings on the loopback."""
    return {
        "PRODUCTION": "1",
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": database_url,
        "ROOT_URLCONF": "bench.urls",
        # The floor measures the stack without the page cache's lookups.
        "PAGE_CACHE_EXCLUDED_PATHS": "/bench-floor/",
        # Plain HTTP on the loopback: no redirect to HTTPS, no proxy headers to trust for the scheme.
        "SECURE_SSL_REDIRECT": "0",
        "TRUST_X_FORWARDED_PROTO": "0",
        # wrk plays many readers behind one proxy.
        "CLIENT_IP_HEADER": "X-Forwarded-For",
        "VIEWS_RATE_LIMIT_PER_MINUTE": "100000000",
        "LOG_LEVEL": "WARNING",
        "SERVE_MEDIA": "1",
    }


def run_django_side(module: str, arguments: list[str], environment: dict[str, str]) -> int:
    """Run ``python -m module`` with the benchmark database as its DATABASE_URL."""
    env = {**os.environ, **environment, MARKER: BENCH_DATABASE}
    env.setdefault("DJANGO_SETTINGS_MODULE", "alwaght.settings")
    return subprocess.run(
        [sys.executable, "-m", module, *arguments], cwd=ROOT, env=env, check=False
    ).returncode


def refuse_other_databases() -> None:
    """The Django side fills and loads a database: never the site's own by mistake."""
    url = os.environ.get("DATABASE_URL", "")
    if os.environ.get(MARKER) != BENCH_DATABASE or urlsplit(url).path != f"/{BENCH_DATABASE}":
        sys.exit("Run the benchmark with `make bench` (python -m bench.generate, python -m bench.run).")
