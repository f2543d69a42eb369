"""The Django side of `python -m bench.run`: serve the benchmark database with gunicorn and
production settings, load it with wrk beside a trivial floor view, and report.

Run by bench/run.py, never directly. Fills the benchmark database first if it is empty
(bench/fill.py). Serves it on 127.0.0.1 with gunicorn (sync workers), runs wrk for a fixed
time per URL at fixed concurrency, and reports requests/s, p50 and p99 latency, the ratio to
the floor, SQL queries per request and the workers' peak memory. Writes bench/results/latest.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote
from urllib.request import Request, urlopen

import django
import psutil

from bench.database import ROOT, refuse_other_databases, server_environment

# Django is set up here, once, before the project's models are imported.
refuse_other_databases()
django.setup()

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from alwaght.edge_server import INSTALL_HINT, Varnish, find_varnishd
from articles import ranking
from articles.models import Article, Author, Section
from bench.fill import FULL, fill
from comments.models import Comment
from common.models import Fragment
from focus.models import Topic
from gallery.models import Album

RESULTS = ROOT / "bench" / "results"
READER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
)


@dataclass
class Target:
    name: str
    path: str  # a path, or a Lua file's job when ``lua`` is set
    lua: str = ""  # body of a wrk script (request function)
    warm_up: bool = True  # False: no unmeasured run first (the view beacon: it would count)
    note: str = ""
    edge: bool = False  # through Varnish (bench/measure.py starts it when varnishd is installed)
    newsroom: bool = False  # with comments approved and articles published during the run
    seconds: int | None = None  # a fixed length, whatever --duration says
    # Before the run: "visit" requests every page of the target once (its stored pieces are
    # rendered, as on a running site); "empty" deletes every stored piece (nothing rendered yet).
    stored_pieces: str = ""


@dataclass
class Result:
    target: Target
    requests_per_second: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    requests: int = 0
    errors: int = 0
    queries: int | None = None
    slowest_query_ms: float | None = None
    extra: dict[str, str] = field(default_factory=dict)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving the benchmark database, with its workers' memory sampled."""

    def __init__(self, database_url: str, workers: int, extra_env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.env = {**os.environ, **server_environment(database_url), **(extra_env or {})}
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        self.workers = workers
        self.peak_rss = 0
        self._sampling = False

    def __enter__(self) -> Server:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "alwaght.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--worker-class",
                "sync",
                "--log-level",
                "warning",
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urlopen(f"{self.url}/healthz", timeout=2) as response:  # noqa: S310 (our loopback server)
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("gunicorn did not answer /healthz within a minute")
        self._sampling = True
        threading.Thread(target=self._sample_memory, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._sampling = False
        self.process.terminate()
        self.process.wait(timeout=30)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def worker_rss(self) -> list[int]:
        try:
            return [child.memory_info().rss for child in psutil.Process(self.process.pid).children()]
        except psutil.Error:
            return []

    def _sample_memory(self) -> None:
        while self._sampling:
            self.peak_rss = max([self.peak_rss, *self.worker_rss()])
            time.sleep(0.5)


def run_wrk(url: str, target: Target, duration: int, connections: int) -> Result:
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{duration}s",
        "--latency",
        "-H",
        f"User-Agent: {READER_AGENT}",
        # As browsers do: an edge that keeps pages compressed sends them as they are.
        "-H",
        "Accept-Encoding: gzip",
    ]
    script = None
    if target.lua:
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115
        script.write(target.lua)
        script.close()
        command += ["-s", script.name]
    command.append(url + target.path)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if os.environ.get("BENCH_VERBOSE"):
        print(output, file=sys.stderr)
    if script:
        os.unlink(script.name)
    result = Result(target)
    result.requests_per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    result.requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result.errors = int(errors.group(1)) if errors else 0
    result.p50_ms = latency(output, "50%")
    result.p99_ms = latency(output, "99%")
    return result


def latency(output: str, percentile: str) -> float:
    match = re.search(rf"^\s+{re.escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def queries_per_request(path: str) -> tuple[int, float]:
    """SQL queries one request to ``path`` runs when it renders (page cache off), and the
    slowest one's time in ms (the best of three renders, so a cold buffer does not count)."""
    client = Client(HTTP_USER_AGENT=READER_AGENT)
    with override_settings(PAGE_CACHE_SECONDS=0):
        client.get(path)
        runs = []
        for _ in range(3):
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            runs.append(queries.captured_queries)
    slowest = min(max((float(query["time"]) for query in run), default=0.0) for run in runs)
    return len(runs[0]), slowest * 1000


def machine_summary() -> str:
    cpus = os.cpu_count()
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        model = found.group(1).strip() if found else ""
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        found = re.search(r"MemTotal:\s+(\d+) kB", meminfo.read_text())
        memory = f"{int(found.group(1)) / 1024 / 1024:.0f} GiB" if found else ""
    return f"{cpus} cores ({model}), {memory} RAM, Python {platform.python_version()}"


def views_lua(first_id: int, last_id: int) -> str:
    # Each wrk thread, and each run, gets its own readers: the same reader and article again
    # within 30 minutes is a repeat view, rightly counted once (Redis remembers across runs).
    return f"""
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("seed", threads)
end
function init(args)
  math.randomseed(os.time() * 7919 + seed)
end
request = function()
  local id = math.random({first_id}, {last_id})
  local reader = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  -- wrk.format's headers replace the defaults, so the browser's User-Agent is set here too.
  -- As a browser sends the beacon from one of the site's own pages (others are refused).
  local headers = {{["X-Forwarded-For"] = reader, ["User-Agent"] = "{READER_AGENT}", ["Sec-Fetch-Site"] = "same-origin"}}
  return wrk.format("POST", "/views/" .. id .. "/", headers, "")
end
"""


def paths_lua(paths: list[str]) -> str:
    listed = ",\n".join(f'  "{path}"' for path in paths)
    return f"""
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("seed", threads)
end
function init(args)
  math.randomseed(seed * 104729)
end
local paths = {{
{listed}
}}
request = function()
  return wrk.format("GET", paths[math.random(1, #paths)])
end
"""


def newsroom_lua(article_paths: list[str]) -> str:
    """Readers on the home page (one request in ten) and on 1,000 articles."""
    return paths_lua(["/"] * (len(article_paths) // 9) + article_paths)


@dataclass
class Table:
    """One table of the report: a gunicorn with its own settings and the floor beside it."""

    title: str
    description: str
    environment: dict[str, str]
    targets: list[Target]


def build_tables() -> list[Table]:
    """Every URL the issues name, each as readers would hit it: once with the page cache (and
    through Varnish), once with the page cache off so every request renders the page."""
    published = Article.objects.published()
    ids = published.order_by("pk").values_list("pk", flat=True)
    first_id, last_id = ids.first(), ids.last()
    article_paths = [
        article.get_absolute_url()
        for article in published.select_related("section")
        .only("pk", "slug", "section__slug")
        .order_by("?")[:1000]
    ]
    biggest = Section.objects.annotate(size=Count("articles")).order_by("-size").first()
    deep_page = min(2000, max(1, biggest.size // 20))
    tag = Tag.objects.annotate(uses=Count("taggit_taggeditem_items")).order_by("-uses").first()
    topic = Topic.objects.filter(level=0).order_by("tree_id").first()
    author = Author.objects.annotate(size=Count("articles")).order_by("-size").first()
    albums = [album.get_absolute_url() for album in Album.objects.published().order_by("?")[:500]]
    searches = [
        "/search/?q=" + quote(query) for query in ("sanctions", "ceasefire", "report 4242", "oil exports")
    ]
    floor = Target("floor", "/bench-floor/", note="trivial view, 30 KB, same middleware")
    reader_pages = [
        Target("home", "/"),
        Target("article", "/articles", lua=paths_lua(article_paths), note="1,000 different articles"),
        Target("section p1", biggest.get_absolute_url()),
        Target(f"section p{deep_page}", f"{biggest.get_absolute_url()}?page={deep_page}"),
        Target("tag", f"/tags/{tag.slug}/", note=f"the most used tag ({tag.uses:,} articles)"),
        Target("topic", topic.get_absolute_url(), note="a top-level topic with its subtopics"),
        Target("author", author.get_absolute_url(), note=f"{author.size:,} articles"),
        Target("search", "/search", lua=paths_lua(searches), note="4 queries, common to rare"),
        Target("most viewed", "/most-viewed/?period=week"),
        Target("gallery", "/gallery/"),
        Target("album", "/album", lua=paths_lua(albums), note="500 different albums"),
        Target("rss", "/feed/"),
        Target("atom", "/feed/atom/"),
    ]
    cached = Table(
        "Page cache on",
        "Reader pages from the site's own page cache (rendered once per worker, then served "
        "until a purge), and through Varnish.",
        {},
        [
            floor,
            *reader_pages,
            Target("sitemap", "/sitemap.xml"),
            Target(
                "article via edge",
                "/articles",
                lua=paths_lua(article_paths),
                edge=True,
                note="1,000 different articles through Varnish, all cached first",
            ),
            # The same readers with nobody at work: what the newsroom's activity itself costs.
            Target(
                "readers via edge",
                "/newsroom",
                lua=newsroom_lua(article_paths),
                edge=True,
                seconds=60,
                note="home and 1,000 articles through Varnish for 60 s, nobody at work (the control)",
            ),
            Target(
                "newsroom via edge",
                "/newsroom",
                lua=newsroom_lua(article_paths),
                edge=True,
                newsroom=True,
                seconds=60,
                note="home and 1,000 articles through Varnish for 60 s; a comment approved "
                "every second, an article published every 30 s",
            ),
            Target(
                "views",
                "/views/",
                lua=views_lua(first_id, last_id),
                note="POST beacon, random article and reader",
            ),
        ],
    )
    uncached = Table(
        "Page cache off: every request renders its page",
        "PAGE_CACHE_SECONDS=0: each request runs the view, its queries and its templates. What the "
        "site keeps inside pages on a running site stays: the cards, article stories, feed items and "
        "comments sections stored once per change (common/fragments.py; each page of a target is requested once before the run), "
        "the menu, the lists' counts, the rankings. The last row empties the store first: every "
        "article is rendered from scratch during the run.",
        {"PAGE_CACHE_SECONDS": "0"},
        [
            floor,
            *(replace(target, stored_pieces="visit") for target in reader_pages),
            Target(
                "article, nothing stored",
                "/articles",
                lua=paths_lua(article_paths),
                stored_pieces="empty",
                warm_up=False,
                note="1,000 different articles, the store emptied first: first renders",
            ),
        ],
    )
    return [cached, uncached]


def ranking_timings() -> list[tuple[str, float, float]]:
    """(period, median ms, worst ms) of the ranking query over 7 runs each."""
    timings = []
    for period in ranking.PERIODS:
        runs = []
        for _ in range(7):
            started = time.perf_counter()
            ranking.compute_ranking(period)
            runs.append((time.perf_counter() - started) * 1000)
        timings.append((period, statistics.median(runs), max(runs)))
    return timings


SEARCH_SAMPLES = {
    "ceasefire": "in every article",
    "sanctions": "in one article of ten",
    "report 4242": "in a few",
    "نفت": "in none",
}


def search_timings() -> list[tuple[str, str, int, float]]:
    """(query, how common, matches, median ms) of a whole search: candidates, count, one page."""
    timings = []
    for query, how_common in SEARCH_SAMPLES.items():
        runs, matches = [], 0
        for _ in range(7):
            started = time.perf_counter()
            # As the search page runs it: in one edition (English here).
            page = Paginator(
                Article.objects.published().in_edition("en").for_listing().search(query), 20
            ).page(1)
            list(page.object_list)
            matches = page.paginator.count
            runs.append((time.perf_counter() - started) * 1000)
        timings.append((query, how_common, matches, statistics.median(runs)))
    return timings


def lua_paths(lua: str) -> list[str]:
    return re.findall(r'^  "([^"]+)"', lua, re.MULTILINE)


def visit_each(base_url: str, target: Target) -> None:
    """Every page of the target once (through the edge, or from the site itself)."""
    for path in dict.fromkeys(lua_paths(target.lua) if target.lua else [target.path]):
        request = Request(f"{base_url}{path}", headers={"User-Agent": READER_AGENT})  # noqa: S310 (loopback)
        with urlopen(request, timeout=30) as response:  # noqa: S310 (our loopback server)
            response.read()


def edge_counters(varnish: Varnish) -> dict[str, int]:
    """Varnish's hit and miss counters (varnishstat)."""
    output = subprocess.run(
        ["varnishstat", "-n", str(varnish.work_dir / "instance"), "-1", "-j"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    data = json.loads(output)
    counters = data.get("counters", data)
    return {
        name: int(counters[f"MAIN.{name}"]["value"]) for name in ("cache_hit", "cache_miss", "cache_hitpass")
    }


def newsroom_at_work(stop: threading.Event, article_paths: list[str], report: dict[str, int]) -> None:
    """While readers read: a comment approved every second, an article published every 30 s."""
    try:
        ids = [int(path.strip("/").split("/")[1]) for path in article_paths]
        article_type = ContentType.objects.get_for_model(Article)
        waiting = [
            Comment.objects.create(
                content_type=article_type, object_id=pk, name="Reader", email="reader@example.com",
                text="A comment a moderator will approve during the benchmark.", status=Comment.Status.PENDING,
            )
            for pk in random.Random(7).sample(ids, 120)
        ]  # fmt: skip
        news = Section.objects.order_by("position").first()
        drafts = [
            Article.objects.create(title=f"Breaking during the benchmark {number}", section=news,
                                   lead="Published while readers read.", status=Article.Status.DRAFT)
            for number in range(3)
        ]  # fmt: skip
        started = time.monotonic()
        while not stop.wait(1.0):
            comment = waiting.pop()
            comment.status = Comment.Status.APPROVED
            comment.save()  # purges that article's page, and only it
            report["approved"] += 1
            if drafts and time.monotonic() - started >= 15 + 30 * report["published"]:  # at 15 s, 45 s…
                article = drafts.pop()
                article.status = Article.Status.PUBLISHED
                article.save()  # purges the home page and the lists it enters
                report["published"] += 1
    finally:
        connection.close()


def first_lua_path(lua: str) -> str | None:
    found = re.search(r'^  "([^"]+)"', lua, re.MULTILINE)
    return found.group(1) if found else None


def total_views() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(SUM(views), 0) FROM articles_hourlyviews")
        return int(cursor.fetchone()[0])


def measure(
    target: Target, server: Server, varnish: Varnish | None, connections: int, duration: int
) -> Result:
    """One target: warmed up (not measured), then loaded with wrk, with what it reports."""
    base = varnish.url if target.edge and varnish else server.url
    if target.edge and varnish:
        visit_each(varnish.url, target)
    elif target.stored_pieces == "empty":
        Fragment.objects.all().delete()
    elif target.warm_up:
        if target.stored_pieces == "visit":
            visit_each(server.url, target)
        run_wrk(server.url, target, 3, connections)  # warm-up, not measured
    if target.name == "views":
        time.sleep(settings.VIEWS_FLUSH_SECONDS + 1)  # the warm-up's views are written by now
    views_before = total_views()
    counters_before = edge_counters(varnish) if target.edge and varnish else {}
    activity = {"approved": 0, "published": 0}
    stop = threading.Event()
    newsroom = threading.Thread(
        target=newsroom_at_work,
        args=(stop, [path for path in lua_paths(target.lua) if path != "/"], activity),
    )
    if target.newsroom:
        newsroom.start()
    result = run_wrk(base, target, target.seconds or duration, connections)
    if target.newsroom:
        stop.set()
        newsroom.join()
        result.extra["newsroom"] = (
            f"{activity['approved']} comments approved, {activity['published']} articles published during the run"
        )
    if target.edge and varnish:
        counters = edge_counters(varnish)
        hits = counters["cache_hit"] - counters_before["cache_hit"]
        misses = counters["cache_miss"] - counters_before["cache_miss"]
        result.extra["edge"] = (
            # Three decimals: at these rates 100.00% would hide dozens of misses.
            f"edge hit ratio {100 * hits / max(1, hits + misses):.3f}% ({misses:,} misses of {hits + misses:,})"
        )
    if target.name == "views":
        time.sleep(settings.VIEWS_FLUSH_SECONDS + 1)  # each worker writes its views every second
        counted = total_views() - views_before
        result.extra["counted"] = (
            f"{counted:,} views counted of {result.requests - result.errors:,} answered 204"
        )
    probe = target.path if not target.lua else first_lua_path(target.lua)
    if probe and target.name != "views":
        result.queries, result.slowest_query_ms = queries_per_request(probe)
    print(f"{target.name:>18}: {result.requests_per_second:8.1f} req/s  p50 {result.p50_ms:6.1f} ms  "
          f"p99 {result.p99_ms:6.1f} ms  errors {result.errors}", flush=True)  # fmt: skip
    return result


@dataclass
class TableResult:
    table: Table
    results: list[Result]
    peak_rss: int
    after_rss: int


def run_table(table: Table, url: str, args: argparse.Namespace) -> TableResult:
    """Serve the benchmark database with the table's settings (and Varnish in front when a
    target goes through it), and measure each target in turn."""
    print(f"\n{table.title}", flush=True)
    with contextlib.ExitStack() as stack:
        varnish = None
        if any(target.edge for target in table.targets):
            edge_port = free_port()
            # The site purges the edge, from its workers and from this process alike.
            settings.EDGE_PURGE_URLS = [f"http://127.0.0.1:{edge_port}/"]
            environment = {**table.environment, "EDGE_PURGE_URLS": settings.EDGE_PURGE_URLS[0]}
            server = stack.enter_context(Server(url, args.workers, environment))
            work_dir = Path(tempfile.mkdtemp(prefix="bench-varnish-"))
            varnish = stack.enter_context(Varnish(edge_port, server.port, work_dir, memory="1g"))
        else:
            settings.EDGE_PURGE_URLS = []
            server = stack.enter_context(Server(url, args.workers, table.environment))
        results = [
            measure(target, server, varnish, args.connections, args.duration) for target in table.targets
        ]
        time.sleep(1)
        return TableResult(table, results, server.peak_rss, max(server.worker_rss(), default=0))


def slug(name: str) -> str:
    """Target names as the command line may spell them: "section p1" or section-p1."""
    return re.sub(r"[\s_]+", "-", name.strip().lower())


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--only", nargs="*", help="target names to run, e.g. home section-p1 (the floor always runs)"
    )
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="only the table with the page cache off (every request renders)",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per target (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections (default 16)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    args = parser.parse_args()
    url = os.environ["DATABASE_URL"]
    call_command("migrate", verbosity=0)
    if not Article.objects.exists():
        print("The benchmark database is empty: filling it first (python -m bench.generate).")
        fill(FULL)
    call_command("collectstatic", interactive=False, verbosity=0)

    tables = build_tables()
    only = {slug(name) for name in args.only or []}
    if args.no_page_cache:
        tables = [table for table in tables if table.environment.get("PAGE_CACHE_SECONDS") == "0"]
    has_varnish = find_varnishd() is not None
    if not has_varnish:
        print(f"Skipping the targets through Varnish. {INSTALL_HINT}", file=sys.stderr)
    for table in tables:
        table.targets = [
            target
            for target in table.targets
            if (target.name == "floor" or not only or slug(target.name) in only)
            and (has_varnish or not target.edge)
        ]
    measured = [run_table(table, url, args) for table in tables if len(table.targets) > 1]
    report = markdown(measured, args, ranking_timings(), search_timings())
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(report)
    print()
    print(report)
    return 0


def markdown(measured: list[TableResult], args: argparse.Namespace, rankings, searches) -> str:
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {machine_summary()}; gunicorn {args.workers} sync workers, "
        f"wrk {args.connections} connections, {args.duration} s per URL, production settings, "
        f"cache: {'Redis' if os.environ.get('REDIS_URL') else 'local memory'}. Each table has its own "
        "floor, measured in the same run.",
    ]
    for table_result in measured:
        results = table_result.results
        floor = next(
            (result.requests_per_second for result in results if result.target.name == "floor"), None
        )
        lines += [
            "",
            f"## {table_result.table.title}",
            "",
            table_result.table.description,
            "",
            "| URL | req/s | p50 ms | p99 ms | vs floor | SQL queries | slowest query ms | notes |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
        ]
        for result in results:
            ratio = f"{result.requests_per_second / floor:.0%}" if floor else "–"
            queries = "–" if result.queries is None else str(result.queries)
            slowest = "–" if result.slowest_query_ms is None else f"{result.slowest_query_ms:.1f}"
            notes = "; ".join(filter(None, [result.target.note, *result.extra.values()]))
            if result.errors:
                notes += f"; {result.errors} non-2xx/3xx"
            lines.append(
                f"| `{result.target.name}` | {result.requests_per_second:,.0f} | {result.p50_ms:.1f} | "
                f"{result.p99_ms:.1f} | {ratio} | {queries} | {slowest} | {notes} |"
            )
        lines += [
            "",
            f"Worker memory: peak {table_result.peak_rss / 2**20:.0f} MB, "
            f"{table_result.after_rss / 2**20:.0f} MB after the run (largest worker).",
        ]
    lines += [
        "",
        "## Queries on their own",
        "",
        "Most Viewed ranking query (100,000 articles, a year of buckets), median and worst of 7:",
        "",
        *[f"- {period}: {median:.1f} ms (worst {worst:.1f} ms)" for period, median, worst in rankings],
        "",
        "Search, whole query (candidates, count, one page of 20 with snippets), median of 7:",
        "",
        *[
            f"- `{query}` ({how_common}, {matches:,} ranked): {median:.0f} ms"
            for query, how_common, matches, median in searches
        ],
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
