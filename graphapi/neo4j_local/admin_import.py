"""`neo4j-admin database import full` into the project-managed Neo4j's store.

The embedded server of `neo4j-local/` keeps its store under `<data-dir>/home/data`, the layout
of a Neo4j home; the import tool (`org.neo4j.cli.AdminTool`, already on the launcher's
classpath through the `neo4j` artifact) writes there when NEO4J_HOME points at that home. The
server must be stopped: the importer writes the store files offline.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
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


def home_dir(settings: Settings) -> Path:
    return settings.data_dir.resolve() / "home"


def store_exists(settings: Settings) -> bool:
    return (home_dir(settings) / "data" / "databases" / settings.neo4j.database).exists()


def import_full(settings: Settings, arguments: list[str], report_file: Path) -> ImportRun:
    """Run the importer on `arguments` (ImportFiles.arguments()); replaces the database's store."""
    if neo4j_local.status(settings).running:
        raise DuegraphError(
            "Neo4j is running on this data directory; the bulk import writes the store offline. "
            "Stop it first: duegraph neo4j stop"
        )
    java = shutil.which("java")
    if java is None:
        raise SetupError(neo4j_local.MISSING_TOOLS.format(what="Java (the `java` command)"))
    classpath = neo4j_local.ensure_built()
    home = home_dir(settings)
    (home / "conf").mkdir(parents=True, exist_ok=True)
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
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    output = done.stdout + done.stderr
    if done.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-25:])
        raise DuegraphError(f"neo4j-admin database import failed ({done.returncode}):\n{tail}")
    match = _IMPORTED.search(output)
    nodes, rels = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    return ImportRun(seconds, nodes, rels, output)
