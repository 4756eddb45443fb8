"""Run Apache Jena's ``riot --validate`` from the Debian jars, for tests.

Debian 12's ``libapache-jena-java`` ships jars only (no ``riot`` script), and its ``jena-core.jar``
relocates xerces to the package ``xerces.*`` while leaving xerces' ``.properties`` resources under
``org/apache/jena/ext/xerces/``. Without them on the classpath every Jena command dies at start-up
with ``RuntimeException: internal error`` (in ``XSSimpleTypeDecl.applyFacets1``). :class:`Jena`
copies those resources to ``xerces/...`` in a directory of its own and puts it first on the
classpath; nothing outside that directory is written.

    jena = Jena(tmp_dir)              # raises JenaUnavailable when java or a jar is missing
    result = jena.riot_validate(path)  # a CompletedProcess
    assert result.returncode == 0 and problems(result) == [], result.stderr

Only the jars Jena needs are put on the classpath, by name: ``/usr/share/java`` holds several
SLF4J bindings and bridges (``slf4j-jcl`` with ``jcl-over-slf4j`` loops forever), so a blanket
``/usr/share/java/*.jar`` would not work.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

JAVA_DIR = Path(os.environ.get("KG_JAVA_DIR", "/usr/share/java"))
JARS = (
    "jena-arq", "jena-base", "jena-cmds", "jena-core", "jena-dboe-base", "jena-dboe-index",
    "jena-dboe-storage", "jena-dboe-trans-data", "jena-dboe-transaction", "jena-iri",
    "jena-rdfconnection", "jena-shacl", "jena-shex", "jena-tdb", "jena-tdb2",
    "commons-cli", "commons-codec", "commons-compress", "commons-csv", "commons-io", "commons-lang3",
    "commons-logging", "dexx.collection", "gson", "guava", "httpclient", "httpcore",
    "jackson-annotations", "jackson-core", "jackson-databind", "jakarta.json-api", "jsonld-java",
    "protobuf", "thrift", "titanium-json-ld", "slf4j-api", "slf4j-simple",
)
XERCES_PREFIX = "org/apache/jena/ext/"  # where jena-core.jar keeps the resources ...
XERCES_PROBE = "xerces/impl/xpath/regex/message.properties"  # ... and where xerces looks for them


_FILE_BANNER = re.compile(r"^\[main\] INFO org\.apache\.jena\.riot - File: ")  # riot names each file


class JenaUnavailable(RuntimeError):
    """java or one of the Jena jars is missing."""


def fix_xerces(jena_core: Path, dest: Path) -> Path:
    """Copy jena-core's relocated xerces resources (not classes) to ``dest/xerces/...``."""
    if (dest / XERCES_PROBE).is_file():
        return dest
    with zipfile.ZipFile(jena_core) as jar:
        for name in jar.namelist():
            if (name.startswith(XERCES_PREFIX + "xerces/") and not name.endswith("/")
                    and not name.endswith(".class")):
                out = dest / name[len(XERCES_PREFIX):]
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(jar.read(name))
    if not (dest / XERCES_PROBE).is_file():
        raise JenaUnavailable(f"{jena_core} has no {XERCES_PREFIX}{XERCES_PROBE}: unknown Jena packaging")
    return dest


class Jena:
    def __init__(self, work_dir: str | Path, java_dir: Path = JAVA_DIR):
        self.java = shutil.which("java")
        if not self.java:
            raise JenaUnavailable("no `java` on PATH")
        jars = [java_dir / f"{name}.jar" for name in JARS]
        missing = [j.name for j in jars if not j.is_file()]
        if missing:
            raise JenaUnavailable(f"missing jar(s) in {java_dir}: {', '.join(missing)}")
        fix = fix_xerces(java_dir / "jena-core.jar", Path(work_dir) / "jena-xerces-fix")
        self.classpath = os.pathsep.join([str(fix), *map(str, jars)])

    def run(self, main_class: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run([self.java, "-cp", self.classpath, main_class, *args],
                              capture_output=True, text=True, timeout=timeout)

    def riot_validate(self, *paths: str | Path) -> subprocess.CompletedProcess:
        """``riot --validate``: exit 0 when every file is valid; errors and warnings on stderr."""
        return self.run("riotcmd.riot", "--validate", *map(str, paths))


def problems(result: subprocess.CompletedProcess) -> list[str]:
    """riot's output lines other than the "File: ..." banner it prints when given several files."""
    return [line for line in (result.stdout + result.stderr).splitlines()
            if line.strip() and not _FILE_BANNER.match(line)]
