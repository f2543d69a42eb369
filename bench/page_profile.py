"""The Django side of `python -m bench.profile`: time (and optionally profile) reader pages
rendered on every request. Run by bench/profile.py, never directly."""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import statistics
import time

import django

from bench.database import refuse_other_databases

refuse_other_databases()
django.setup()

from django.db import connection
from django.test import Client

from articles.models import Article
from gallery.models import Album

READER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"


def expand(path: str) -> list[str]:
    """A page's address, or the many addresses that ``@articles`` and ``@albums`` stand for."""
    if path == "@articles":
        ids = random.Random(1000).sample(list(Article.objects.published().values_list("pk", flat=True)), 1000)
        articles = Article.objects.select_related("section").filter(pk__in=ids).order_by("?")
        return [article.get_absolute_url() for article in articles]
    if path == "@albums":
        ids = random.Random(500).sample(list(Album.objects.published().values_list("pk", flat=True)), 500)
        return [album.get_absolute_url() for album in Album.objects.filter(pk__in=ids).order_by("?")]
    return [path]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--requests", type=int, default=200, help="requests per page (default 200)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print the N costliest functions")
    parser.add_argument(
        "--visit-each", action="store_true", help="request every address once before measuring"
    )
    parser.add_argument("--sql", type=int, default=0, metavar="CHARS", help="print each query, cut at CHARS")
    parser.add_argument("--sort", default="tottime", help="pstats sort key (default tottime)")
    args = parser.parse_args()
    client = Client(HTTP_USER_AGENT=READER_AGENT)
    for path in args.paths:
        addresses = expand(path)
        for address in addresses if args.visit_each else addresses[:3]:  # warm-up
            client.get(address)
        queries: list[tuple[float, str]] = []

        def timed(execute, sql, params, many, context, queries=queries):  # Django's wrapper protocol
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                queries.append(((time.perf_counter() - started) * 1000, sql))

        with connection.execute_wrapper(timed):
            response = client.get(addresses[0])
        if response.status_code != 200:
            print(f"{path}: {response.status_code}")
            continue
        profiler = cProfile.Profile() if args.profile else None
        timings, cpu = [], []
        for number in range(args.requests):
            address = addresses[number % len(addresses)]
            started, started_cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            client.get(address)
            if profiler:
                profiler.disable()
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        sql_ms = sum(milliseconds for milliseconds, _ in queries)
        print(
            f"{path:>30}: median {statistics.median(timings):6.2f} ms (this process's CPU "
            f"{statistics.median(cpu):5.2f} ms), "
            f"{len(queries)} queries ({sql_ms:.1f} ms in SQL), {len(response.content):,} bytes"
        )
        if args.sql:
            for milliseconds, sql in queries:
                print(f"    {milliseconds:6.2f} ms  {sql[: args.sql]}")
        if profiler:
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
