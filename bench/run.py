"""Load the site with wrk under gunicorn and production settings, beside a trivial floor view.

    python -m bench.run                      # every target, 10 s each
    python -m bench.run --only floor views   # some targets
    python -m bench.run --duration 20 --connections 16 --workers 2

The measuring itself is bench/measure.py, run here against the benchmark database.
"""

from __future__ import annotations

import shutil
import sys

from bench.database import bench_database_url, ensure_database, run_django_side, server_environment


def main() -> int:
    if shutil.which("wrk") is None:
        print("wrk is needed: apt-get install -y wrk", file=sys.stderr)
        return 2
    url = bench_database_url()
    ensure_database(url, fresh=False)
    # The measuring process reads its settings as the benchmark's server does (its own requests
    # count queries with them), but serves no media itself.
    environment = {key: value for key, value in server_environment(url).items() if key != "SERVE_MEDIA"}
    return run_django_side("bench.measure", sys.argv[1:], environment)


if __name__ == "__main__":
    sys.exit(main())
