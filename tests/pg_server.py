"""A real, throwaway PostgreSQL server for the tests: initdb in a temp folder, a unix socket only.

PostgreSQL refuses to run as root, so under root (CI) the server runs as an unprivileged
system user; otherwise as the current user. The binaries come from the system's PostgreSQL
(`make test` installs the package when it is missing), or from DESK_PG_BIN.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SUPERUSER = "desk_test_super"
OWNER = "desk_owner"


def find_bin_dir() -> Path:
    """The newest installed server's bin folder."""
    env = os.environ.get("DESK_PG_BIN")
    if env:
        return Path(env)
    found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if found:
        newest = max(found, key=lambda p: int(Path(p).parent.parent.name.split(".")[0]))
        return Path(newest).parent
    which = shutil.which("initdb")
    if which:
        return Path(which).resolve().parent
    raise RuntimeError(
        "no PostgreSQL server found: `make test` installs it (apt-get install postgresql), "
        "or set DESK_PG_BIN to a folder holding initdb and postgres"
    )


def _unprivileged() -> tuple[int, int] | None:
    """(uid, gid) to run the server as when we are root; None when we are not."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            entry = pwd.getpwnam(name)
            return entry.pw_uid, entry.pw_gid
    raise RuntimeError("running as root with no unprivileged user to run PostgreSQL as")


@dataclass
class Server:
    root: Path
    port: int
    process: subprocess.Popen[bytes]
    databases: list[str] = field(default_factory=list)

    def url(self, user: str, dbname: str = "postgres") -> str:
        return f"postgresql://{user}@/{dbname}?host={self.root}&port={self.port}"

    def log_text(self) -> str:
        return (self.root / "server.log").read_text(errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


def start(port: int = 5432, *, durable: bool = False) -> Server:
    """initdb and start a server listening only on a socket in a new private temp folder.

    Tests run it without syncing to disk (a throwaway server); `durable` keeps PostgreSQL's
    defaults, for benchmarks that compare commit latency.
    """
    bin_dir = find_bin_dir()
    # A short path: a unix socket's path must fit in about 100 bytes.
    root = Path(tempfile.mkdtemp(prefix="desk-pg-", dir="/tmp"))
    ids = _unprivileged()
    run_as: dict[str, Any] = {}
    if ids is not None:
        os.chown(root, *ids)
        run_as = {"user": ids[0], "group": ids[1], "extra_groups": []}
    env = {"PATH": os.environ.get("PATH", ""), "LC_ALL": "C", "HOME": str(root)}
    data = root / "data"
    subprocess.run(
        [str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E",
         "UTF8", "--locale=C", "--no-sync"],
        check=True, capture_output=True, env=env, cwd=root, **run_as,
    )  # fmt: skip
    log = open(root / "server.log", "wb")  # noqa: SIM115 (the server writes it until stop)
    try:
        process = subprocess.Popen(
            [str(bin_dir / "postgres"), "-D", str(data), "-k", str(root), "-p", str(port),
             "-c", "listen_addresses=", "-c", "max_connections=80",
             *([] if durable else ["-c", "fsync=off", "-c", "full_page_writes=off"])],
            stdout=subprocess.DEVNULL, stderr=log, env=env, cwd=root, **run_as,
        )  # fmt: skip
    finally:
        log.close()
    server = Server(root=root, port=port, process=process)
    deadline = time.monotonic() + 60
    while not _accepts_connections(server):
        if process.poll() is not None:
            raise RuntimeError(f"PostgreSQL did not start:\n{server.log_text()}")
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError("PostgreSQL did not start within 60 s")
        time.sleep(0.02)
    return server


def _accepts_connections(server: Server) -> bool:
    """The socket appears before the server is ready; only a real connection says it is."""
    import psycopg

    if not (server.root / f".s.PGSQL.{server.port}").exists():
        return False
    try:
        psycopg.connect(server.url(SUPERUSER), connect_timeout=5).close()
    except psycopg.OperationalError:
        return False
    return True
