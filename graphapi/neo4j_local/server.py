"""The project-managed Neo4j: built by Maven from `neo4j-local/`, run with the Java on PATH.

No Docker engine is needed: Maven resolves Neo4j 5.26 community from Maven Central, a tiny
launcher class embeds it with Bolt on loopback, and this module starts, watches and stops it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from graph_schema.errors import SetupError
from graph_schema.settings import Settings

PROJECT_DIR = Path(__file__).resolve().parents[2] / "neo4j-local"
LAUNCHER_CLASS = "duegraph.Neo4jLocal"
LOOPBACK = "127.0.0.1"

MISSING_TOOLS = (
    "{what} is not installed, and duegraph needs Java 17+ and Maven to run its own Neo4j "
    "(Maven downloads Neo4j 5.26 community from Maven Central; the JVM runs it on loopback). "
    "Install them (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless maven`), or use "
    "one of the two alternatives: set NEO4J_URI (with NEO4J_USER/NEO4J_PASSWORD) to an existing "
    "Neo4j 5.26+ server or Aura instance, or run `docker compose up` to start the one in "
    "docker-compose.yml."
)


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    bolt_uri: str
    answering: bool
    data_dir: Path

    def describe(self) -> str:
        if self.running and self.answering:
            return f"Neo4j is running (pid {self.pid}) at {self.bolt_uri}, data in {self.data_dir}"
        if self.running:
            return f"Neo4j process {self.pid} is alive but Bolt at {self.bolt_uri} does not answer"
        return f"Neo4j is not running (data dir {self.data_dir})"


def _pid_file(data_dir: Path) -> Path:
    return data_dir / "neo4j.pid"


def _log_file(data_dir: Path) -> Path:
    return data_dir / "neo4j-launcher.log"


def _is_our_process(pid: int) -> bool:
    """True if `pid` is alive and is our launcher (a recycled pid must never be killed)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return sys.platform != "linux"  # no /proc: trust the pid file
    return LAUNCHER_CLASS.encode() in cmdline


def _read_pid(data_dir: Path) -> int | None:
    try:
        return int(_pid_file(data_dir).read_text().strip())
    except (OSError, ValueError):
        return None


def bolt_answers(uri: str, timeout: float = 3.0) -> bool:
    try:
        with GraphDatabase.driver(uri, connection_timeout=timeout) as driver:
            driver.verify_connectivity()
        return True
    except AuthError:
        return True  # the server answers; it only refuses us
    except (DriverError, Neo4jError, OSError):
        return False


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((LOOPBACK, port))
        except OSError:
            return False
    return True


def status(settings: Settings) -> ServerStatus:
    data_dir = settings.data_dir.resolve()
    pid = _read_pid(data_dir)
    running = pid is not None and _is_our_process(pid)
    uri = settings.local_bolt_uri()
    return ServerStatus(
        running=running,
        pid=pid if running else None,
        bolt_uri=uri,
        answering=running and bolt_answers(uri),
        data_dir=data_dir,
    )


def _sources_newer_than(marker: Path) -> bool:
    if not marker.exists():
        return True
    built = marker.stat().st_mtime
    sources = [PROJECT_DIR / "pom.xml", *PROJECT_DIR.glob("src/**/*.java")]
    return any(src.stat().st_mtime > built for src in sources)


def ensure_built(quiet: bool = True) -> list[str]:
    """Compile the launcher and resolve Neo4j with Maven once; return the java class path."""
    if shutil.which("java") is None:
        raise SetupError(MISSING_TOOLS.format(what="Java (the `java` command)"))
    classpath_file = PROJECT_DIR / "target" / "classpath.txt"
    launcher = PROJECT_DIR / "target" / "classes" / "duegraph" / "Neo4jLocal.class"
    if _sources_newer_than(classpath_file) or not launcher.exists():
        mvn = shutil.which("mvn")
        if mvn is None:
            raise SetupError(MISSING_TOOLS.format(what="Maven (the `mvn` command)"))
        cmd = [mvn, "-B", "compile"] + (["-q"] if quiet else [])
        done = subprocess.run(cmd, cwd=PROJECT_DIR, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).splitlines()[-25:])
            raise SetupError(f"Maven could not build the local Neo4j launcher:\n{tail}")
    return [str(PROJECT_DIR / "target" / "classes"), classpath_file.read_text().strip()]


def start(settings: Settings, *, auth: bool = False) -> tuple[ServerStatus, bool]:
    """Start the server unless it already runs; returns (status, started_now).

    `auth=True` enables authentication (user neo4j, initial password "neo4j"); tests use it to
    check credential errors. The default is off, acceptable only because Bolt is loopback-only.
    """
    current = status(settings)
    if current.running:
        return current, False
    port = settings.bolt_port
    if not _port_free(port):
        raise SetupError(
            f"Port {port} on {LOOPBACK} is already taken by another program, so Neo4j cannot "
            f"listen there. Pick another port (--bolt-port / DUEGRAPH_BOLT_PORT), or stop the "
            f"program using it (`ss -ltnp 'sport = :{port}'` shows which)."
        )
    classpath = ensure_built()
    data_dir = settings.data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    cmd = [
        "java",
        f"-Xms{min(512, settings.neo4j_heap_mb)}m",
        f"-Xmx{settings.neo4j_heap_mb}m",
        "-XX:+UseG1GC",
        "-XX:+ExitOnOutOfMemoryError",
        "-Dfile.encoding=UTF-8",
        "-cp",
        os.pathsep.join(classpath),
        LAUNCHER_CLASS,
        str(data_dir / "home"),
        LOOPBACK,
        str(port),
        str(settings.neo4j_pagecache_mb),
        "auth" if auth else "noauth",
    ]
    pid = _spawn_detached(cmd, _log_file(data_dir))
    _pid_file(data_dir).write_text(str(pid))
    deadline = time.monotonic() + settings.neo4j_start_timeout_s
    uri = settings.local_bolt_uri()
    while time.monotonic() < deadline:
        if not _alive(pid):
            _pid_file(data_dir).unlink(missing_ok=True)
            raise SetupError(
                f"Neo4j exited during start-up; last lines of "
                f"{_log_file(data_dir)}:\n{_tail(_log_file(data_dir))}"
            )
        if bolt_answers(uri, timeout=2.0):
            return status(settings), True
        time.sleep(0.5)
    _terminate(pid)
    _pid_file(data_dir).unlink(missing_ok=True)
    raise SetupError(
        f"Neo4j did not answer on {uri} within {settings.neo4j_start_timeout_s:.0f}s; "
        f"see {_log_file(data_dir)}:\n{_tail(_log_file(data_dir))}"
    )


def _spawn_detached(cmd: list[str], log: Path) -> int:
    """Start the JVM in its own session, output appended to `log`; it outlives the CLI.

    posix_spawn rather than Popen: the server must outlive this process, and a Popen object
    dropped while its child runs warns (a ResourceWarning, fatal in our tests).
    """
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, str(log), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644),
        (os.POSIX_SPAWN_DUP2, 1, 2),
    ]
    java = shutil.which("java")
    if java is None:
        raise SetupError(MISSING_TOOLS.format(what="Java (the `java` command)"))
    return os.posix_spawn(java, cmd, dict(os.environ), file_actions=actions, setsid=True)


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _terminate(pid: int, timeout: float = 60.0) -> None:
    try:
        os.kill(pid, signal.SIGTERM)  # the launcher's shutdown hook closes the store cleanly
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return
        time.sleep(0.2)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    while _alive(pid):
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        # Reap it if it is our child (tests start it in-process); otherwise just probe.
        waited, _ = os.waitpid(pid, os.WNOHANG)
        if waited == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():
        try:
            return stat.read_text().split(") ", 1)[1][0] != "Z"  # a zombie is gone
        except (OSError, IndexError):
            return True
    return True


def stop(settings: Settings) -> bool:
    """Stop the server; True if one was running. Leaves no JVM behind."""
    data_dir = settings.data_dir.resolve()
    pid = _read_pid(data_dir)
    if pid is None or not _is_our_process(pid):
        _pid_file(data_dir).unlink(missing_ok=True)
        return False
    _terminate(pid)
    _pid_file(data_dir).unlink(missing_ok=True)
    return True
