"""Real SPARQL servers for tests: Oxigraph (PyPI ``oxigraph``) and Virtuoso (Debian ``virtuoso-t``).

Each runs on free local ports with its data in a temporary folder, and is stopped afterwards
(``launch()`` then ``wait()`` lets a slow server start while other work goes on):

    with Oxigraph(tmp_path) as ox:      # ox.store_url (Graph Store), ox.select(query) -> rows
        ...
    with Virtuoso(tmp_path) as virt:    # raises ServerUnavailable when virtuoso-t is not installed
        ...

Virtuoso is started from an ini written here (own database folder, SQL and HTTP ports; user dba,
password dba on a new database); its Graph Store writes go to ``/sparql-graph-crud-auth`` with
Digest auth. Oxigraph runs with ``--union-default-graph`` so that queries see every named graph,
as Virtuoso's do.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

VIRTUOSO_USER, VIRTUOSO_PASSWORD = "dba", "dba"


class ServerUnavailable(RuntimeError):
    """The server program is not installed or did not come up."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Server:
    name = "server"
    ready_path = "/"

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = self.root / f"{self.name}.log"
        self.process: subprocess.Popen | None = None

    def command(self) -> list[str]:
        raise NotImplementedError

    def launch(self) -> "_Server":
        """Start the process and return at once (:meth:`wait` for it to answer)."""
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(self.command(), cwd=self.root, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL)
        return self

    def wait(self, timeout: float = 90.0) -> "_Server":
        """Wait until the server answers HTTP; :class:`ServerUnavailable` if it dies or stays silent."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerUnavailable(f"{self.name} exited with {self.process.returncode}: {self.log_tail()}")
            try:
                if httpx.get(self.base + self.ready_path, timeout=2).status_code < 500:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.stop()
        raise ServerUnavailable(f"{self.name} did not answer within {timeout:.0f} s: {self.log_tail()}")

    def start(self, timeout: float = 90.0) -> "_Server":
        return self.launch().wait(timeout)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def log_tail(self, lines: int = 5) -> str:
        try:
            return " | ".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def bindings(self, query: str) -> list[dict[str, dict]]:
        """Run a SELECT on the server's SPARQL endpoint; the SPARQL JSON results' bindings."""
        response = httpx.post(self.query_url, data={"query": query}, timeout=30,
                              headers={"Accept": "application/sparql-results+json"})
        response.raise_for_status()
        return response.json()["results"]["bindings"]

    def select(self, query: str) -> list[dict[str, str]]:
        """Run a SELECT on the server's SPARQL endpoint; rows of plain values."""
        return [{k: v["value"] for k, v in b.items()} for b in self.bindings(query)]

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class Oxigraph(_Server):
    name = "oxigraph"
    ready_path = "/query?query=ASK%7B%7D"

    def command(self) -> list[str]:
        program = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
        if not Path(program).exists():
            raise ServerUnavailable("the oxigraph server CLI is not installed (pip install oxigraph)")
        return [program, "serve", "--location", str(self.root / "db"), "--bind", f"127.0.0.1:{self.port}",
                "--union-default-graph"]

    @property
    def store_url(self) -> str:
        return self.base + "/store"

    @property
    def query_url(self) -> str:
        return self.base + "/query"


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = {http_port}
ServerRoot = {db}
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


class Virtuoso(_Server):
    name = "virtuoso"
    ready_path = "/sparql?query=ASK%7B%7D"

    def command(self) -> list[str]:
        program = shutil.which("virtuoso-t")
        if program is None:
            raise ServerUnavailable("virtuoso-t is not installed (Debian: apt-get install virtuoso-opensource)")
        ini = self.root / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(db=self.root, sql_port=free_port(), http_port=self.port),
                         encoding="utf-8")
        return [program, "+foreground", "+configfile", str(ini)]

    @property
    def store_url(self) -> str:
        return self.base + "/sparql-graph-crud-auth"

    @property
    def query_url(self) -> str:
        return self.base + "/sparql"
