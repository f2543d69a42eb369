"""The site on this machine: gunicorn and the job queue's worker together (`make run`).

    python -m alwaght.serve --host 127.0.0.1 --port 8000 --workers 2

Pictures uploaded in admin are prepared by the worker (``manage.py db_worker``), so a local
site needs both. Ctrl-C stops both; if either stops by itself, so does the other. Production
runs them as two services (README.md).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_site(
    host: str, port: int, workers: int, env: dict[str, str] | None = None
) -> list[subprocess.Popen]:
    """gunicorn on host:port and one job-queue worker, in this checkout, with ``env``."""
    bin_dir = Path(sys.executable).parent
    environment = env if env is not None else dict(os.environ)
    web = subprocess.Popen(  # noqa: S603 (our own command line)
        [str(bin_dir / "gunicorn"), "alwaght.wsgi", "--bind", f"{host}:{port}", "--workers", str(workers),
         "--access-logfile", "-", "--forwarded-allow-ips", "127.0.0.1", "--no-control-socket"],
        cwd=ROOT,
        env=environment,
    )  # fmt: skip
    jobs = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload"],
        cwd=ROOT,
        env=environment,
    )
    return [web, jobs]


def stop(processes: list[subprocess.Popen]) -> None:
    """Ask each process to stop (the worker finishes the job in hand), then insist."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def run_until_stopped(processes: list[subprocess.Popen]) -> int:
    """Wait while every process runs; stop them all when one ends or on Ctrl-C."""
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop(processes)
    return max((process.returncode or 0) for process in processes)


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    return run_until_stopped(start_site(args.host, args.port, args.workers))


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _stop)
    sys.exit(main())
