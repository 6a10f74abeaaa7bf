"""The cache cannot speak for the policy files, and a policy file cannot be a link elsewhere."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from desk.core.policy.cache import cache_file, load_policy_cached
from desk.core.policy.loader import PolicyError, load_policy
from desk.core.policy.safe_yaml import read_yaml_file


@pytest.fixture
def policy(tmp_path: Path, bundled_dir: Path) -> Path:
    """A copy of the bundled policy, last edited an hour ago (so it may be cached)."""
    target = tmp_path / "policy"
    shutil.copytree(bundled_dir, target)
    then = time.time() - 3600
    for path in [target, *target.rglob("*")]:
        os.utime(path, (then, then))
    return target


def test_format_spec_in_the_cache_is_refused(policy: Path, tmp_path: Path) -> None:
    """A cached {office_phone:>99999999} (a 100 MB string when filled in) is not used."""
    cache = tmp_path / "cache"
    expected = load_policy_cached(policy, cache_dir=cache)
    entry = cache_file(cache, policy)
    text = entry.read_text(encoding="utf-8")
    assert "{office_phone}" in text
    entry.write_text(text.replace("{office_phone}", "{office_phone:>99999999}"), encoding="utf-8")
    book = load_policy_cached(policy, cache_dir=cache)
    assert book == expected
    assert all(":>" not in s.text for t in book.topics for s in t.scripts)


def test_cache_key_holds_each_file_digest(policy: Path, tmp_path: Path) -> None:
    """The key names every file's bytes, so a same-size edit with its times put back is seen."""
    cache = tmp_path / "cache"
    load_policy_cached(policy, cache_dir=cache)
    key = json.loads(cache_file(cache, policy).read_text(encoding="utf-8"))["key"]
    files = {entry[0]: entry[-1] for entry in key["files"]}
    assert len(files["topics/email.yaml"]) == 64
    assert all(len(code[1]) == 64 for code in key["code"])


def test_symlinked_policy_file_is_refused(policy: Path, tmp_path: Path) -> None:
    """A topic file that is a link to another file is refused, not followed and quoted."""
    secret = tmp_path / "secret.txt"
    secret.write_text("Client Zelda Quarrington: private line\n", encoding="utf-8")
    email = policy / "topics" / "email.yaml"
    email.unlink()
    email.symlink_to(secret)
    result = read_yaml_file(email)
    assert result.root is None
    assert [i.message for i in result.issues] == [
        "is a symbolic link; copy the file itself into the folder"
    ]
    with pytest.raises(PolicyError) as caught:
        load_policy(policy)
    assert "Quarrington" not in str(caught.value)
    assert any("symbolic link" in str(issue) for issue in caught.value.issues)
