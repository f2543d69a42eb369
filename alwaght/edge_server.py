"""Varnish in front of the site on this machine: `make run-edge`, and the edge tests.

    python -m alwaght.edge_server --port 8000 --edge-port 8080

Starts gunicorn on --port (with the job queue's worker beside it, as `make run` does) and
Debian's varnishd on --edge-port with deploy/varnish/site.vcl (purges go from the site to the
edge), and stops them all on Ctrl-C. Without varnishd or its
xkey module it says how to install them. Local runs only: production runs varnishd as a
service with deploy/varnish/default.vcl (README.md).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from alwaght.serve import run_until_stopped, start_site, stop

ROOT = Path(__file__).resolve().parent.parent
SITE_VCL = ROOT / "deploy" / "varnish" / "site.vcl"
VMOD_DIRS = [Path("/usr/lib/x86_64-linux-gnu/varnish/vmods"), Path("/usr/lib/aarch64-linux-gnu/varnish/vmods"),
             Path("/usr/lib/varnish/vmods")]  # fmt: skip
INSTALL_HINT = "Varnish and its xkey module are needed: apt-get install -y varnish varnish-modules"


def find_varnishd() -> str | None:
    """varnishd with the xkey module, or None."""
    path = shutil.which("varnishd") or (
        "/usr/sbin/varnishd" if os.access("/usr/sbin/varnishd", os.X_OK) else None
    )
    if path is None or not any((directory / "libvmod_xkey.so").exists() for directory in VMOD_DIRS):
        return None
    return path


def main_vcl(directory: Path, backend_port: int) -> Path:
    """A VCL file naming the backend on this machine and including the site's configuration."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "main.vcl"
    path.write_text(
        "vcl 4.1;\n\n"
        "backend default {\n"
        '    .host = "127.0.0.1";\n'
        f'    .port = "{backend_port}";\n'
        "    .connect_timeout = 2s;\n"
        "    .first_byte_timeout = 30s;\n"
        "}\n\n"
        f'include "{SITE_VCL}";\n'
    )
    return path


def wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answers on 127.0.0.1:{port}")


class Varnish:
    """varnishd on 127.0.0.1:port in front of 127.0.0.1:backend_port, as a context manager."""

    def __init__(self, port: int, backend_port: int, work_dir: Path, memory: str = "256m") -> None:
        self.port, self.backend_port, self.work_dir, self.memory = port, backend_port, work_dir, memory

    def __enter__(self) -> Varnish:
        varnishd = find_varnishd()
        if varnishd is None:
            raise RuntimeError(INSTALL_HINT)
        vcl = main_vcl(self.work_dir, self.backend_port)
        self.process = subprocess.Popen(  # noqa: S603 (our own command line)
            [
                varnishd, "-F", "-j", "none", "-n", str(self.work_dir / "instance"),
                "-a", f"127.0.0.1:{self.port}", "-f", str(vcl), "-s", f"malloc,{self.memory}",
                "-p", "default_grace=86400",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        try:
            wait_for_port(self.port)
        except RuntimeError as error:
            self.process.kill()
            raise RuntimeError(
                f"varnishd did not start: {self.process.stderr.read().decode()[-2000:]}"
            ) from error
        return self

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, default=8000, help="where the site itself listens")
    parser.add_argument("--edge-port", type=int, default=8080, help="where Varnish listens")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if find_varnishd() is None:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    env = {
        **os.environ,
        # The site tells this Varnish what to purge, and Varnish tells the site who the reader is.
        "EDGE_PURGE_URLS": f"http://127.0.0.1:{args.edge_port}/",
        "CLIENT_IP_HEADER": "X-Forwarded-For",
    }
    # gunicorn and the job queue's worker, as `make run` starts them (alwaght/serve.py).
    site = start_site("127.0.0.1", args.port, args.workers, env)
    try:
        wait_for_port(args.port)
        with Varnish(args.edge_port, args.port, ROOT / "var" / "varnish"):
            print(f"\nAlwaght is served behind Varnish at http://127.0.0.1:{args.edge_port}/ "
                  f"(the site itself: http://127.0.0.1:{args.port}/). Ctrl-C stops all.\n", flush=True)  # fmt: skip
            run_until_stopped(site)
    except KeyboardInterrupt:
        pass
    finally:
        stop(site)
    return 0


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _stop)
    sys.exit(main())
