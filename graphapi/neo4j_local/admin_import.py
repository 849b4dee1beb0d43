"""`neo4j-admin database import full` into the project-managed Neo4j's store.

The embedded server of `neo4j-local/` keeps its store under `<data-dir>/home/data`, the layout
of a Neo4j home; the import tool (`org.neo4j.cli.AdminTool`, already on the launcher's
classpath through the `neo4j` artifact) writes a store under the home NEO4J_HOME points at.

It never writes into the server's store: it imports into a home of its own
(`<data-dir>/import-home`), and only a complete import is moved into the server's home
(`install_import`, two directory renames, resumable). A run killed while importing leaves the
server's store as it was; one killed while moving is finished by the next run.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graph_schema.errors import DuegraphError, SetupError
from graph_schema.settings import Settings
from graphapi.neo4j_local import server as neo4j_local

ADMIN_TOOL = "org.neo4j.cli.AdminTool"
_IMPORTED = re.compile(r"Imported:\s*\n?\s*(\d+) nodes\s*\n?\s*(\d+) relationships", re.S)


@dataclass(frozen=True)
class ImportRun:
    seconds: float
    nodes: int
    relationships: int
    output: str
    # The phase a `bulk-import` interrupted earlier was carried on from (None: a run of its own):
    # the figures above are then those of the run that imported.
    resumed_from: str | None = None


def home_dir(settings: Settings) -> Path:
    return settings.data_dir.resolve() / "home"


def import_home(settings: Settings) -> Path:
    """Where the importer writes; on the data dir's file system, so that moving is a rename."""
    return settings.data_dir.resolve() / "import-home"


def _replaced_dir(settings: Settings) -> Path:
    return settings.data_dir.resolve() / "replaced-store"


# A store is two directories: the store files and the transaction logs.
STORE_PARTS = ("databases", "transactions")


def store_exists(settings: Settings) -> bool:
    return (home_dir(settings) / "data" / "databases" / settings.neo4j.database).exists()


def import_full(settings: Settings, arguments: list[str], report_file: Path) -> ImportRun:
    """Run the importer on `arguments` (ImportFiles.arguments()) into the import home, which is
    emptied first; `install_import` then moves the store into the server's home."""
    if neo4j_local.status(settings).running:
        raise DuegraphError(
            "Neo4j is running on this data directory; the bulk import writes the store offline. "
            "Stop it first: duegraph neo4j stop"
        )
    java = shutil.which("java")
    if java is None:
        raise SetupError(neo4j_local.MISSING_TOOLS.format(what="Java (the `java` command)"))
    classpath = neo4j_local.ensure_built()
    home = import_home(settings)
    lock = _lock_import_home(settings)
    try:
        shutil.rmtree(home, ignore_errors=True)
        (home / "conf").mkdir(parents=True, exist_ok=True)
        return _run_importer(settings, java, classpath, home, arguments, report_file, lock)
    finally:
        os.close(lock)


def _lock_import_home(settings: Settings) -> int:
    """An exclusive lock that the importer JVM inherits: while an importer of a killed run
    still writes the import home, a new run does not delete it under its feet."""
    path = settings.data_dir.resolve() / "import-home.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise DuegraphError(
            f"a neo4j-admin import of an interrupted bulk import is still writing "
            f"{import_home(settings)}; wait for it to end (or stop that java process), then run "
            "the same command again"
        ) from None
    return fd


def _run_importer(
    settings: Settings,
    java: str,
    classpath: list[str],
    home: Path,
    arguments: list[str],
    report_file: Path,
    lock: int,
) -> ImportRun:
    cmd = [
        java,
        # The importer needs about 1 GiB of heap even for a small world; more never hurts it.
        f"-Xmx{max(settings.neo4j_heap_mb, 1024)}m",
        "-XX:+UseG1GC",
        "-Dfile.encoding=UTF-8",
        "-cp",
        os.pathsep.join(classpath),
        ADMIN_TOOL,
        "database",
        "import",
        "full",
        "--id-type=integer",
        "--overwrite-destination=true",
        f"--report-file={report_file}",
        *arguments,
        settings.neo4j.database,
    ]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    started = time.perf_counter()
    done = subprocess.run(
        cmd, env=env, capture_output=True, text=True, check=False, pass_fds=(lock,)
    )
    seconds = time.perf_counter() - started
    output = done.stdout + done.stderr
    if done.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-25:])
        raise DuegraphError(f"neo4j-admin database import failed ({done.returncode}):\n{tail}")
    match = _IMPORTED.search(output)
    nodes, rels = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    return ImportRun(seconds, nodes, rels, output)


def install_import(settings: Settings, before: Callable[[str], None] | None = None) -> bool:
    """Move a complete import from the import home into the server's home, replacing the
    database's store there; True if there was one to move.

    Each step is a rename checked before it is made, so a run killed in between is finished by
    calling this again: a part still in the import home is moved in (the live one moved aside
    first), a part already moved is left alone. The server must be stopped. `before` is told
    each part ("databases", "transactions") before it moves."""
    database = settings.neo4j.database
    moved = False
    for part in STORE_PARTS:
        new = import_home(settings) / "data" / part / database
        if not new.exists():
            continue
        if before is not None:
            before(part)
        live = home_dir(settings) / "data" / part / database
        if live.exists():
            aside = _replaced_dir(settings) / part
            shutil.rmtree(aside, ignore_errors=True)
            aside.parent.mkdir(parents=True, exist_ok=True)
            live.rename(aside)
        live.parent.mkdir(parents=True, exist_ok=True)
        new.rename(live)
        moved = True
    shutil.rmtree(_replaced_dir(settings), ignore_errors=True)
    shutil.rmtree(import_home(settings), ignore_errors=True)
    return moved
