"""Edge tests: a real varnishd (Debian's, with varnish-modules' xkey) in front of the site.

Skipped with a plain message when varnishd is not installed, unless REQUIRE_EDGE_TESTS=1
(CI), where a missing Varnish is a failure.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from alwaght.edge_server import INSTALL_HINT, Varnish, find_varnishd


@pytest.fixture(scope="session")
def varnishd_available() -> None:
    if find_varnishd() is None:
        message = f"varnishd with xkey not found: edge tests skipped. {INSTALL_HINT}"
        if os.environ.get("REQUIRE_EDGE_TESTS") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


class Backend:
    """A TCP relay from Varnish to the site that can be switched off: the site "stops"."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.listener.listen(64)
        self.running = True
        self.open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def stop(self) -> None:
        """The site stops answering: new connections are closed, open ones are cut."""
        self.running = False
        for connection in self.open:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self.open.clear()

    def start(self) -> None:
        self.running = True

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.running:
                client.close()  # the site does not answer
                continue
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            self.open += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)


@dataclass
class Edge:
    url: str
    backend: Backend

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
        host, port = self.url.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        try:
            connection.request("GET", path, headers={"User-Agent": "EdgeTest/1.0", **(headers or {})})
            response = connection.getresponse()
            body = response.read().decode()
            return response.status, {name.lower(): value for name, value in response.getheaders()}, body
        finally:
            connection.close()

    def purge_everything(self) -> None:
        host, port = self.url.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        connection.request("PURGE", "/", headers={"xkey": "all"})
        connection.getresponse().read()
        connection.close()


@pytest.fixture(scope="session")
def edge_server(varnishd_available, live_site: str, tmp_path_factory) -> Iterator[Edge]:
    backend = Backend(int(live_site.rsplit(":", 1)[1]))
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    with Varnish(port, backend.port, Path(tmp_path_factory.mktemp("varnish")), memory="64m") as varnish:
        yield Edge(varnish.url, backend)
    backend.listener.close()


@pytest.fixture
def edge(edge_server: Edge, settings) -> Iterator[Edge]:
    """The edge in front of the site, emptied for each test; the site purges it as in production."""
    settings.PAGE_CACHE_SECONDS = 60
    settings.EDGE_PURGE_URLS = [f"{edge_server.url}/"]
    edge_server.backend.start()
    edge_server.purge_everything()
    yield edge_server
    edge_server.backend.start()
