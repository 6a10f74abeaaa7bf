"""The practice's last good policy stands in for its folder when that folder breaks."""

from __future__ import annotations

import shutil
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desk.core.policy.fallback import load_with_fallback
from desk.core.policy.good_copy import find, keep
from desk.paths import bundled_policy_dir

_WHEN = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _practice(tmp_path: Path, phone: str = "(555) 010-4242") -> Path:
    """A practice's own folder: the bundled policy with its own office phone."""
    folder = tmp_path / "practice"
    shutil.copytree(bundled_policy_dir(), folder)
    practice = folder / "practice.yaml"
    text = practice.read_text(encoding="utf-8")
    lines = [
        f'office_phone: "{phone}"' if line.startswith("office_phone:") else line
        for line in text.splitlines()
    ]
    practice.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _break(folder: Path) -> None:
    topic = folder / "topics" / "texting.yaml"
    topic.write_text(topic.read_text(encoding="utf-8").replace("verdict:", "verdict: nope\nx:", 1))


def test_broken_folder_uses_its_last_good_copy(tmp_path: Path) -> None:
    """After a folder once loaded, breaking it shows that practice's details, not the bundled."""
    folder, store = _practice(tmp_path), tmp_path / "data" / "policy-last-good"
    first = load_with_fallback(folder, good_copies=store, now=_WHEN)
    assert not first.fell_back and first.book.practice.office_phone == "(555) 010-4242"
    _break(folder)
    later = load_with_fallback(folder, good_copies=store, now=_WHEN + timedelta(days=3))
    assert later.fell_back and not later.on_bundled and later.issues
    assert later.book.practice.office_phone == "(555) 010-4242"
    assert later.good_copy is not None and later.good_copy.checked_at == _WHEN
    assert later.requested == folder


def test_no_good_copy_ever_means_bundled(tmp_path: Path) -> None:
    """A folder broken from the start falls back to the bundled policy, and says so."""
    folder, store = _practice(tmp_path), tmp_path / "store"
    _break(folder)
    result = load_with_fallback(folder, good_copies=store, now=_WHEN)
    assert result.on_bundled and result.good_copy is None
    assert result.book.source_dir == bundled_policy_dir()


def test_copy_follows_the_latest_good_version(tmp_path: Path) -> None:
    """An edit that passes the check replaces the kept copy and its date."""
    folder, store = _practice(tmp_path), tmp_path / "store"
    load_with_fallback(folder, good_copies=store, now=_WHEN)
    shutil.rmtree(folder)
    folder = _practice(tmp_path, phone="(555) 010-9999")
    load_with_fallback(folder, good_copies=store, now=_WHEN + timedelta(days=1))
    _break(folder)
    result = load_with_fallback(folder, good_copies=store, now=_WHEN + timedelta(days=2))
    assert result.book.practice.office_phone == "(555) 010-9999"
    assert result.good_copy is not None
    assert result.good_copy.checked_at == _WHEN + timedelta(days=1)


def test_copies_are_per_folder_and_private(tmp_path: Path) -> None:
    """Another folder never borrows this folder's copy; the copy is owner-only."""
    folder, store = _practice(tmp_path), tmp_path / "store"
    copy = keep(folder, store=store, now=_WHEN)
    assert copy is not None
    assert find(tmp_path / "elsewhere", store=store) is None
    assert stat.S_IMODE(store.stat().st_mode) == 0o700
    for path in copy.folder.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


def test_damaged_copy_falls_back_to_bundled(tmp_path: Path) -> None:
    """A kept copy that no longer loads is not used."""
    folder, store = _practice(tmp_path), tmp_path / "store"
    copy = keep(folder, store=store, now=_WHEN)
    assert copy is not None
    (copy.folder / "practice.yaml").write_text("name: [\n", encoding="utf-8")
    _break(folder)
    result = load_with_fallback(folder, good_copies=store, now=_WHEN)
    assert result.on_bundled


def test_unwritable_store_never_stops_loading(tmp_path: Path) -> None:
    """A store that cannot be written leaves the folder in use and keeps nothing."""
    folder = _practice(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = load_with_fallback(folder, good_copies=blocker / "store", now=_WHEN)
    assert not result.fell_back and result.book.source_dir == folder


def test_a_planted_link_is_not_written_through(tmp_path: Path) -> None:
    """A link planted where the stamp is written never lets the copy overwrite its target."""
    folder, store = _practice(tmp_path), tmp_path / "store"
    copy = keep(folder, store=store, now=_WHEN)
    assert copy is not None
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (copy.folder / ".kept.json.partial").symlink_to(victim)
    assert keep(folder, store=store, now=_WHEN + timedelta(days=1)) is not None
    assert victim.read_text(encoding="utf-8") == "keep me"
    found = find(folder, store=store)
    assert found is not None and found.checked_at == _WHEN + timedelta(days=1)
