"""Fill a separate database with a newsroom-sized site, fast.

    python -m bench.generate            # full size: 100,000 articles over 10 years, and the rest
    python -m bench.generate --small    # a tenth, for trying the benchmark quickly
    python -m bench.generate --fresh    # drop and rebuild the benchmark database first

The database is ``alwaght_bench`` on the server of DATABASE_URL, or on the embedded
server under var/ when DATABASE_URL is unset. The filling itself is bench/fill.py.
"""

from __future__ import annotations

import argparse
import sys

from bench.database import bench_database_url, ensure_database, run_django_side


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--small", action="store_true", help="a tenth of the full size")
    parser.add_argument("--fresh", action="store_true", help="drop the benchmark database first")
    args = parser.parse_args()
    url = bench_database_url()
    ensure_database(url, fresh=args.fresh)
    # Filling inserts 100,000 rows in a statement: the site's own statement timeout is for readers.
    environment = {"DATABASE_URL": url, "DATABASE_STATEMENT_TIMEOUT_MS": "0"}
    return run_django_side("bench.fill", ["--small"] if args.small else [], environment)


if __name__ == "__main__":
    sys.exit(main())
