"""Private files and folders, atomic small writes, and the refusal of network filesystems.

The log holds health information, so every file it writes is readable by its owner only, from
the moment it is created (never created open and tightened later).
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from desk.core.errors import StoreError

DIR_MODE = 0o700
FILE_MODE = 0o600

NETWORK_FS_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "sshfs",
        "fuse.sshfs",
        "9p",
        "afpfs",
        "afs",
        "coda",
        "davfs",
        "fuse.davfs2",
        "webdav",
        "ncpfs",
        "ncp",
        "glusterfs",
        "fuse.glusterfs",
        "lustre",
        "ceph",
        "fuse.rclone",
        "fuse.s3fs",
        "vboxsf",
    }
)

log = logging.getLogger(__name__)

MountinfoReader = Callable[[], str]
"""Returns text in the format of Linux's /proc/self/mountinfo."""


def private_dir(path: Path) -> Path:
    """Create the folder (and parents) owner-only if missing; check it if it exists.

    Only a folder Desk creates gets its mode set: changing an existing one could loosen it or
    drop a sticky bit (think of /tmp), so that one is checked instead.

    Raises:
        StoreError: an existing folder other users can change, or a file in its place.
        OSError: the folder cannot be created.
    """
    missing = []
    folder = path
    while not folder.exists() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    if not missing:
        check_private_dir(path)
        return path
    # Each folder Desk creates is owner-only, the parents of a new data folder too: the
    # umask would otherwise decide who can list them.
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:  # made meanwhile by someone else: not ours to change
            if folder == path:
                check_private_dir(path)
            continue
        if os.name == "posix":
            os.chmod(folder, DIR_MODE)
    return path


def check_private_dir(path: Path) -> None:
    """Refuse a folder other users can change; warn about one they can list.

    Raises:
        StoreError: not a folder, or group or others may create, rename or delete files in it.
    """
    info = os.stat(path)
    if not stat.S_ISDIR(info.st_mode):
        raise StoreError(f"{path} is not a folder")
    if os.name != "posix":
        return
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o022:
        raise StoreError(
            f"the folder {path} can be changed by other users (permissions {mode:04o}), and the "
            "request log kept there holds client names. Choose a folder only you can use with "
            f"--data-dir or DESK_DATA_DIR, or make this one private with: chmod 700 {path}"
        )
    if mode & 0o055:
        log.warning(
            "the folder %s can be listed by other users (permissions %04o); the log's files are "
            "private, but `chmod 700 %s` keeps even their names to you",
            path,
            mode,
            path,
        )


def can_write(path: Path) -> bool:
    """Whether this process may change `path` (a read-only mount or mode says no)."""
    effective = os.access in os.supports_effective_ids
    return os.access(path, os.W_OK, effective_ids=effective)


def private_file(path: Path) -> Path:
    """Create an empty owner-only file if it is missing; tighten it if it exists."""
    fd = os.open(path, os.O_CREAT | os.O_RDWR, FILE_MODE)
    os.close(fd)
    tighten(path)
    return path


def tighten(path: Path) -> None:
    """Make an existing file owner-only; a missing file is fine."""
    if os.name != "posix":
        return
    try:
        if (os.stat(path).st_mode & 0o777) != FILE_MODE:
            os.chmod(path, FILE_MODE)
    except FileNotFoundError:
        pass


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so a reader sees the old or the new content, never a mix.

    The temporary file sits in the same folder (os.replace is atomic only within a
    filesystem) and is flushed to disk before the rename, so a crash never leaves an empty file
    in place of the old one.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        try:
            view = memoryview(data)
            while view:  # a short write (a full disk) raises on the next call
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        # A full disk must not leave an empty temporary file behind at each write.
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _unescape(field: str) -> str:
    """Mount points in mountinfo escape space, tab, newline and backslash as octal."""
    if "\\" not in field:
        return field
    out: list[str] = []
    i = 0
    while i < len(field):
        digits = field[i + 1 : i + 4]
        if field[i] == "\\" and len(digits) == 3 and digits.isdigit():
            out.append(chr(int(digits, 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def parse_mountinfo(text: str) -> list[tuple[str, str]]:
    """(mount point, filesystem type) pairs, in mount order."""
    mounts: list[tuple[str, str]] = []
    for line in text.splitlines():
        fields = line.split()
        if "-" not in fields:
            continue
        sep = fields.index("-")
        if len(fields) < 5 or sep + 1 >= len(fields):
            continue
        mounts.append((_unescape(fields[4]), fields[sep + 1]))
    return mounts


def filesystem_type(path: Path, mounts: Iterable[tuple[str, str]]) -> str | None:
    """Type of the filesystem holding `path`: the longest matching mount point wins."""
    target = os.path.realpath(path)
    best: tuple[int, str] | None = None
    for point, fstype in mounts:
        prefix = point.rstrip("/") + "/"
        if (target == point or target.startswith(prefix) or point == "/") and (
            best is None or len(point) >= best[0]
        ):
            best = (len(point), fstype)
    return best[1] if best else None


def _linux_mountinfo() -> str:
    with open("/proc/self/mountinfo", encoding="utf-8", errors="surrogateescape") as f:
        return f.read()


def _darwin_mounts() -> list[tuple[str, str]]:
    """`mount` prints `src on /point (type, flags...)`; a failure means no opinion."""
    try:
        out = subprocess.run(
            ["/sbin/mount"], capture_output=True, text=True, timeout=5, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    mounts: list[tuple[str, str]] = []
    for line in out.splitlines():
        head, sep, tail = line.rpartition(" (")
        if not sep or " on " not in head:
            continue
        point = head.split(" on ", 1)[1]
        mounts.append((point, tail.split(",", 1)[0].strip(" )")))
    return mounts


def _windows_is_remote(path: Path) -> bool:
    resolved = str(path.resolve())
    if resolved.startswith("\\\\"):
        return True
    try:
        import ctypes

        drive_remote = 4
        root = os.path.splitdrive(resolved)[0] + "\\"
        windll = ctypes.windll  # type: ignore[attr-defined,unused-ignore]
        return bool(windll.kernel32.GetDriveTypeW(root) == drive_remote)
    except (AttributeError, OSError):
        return False


def refuse_network_filesystem(path: Path, *, mountinfo: MountinfoReader | None = None) -> None:
    """Raise StoreError if `path` lies on a network filesystem.

    Args:
        path: the data folder (it may not exist yet).
        mountinfo: a reader of mountinfo text; the running system's by default.
    """
    fstype: str | None
    if mountinfo is not None or sys.platform.startswith("linux"):
        try:
            text = (mountinfo or _linux_mountinfo)()
        except OSError:
            return
        fstype = filesystem_type(path, parse_mountinfo(text))
    elif sys.platform == "darwin":
        fstype = filesystem_type(path, _darwin_mounts())
    elif os.name == "nt":
        fstype = "network drive" if _windows_is_remote(path) else None
    else:
        return
    if fstype is None:
        return
    if fstype in NETWORK_FS_TYPES or fstype == "network drive":
        raise StoreError(
            f"the data folder {path} is on a network filesystem ({fstype}). SQLite's file "
            "locking is not reliable there, so the request log could be damaged. Choose a "
            "folder on this computer's own disk with --data-dir or DESK_DATA_DIR; sharing one "
            "log between workstations will come through a server database instead."
        )
