"""Profile reader pages as the benchmark serves them, rendered on every request.

    python -m bench.profile / /news/ @articles        # time each page, 200 requests each
    python -m bench.profile --profile 25 /news/       # and the 25 costliest functions
    python -m bench.profile --requests 500 @albums

A path is a page's address; ``@articles`` and ``@albums`` stand for 1,000 different
articles and 500 different albums, requested in turn. The pages are rendered in this process
through Django's test client with the benchmark server's settings and the page cache off, on
the benchmark database (``make bench`` fills it). The profiling itself is bench/page_profile.py.
"""

from __future__ import annotations

import sys

from bench.database import bench_database_url, ensure_database, run_django_side, server_environment


def main() -> int:
    url = bench_database_url()
    ensure_database(url, fresh=False)
    environment = {key: value for key, value in server_environment(url).items() if key != "SERVE_MEDIA"}
    environment["PAGE_CACHE_SECONDS"] = "0"
    return run_django_side("bench.page_profile", sys.argv[1:], environment)


if __name__ == "__main__":
    sys.exit(main())
