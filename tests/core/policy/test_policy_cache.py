"""The validated-policy cache: used only while the folder is unchanged, never trusted blindly."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from desk.core.policy import cache as policy_cache
from desk.core.policy import loader as policy_loader
from desk.core.policy.cache import cache_file, load_policy_cached
from desk.core.policy.fallback import load_with_fallback
from desk.core.policy.loader import PolicyError, load_policy
from desk.paths import cache_dir

_AN_HOUR_AGO = time.time() - 3600


def _age(folder: Path, when: float = _AN_HOUR_AGO) -> None:
    """Date every file and folder back, as if the policy was last edited a while ago."""
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (when, when))


@pytest.fixture
def policy(tmp_path: Path, bundled_dir: Path) -> Path:
    """A copy of the bundled policy, last edited an hour ago."""
    target = tmp_path / "policy"
    shutil.copytree(bundled_dir, target)
    _age(target)
    return target


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def full_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Folders the strict loader parsed (a cache hit parses nothing)."""
    loads: list[Path] = []
    real = policy_loader.load_policy

    def counting(directory: Path) -> object:
        loads.append(Path(directory))
        return real(directory)

    monkeypatch.setattr(policy_loader, "load_policy", counting)
    return loads


def _edit(path: Path, change: Callable[[str], str]) -> None:
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def test_cached_book_is_the_loaded_book(policy: Path, cache: Path, full_loads: list[Path]) -> None:
    """The second load comes from the cache and equals what the strict loader built."""
    first = load_policy_cached(policy, cache_dir=cache)
    second = load_policy_cached(policy, cache_dir=cache)
    assert full_loads == [policy]
    assert second == first == load_policy(policy)
    assert second.source_dir == policy


def test_edited_file_gives_new_content(policy: Path, cache: Path, full_loads: list[Path]) -> None:
    """Editing a topic file means a full load: staff see the new words, not the cached ones."""
    load_policy_cached(policy, cache_dir=cache)
    _edit(policy / "topics" / "texting.yaml", lambda t: t.replace("title:", "title: Edited", 1))
    book = load_policy_cached(policy, cache_dir=cache)
    assert book.topic("texting").title.startswith("Edited")
    assert len(full_loads) == 2


def test_same_size_edit_with_new_time_is_seen(policy: Path, cache: Path) -> None:
    """An edit that keeps the file's size is still seen, by its modified time."""
    load_policy_cached(policy, cache_dir=cache)
    path = policy / "practice.yaml"
    text = path.read_text(encoding="utf-8")
    name = load_policy(policy).practice.name
    path.write_text(text.replace(name, name.upper(), 1), encoding="utf-8")
    os.utime(path, (_AN_HOUR_AGO + 60, _AN_HOUR_AGO + 60))
    assert load_policy_cached(policy, cache_dir=cache).practice.name == name.upper()


def test_added_topic_appears(policy: Path, cache: Path) -> None:
    """A topic file added after caching shows up on the next load."""
    load_policy_cached(policy, cache_dir=cache)
    extra = (policy / "topics" / "voicemail.yaml").read_text(encoding="utf-8")
    extra = extra.replace("id: voicemail", "id: fax").replace("title: Leaving", "title: Faxing", 1)
    (policy / "topics" / "fax.yaml").write_text(extra, encoding="utf-8")
    book = load_policy_cached(policy, cache_dir=cache)
    assert book.has_topic("fax")


def test_removed_topic_is_an_error_again(policy: Path, cache: Path) -> None:
    """Removing a required topic after caching is reported, not hidden by the cache."""
    load_policy_cached(policy, cache_dir=cache)
    (policy / "topics" / "voicemail.yaml").unlink()
    with pytest.raises(PolicyError, match="voicemail"):
        load_policy_cached(policy, cache_dir=cache)


def test_broken_folder_is_never_cached(policy: Path, cache: Path) -> None:
    """A folder with errors raises every time and leaves no cache entry."""
    _edit(policy / "topics" / "texting.yaml", lambda t: t + "oops: 1\n")
    _age(policy)
    for _ in range(2):
        with pytest.raises(PolicyError, match="oops"):
            load_policy_cached(policy, cache_dir=cache)
    assert not cache_file(cache, policy).exists()


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "{not json",
        lambda text: "",
        lambda text: text.replace('"verdict": "no"', '"verdict": "maybe"', 1),
        lambda text: text.replace('"guidance": false', '"guidance": "false"', 1),
        lambda text: text.replace("{office_phone}", "{office_phone.__class__}", 1),
        lambda text: json.dumps({"format": 1, "key": json.loads(text)["key"], "book": []}),
    ],
    ids=["not-json", "empty", "bad-verdict", "bad-type", "bad-placeholder", "wrong-shape"],
)
def test_corrupt_cache_falls_back_to_a_full_load(
    policy: Path, cache: Path, full_loads: list[Path], damage: Callable[[str], str]
) -> None:
    """A damaged or tampered entry is ignored: the strict loader runs and rewrites it."""
    expected = load_policy_cached(policy, cache_dir=cache)
    entry = cache_file(cache, policy)
    entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8")
    assert load_policy_cached(policy, cache_dir=cache) == expected
    assert len(full_loads) == 2
    assert load_policy_cached(policy, cache_dir=cache) == expected
    assert len(full_loads) == 2, "the rewritten entry is used again"


def test_new_desk_version_ignores_old_entries(
    policy: Path, cache: Path, full_loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry written by another Desk version is not used."""
    load_policy_cached(policy, cache_dir=cache)
    monkeypatch.setattr(policy_cache, "__version__", "99.0")
    load_policy_cached(policy, cache_dir=cache)
    assert len(full_loads) == 2


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_cache_is_owner_only(policy: Path, cache: Path) -> None:
    """The cache file is 0600 in a 0700 folder."""
    load_policy_cached(policy, cache_dir=cache)
    entry = cache_file(cache, policy)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert [p.name for p in cache.iterdir()] == [entry.name], "no temporary file left behind"


def test_just_edited_files_are_not_cached(policy: Path, cache: Path) -> None:
    """A file changed seconds ago is not cached: a second quick same-size edit could hide."""
    (policy / "practice.yaml").touch()
    load_policy_cached(policy, cache_dir=cache)
    assert not cache_file(cache, policy).exists()


def test_unwritable_cache_still_loads(policy: Path, tmp_path: Path) -> None:
    """A cache folder that cannot be created costs nothing but speed."""
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    book = load_policy_cached(policy, cache_dir=blocker / "cache")
    assert book == load_policy(policy)


def test_fallback_uses_the_cache_for_the_bundled_policy(
    policy: Path, cache: Path, bundled_dir: Path
) -> None:
    """With a cache, a broken folder still falls back to the bundled policy with its issues."""
    _edit(policy / "topics" / "texting.yaml", lambda t: t + "oops: 1\n")
    result = load_with_fallback(policy, cache_dir=cache)
    assert result.fell_back and result.book.source_dir == bundled_dir
    assert any("oops" in str(issue) for issue in result.issues)


def test_cached_load_imports_no_yaml(policy: Path, cache: Path) -> None:
    """The point of the cache: an unchanged folder loads without the YAML parser or reader."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from desk.core.policy.cache import load_policy_cached\n"
        "book = load_policy_cached(Path(sys.argv[1]), cache_dir=Path(sys.argv[2]))\n"
        "mods = ('yaml', 'desk.core.policy.safe_yaml')\n"
        "print(len(book.topics), any(m in sys.modules for m in mods))\n"
    )

    def run() -> str:
        argv = [sys.executable, "-c", code, str(policy), str(cache)]
        return subprocess.run(argv, check=True, capture_output=True, text=True).stdout.strip()

    assert run().endswith("True"), "the first load parses the files"
    assert run().endswith("False")


def test_cache_dir_follows_env_and_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`DESK_CACHE_DIR` wins; otherwise the platform's user cache folder, as platformdirs says."""
    assert cache_dir(environ={"DESK_CACHE_DIR": str(tmp_path)}) == tmp_path
    if sys.platform != "linux":
        return
    import platformdirs

    xdg = tmp_path / "xdg"
    assert cache_dir(environ={"XDG_CACHE_HOME": str(xdg)}) == xdg / "Desk"
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert cache_dir(environ={}) == Path(platformdirs.user_cache_dir("Desk", "Desk"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    assert cache_dir(environ={"XDG_CACHE_HOME": str(xdg)}) == Path(
        platformdirs.user_cache_dir("Desk", "Desk")
    )
