"""The policy YAML reader names the line of a character YAML does not allow, in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from desk.core.policy import safe_yaml
from desk.core.policy.safe_yaml import read_yaml_file, read_yaml_text


@pytest.fixture(params=["C parser", "Python parser"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both the fast parser and the pure-Python one a machine may fall back to."""
    if request.param == "Python parser":
        monkeypatch.setattr(safe_yaml, "_event_loader", yaml.BaseLoader)
    elif getattr(yaml, "CBaseLoader", None) is None:
        pytest.skip("PyYAML was built without its C parser")
    return str(request.param)


@pytest.mark.parametrize(
    ("char", "shown"), [("\x00", "U+0000"), ("\x07", "U+0007"), ("\x1b", "U+001B")]
)
def test_control_character_is_named_by_line(parser: str, char: str, shown: str) -> None:
    """NUL or another control character gives file:line and a one-line message."""
    text = f"title: Email\nanswer: José says é\nsay: no{char}pe\nmore: x\n"
    result = read_yaml_text(text)
    assert result.root is None
    [issue] = result.issues
    assert issue.line == 3, parser
    assert "\n" not in issue.message
    assert shown in issue.message
    assert "position" not in issue.message


def test_control_character_in_a_file(tmp_path: Path, parser: str) -> None:
    """Read from disk (with a byte order mark) the line is still the file's own line."""
    path = tmp_path / "topic.yaml"
    path.write_bytes("\ufeffa: 1\nb: 2\nc: x\x00\n".encode())
    [issue] = read_yaml_file(path).issues
    assert issue.line == 3
    assert "\n" not in issue.message
