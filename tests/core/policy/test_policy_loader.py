"""The policy loader: strict, safe, and every problem reported as file:line at once."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.core.policy.book import TOPIC_IDS
from desk.core.policy.fallback import load_with_fallback
from desk.core.policy.loader import PolicyError, PolicyIssue, load_policy
from desk.core.policy.safe_yaml import MAX_DEPTH, MAX_FILE_BYTES


@pytest.fixture
def policy(tmp_path: Path, bundled_dir: Path) -> Path:
    """A writable copy of the bundled policy."""
    target = tmp_path / "policy"
    shutil.copytree(bundled_dir, target)
    return target


def _topic(policy: Path, topic_id: str) -> Path:
    return policy / "topics" / f"{topic_id}.yaml"


def _write_topic(policy: Path, topic_id: str, body: str) -> Path:
    path = _topic(policy, topic_id)
    path.write_text(body, encoding="utf-8")
    return path


_MINIMAL = """\
title: Texting
verdict: no
answer: No texting.
scripts:
  - label: Say
    text: Please call {office_phone}.
checklist:
  - text: No texting.
rationale: The policy says so.
source_section: Texting
phrasings: [Can I text?, Text her?, SMS okay?, Send a text?, Message by phone?, Txt ok?]
keywords: [text, texting, sms, txt, message, iMessage]
"""
#: The first line after `_MINIMAL`, where tests append a mistake.
AFTER = len(_MINIMAL.splitlines()) + 1


def _issues(policy: Path) -> list[PolicyIssue]:
    with pytest.raises(PolicyError) as info:
        load_policy(policy)
    return info.value.issues


def _messages(policy: Path) -> list[str]:
    return [str(issue) for issue in _issues(policy)]


def _one(policy: Path, pattern: str) -> PolicyIssue:
    found = [i for i in _issues(policy) if re.search(pattern, i.message)]
    assert len(found) == 1, [str(i) for i in _issues(policy)]
    return found[0]


def test_bundled_policy_loads_in_checklist_order(bundled_dir: Path) -> None:
    """The shipped policy loads and keeps the agreed row order."""
    book = load_policy(bundled_dir)
    assert tuple(t.id for t in book.topics) == TOPIC_IDS
    assert book.source_dir == bundled_dir


def test_minimal_topic_loads(policy: Path) -> None:
    """A topic with the required fields and enough caller words is valid; `no` stays a word."""
    _write_topic(policy, "texting", _MINIMAL)
    topic = load_policy(policy).topic("texting")
    assert topic.verdict == "no"
    assert topic.related == () and topic.guidance is False


def test_unknown_key_names_file_line_and_suggestion(policy: Path) -> None:
    """A misspelt key is an error at its own line, with a hint."""
    path = _write_topic(policy, "texting", _MINIMAL + "titel: Oops\n")
    issue = _one(policy, "unknown key")
    assert issue.file == path and issue.line == AFTER
    assert "'titel'" in issue.message and "did you mean 'title'" in issue.message
    assert str(issue).startswith(f"{path}:{AFTER}: ")


def test_unknown_key_in_nested_item(policy: Path) -> None:
    """Unknown keys inside a script are caught too, with the script's number."""
    _write_topic(
        policy, "texting", _MINIMAL.replace("    text: Please", "    txt: x\n    text: Please")
    )
    issue = _one(policy, "unknown key 'txt'")
    assert issue.line == 6 and "scripts #1" in issue.message


def test_duplicate_keys_at_any_depth(policy: Path) -> None:
    """Duplicate keys are errors at the second key, top level and nested."""
    body = _MINIMAL + "title: Again\n"
    body = body.replace("    text: Please call {office_phone}.", "    text: A\n    text: B")
    _write_topic(policy, "texting", body)
    messages = {i.line: i.message for i in _issues(policy)}
    assert "duplicate key 'text' (first at line 6)" in messages[7]
    assert "duplicate key 'title' (first at line 1)" in messages[AFTER + 1]


def test_missing_fields_are_named(policy: Path) -> None:
    """Each missing required field is reported against its file."""
    _write_topic(policy, "texting", "title: Texting\nverdict: no\n")
    messages = " ".join(m for m in _messages(policy) if "texting.yaml:1:" in m)
    for field in ("answer", "scripts", "checklist", "rationale", "source_section"):
        assert f"missing '{field}'" in messages


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("scripts:\n  - label", "scripts: Say hi\nx:\n  - label", "'scripts': expected a list"),
        ("answer: No texting.", "answer: [a, b]", "'answer': expected text"),
        ("answer: No texting.", "answer: true", "'answer': expected text"),
        ("answer: No texting.", "answer:", "'answer': must not be empty"),
        (
            "rationale: The policy says so.",
            "rationale: x\nguidance: yes",
            "'guidance': expected true",
        ),
        ("  - text: No texting.", "  - No texting.", "checklist #1: expected 'key: value'"),
        ("checklist:\n  - text: No texting.", "checklist: []", "'checklist': needs at least one"),
        (
            "rationale: The policy says so.",
            "rationale: x\norder: first",
            "'order': expected a whole",
        ),
    ],
)
def test_wrongly_typed_fields(policy: Path, old: str, new: str, expected: str) -> None:
    """A field of the wrong type is an error that names the field."""
    assert old in _MINIMAL
    _write_topic(policy, "texting", _MINIMAL.replace(old, new))
    assert any(expected in m for m in _messages(policy)), _messages(policy)


def test_bad_verdict(policy: Path) -> None:
    """Only yes, no, conditional, act-now and why are verdicts."""
    _write_topic(policy, "texting", _MINIMAL.replace("verdict: no", "verdict: maybe"))
    issue = _one(policy, "verdict")
    assert issue.line == 2 and "act-now or why" in str(issue)


@pytest.mark.parametrize(("verdict", "word"), [("act-now", "Act now"), ("why", "Why")])
def test_verdicts_that_are_not_yes_or_no(policy: Path, verdict: str, word: str) -> None:
    """A topic that is a thing to do or an explanation has its own verdict and word."""
    _write_topic(policy, "texting", _MINIMAL.replace("verdict: no", f"verdict: {verdict}"))
    topic = load_policy(policy).topic("texting")
    assert topic.verdict == verdict and topic.verdict_label == word


def test_no_condition_on_act_now(policy: Path) -> None:
    """A condition on an act-now verdict is an error: only "only if" has a condition."""
    body = _MINIMAL.replace("verdict: no", "verdict: act-now\ncondition: sometimes")
    _write_topic(policy, "texting", body)
    assert "only to verdict conditional" in str(_one(policy, "condition"))


def test_not_covered_message_is_the_practices(policy: Path) -> None:
    """practice.yaml may say what to do with a question the policy is silent on; without it,
    Desk says the communication policy does not cover it."""
    path = policy / "practice.yaml"
    text = path.read_text(encoding="utf-8")
    assert load_policy(policy).practice.not_covered.startswith("Not in the communication")
    kept = "\n".join(line for line in text.splitlines() if not line.startswith("not_covered"))
    path.write_text(kept + "\n", encoding="utf-8")
    assert load_policy(policy).practice.not_covered.startswith("Not in the communication")
    path.write_text(kept + "\nnot_covered: Ask Dana at the front office.\n", encoding="utf-8")
    assert load_policy(policy).practice.not_covered == "Ask Dana at the front office."


def test_conditional_needs_condition(policy: Path) -> None:
    """A conditional verdict without its condition is an error at the verdict."""
    _write_topic(policy, "texting", _MINIMAL.replace("verdict: no", "verdict: conditional"))
    assert _one(policy, "needs 'condition'").line == 2


def test_condition_only_with_conditional(policy: Path) -> None:
    """A condition on a yes/no verdict is flagged rather than silently ignored."""
    _write_topic(policy, "texting", _MINIMAL.replace("verdict: no", "verdict: no\ncondition: x"))
    assert _one(policy, "applies only to verdict conditional").line == 3


@pytest.mark.parametrize(
    ("placeholder", "expected"),
    [
        ("{client_name}", "unknown placeholder {client_name}"),
        ("{office_phone:>20}", "takes no ':' or '!' part"),
        ("{website.__class__}", "unknown placeholder {website.__class__}"),
        ("{0}", "unknown placeholder {0}"),
        ("{}", "unknown placeholder {}"),
        ("{office_phone", "expected '}'"),
    ],
)
def test_bad_placeholders(policy: Path, placeholder: str, expected: str) -> None:
    """Only bare practice placeholders are allowed in scripts."""
    body = _MINIMAL.replace("{office_phone}", placeholder)
    _write_topic(policy, "texting", body)
    issue = _one(policy, re.escape(expected))
    assert issue.line == 6 and "scripts #1 'text'" in issue.message


def test_placeholders_outside_scripts_are_errors(policy: Path) -> None:
    """Only scripts are filled in, so braces in an answer would show raw on screen."""
    _write_topic(policy, "texting", _MINIMAL.replace("No texting.", "Call {office_phone}.", 1))
    assert _one(policy, "work only in script text").line == 3


def test_broken_related_reference(policy: Path) -> None:
    """A related id that names no topic is an error with a suggestion."""
    _write_topic(policy, "texting", _MINIMAL + "related: [email, phone-call]\n")
    issue = _one(policy, "no topic 'phone-call'")
    assert issue.line == AFTER and "did you mean 'phone-calls'" in issue.message


def test_related_to_itself_or_twice(policy: Path) -> None:
    """Self references and repeats in related are errors."""
    _write_topic(policy, "texting", _MINIMAL + "related: [texting, email, email]\n")
    messages = _messages(policy)
    assert any("cannot list itself" in m for m in messages)
    assert any("'email' is listed twice" in m for m in messages)


def test_missing_topic_file(policy: Path) -> None:
    """Every agreed topic id must have a file."""
    _topic(policy, "crisis").unlink()
    issue = _one(policy, "topic 'crisis' is required")
    assert issue.file == _topic(policy, "crisis") and issue.line is None
    # Topics that point at the missing one are reported too.
    assert any("no topic 'crisis'" in m for m in _messages(policy))


def test_duplicate_topic_id(policy: Path) -> None:
    """Two files for one id (.yaml and .yml) are an error, not a silent pick."""
    shutil.copy(_topic(policy, "email"), policy / "topics" / "email.yml")
    assert "email.yml" in str(_one(policy, "duplicate topic id 'email'"))


def test_id_must_match_file_name(policy: Path) -> None:
    """An `id` that disagrees with the file name is an error at the id line."""
    _write_topic(policy, "texting", "id: text\n" + _MINIMAL)
    issue = _one(policy, "does not match the file name texting.yaml")
    assert issue.line == 1


def test_bad_topic_file_name(policy: Path) -> None:
    """Topic files must be named like ids."""
    (policy / "topics" / "Bad Name.yaml").write_text(_MINIMAL, encoding="utf-8")
    assert "lower-case words" in _one(policy, "lower-case").message


def test_extra_topic_sorted_by_order(policy: Path) -> None:
    """Practices may add topics; `order` places them, otherwise they go last."""
    _write_topic(policy, "zoom-links", _MINIMAL.replace("title: Texting", "title: Zoom"))
    _write_topic(policy, "fax", _MINIMAL.replace("title: Texting", "order: 0\ntitle: Fax"))
    ids = [t.id for t in load_policy(policy).topics]
    assert ids[0] == "fax" and ids[-1] == "zoom-links"


def test_other_files_are_ignored(policy: Path) -> None:
    """Notes and editor backups next to the topics do not break loading."""
    (policy / "topics" / "README.md").write_text("notes", encoding="utf-8")
    (policy / "topics" / ".texting.yaml.swp").write_text("junk", encoding="utf-8")
    (policy / "topics" / "texting.yaml~").write_text("junk", encoding="utf-8")
    assert len(load_policy(policy).topics) == len(TOPIC_IDS)


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    """A folder that does not exist says so, without a traceback-worthy exception."""
    issues = _issues(tmp_path / "nowhere")
    assert len(issues) == 1
    assert "policy folder not found" in str(issues[0]) and "nowhere" in str(issues[0])


def test_missing_practice_and_topics(tmp_path: Path) -> None:
    """An empty folder names both missing parts."""
    (tmp_path / "empty").mkdir()
    text = "\n".join(_messages(tmp_path / "empty"))
    assert "practice.yaml: missing" in text and "topics: missing" in text


def test_practice_fields_checked(policy: Path) -> None:
    """practice.yaml gets the same strictness: missing and unknown keys, crisis entries."""
    text = (policy / "practice.yaml").read_text(encoding="utf-8")
    text = text.replace("website: www.ccmrocks.com\n", "webiste: www.ccmrocks.com\n")
    text = text.replace("    how: text HOME to 741741, any time\n", "")
    (policy / "practice.yaml").write_text(text, encoding="utf-8")
    messages = _messages(policy)
    assert any("unknown key 'webiste'" in m and "did you mean 'website'" in m for m in messages)
    assert any("missing 'website'" in m for m in messages)
    assert any("crisis_resources #3: missing 'how'" in m for m in messages)


def test_unquoted_numbers_read_as_text(policy: Path) -> None:
    """`contact: 911` and `policy_version: 2026.1` need no quotes."""
    path = policy / "practice.yaml"
    text = path.read_text(encoding="utf-8").replace('contact: "911"', "contact: 911")
    text = text.replace("policy_version: to be confirmed", "policy_version: 2026.10")
    path.write_text(text, "utf-8")
    practice = load_policy(policy).practice
    assert practice.crisis_resources[0].contact == "911"
    assert practice.policy_version == "2026.10"


def test_many_errors_across_files_collected_at_once(policy: Path) -> None:
    """One run reports every broken file, each problem with its own line."""
    _write_topic(policy, "texting", _MINIMAL.replace("verdict: no", "verdict: perhaps"))
    _write_topic(policy, "email", _MINIMAL + "colour: blue\n")
    _write_topic(policy, "voicemail", "title: [unclosed\n")
    (policy / "practice.yaml").write_text("name: X\nname: Y\n", encoding="utf-8")
    issues = _issues(policy)
    files = {issue.file.name for issue in issues}
    assert {"texting.yaml", "email.yaml", "voicemail.yaml", "practice.yaml"} <= files
    for issue in issues:
        assert re.match(r"^.+\.yaml(:\d+)?: \S", str(issue)), str(issue)
    assert [(str(i.file), i.line or 0) for i in issues] == sorted(
        (str(i.file), i.line or 0) for i in issues
    )


def test_policy_error_lists_every_issue(policy: Path) -> None:
    """str(PolicyError) is one issue per line, for logs and the CLI."""
    _write_topic(policy, "texting", _MINIMAL + "a: 1\nb: 2\n")
    with pytest.raises(PolicyError) as info:
        load_policy(policy)
    assert str(info.value).splitlines() == [str(i) for i in info.value.issues]
    assert len(info.value.issues) == 2


def test_python_tags_rejected_and_never_run(policy: Path, tmp_path: Path) -> None:
    """`!!python/...` tags are errors and the code in them never runs."""
    marker = tmp_path / "ran"
    payloads = [
        f"!!python/object/apply:pathlib.Path.touch [!!python/object/apply:pathlib.Path [{marker}]]",
        f"!!python/object/apply:builtins.exec [\"open(r'{marker}', 'w').close()\"]",
        "!!python/name:os.system",
        "!custom thing",
    ]
    body = _MINIMAL.replace("rationale: The policy says so.", "rationale: x")
    for n, payload in enumerate(payloads):
        body += f"k{n}: {payload}\n"
    _write_topic(policy, "texting", body)
    messages = _messages(policy)
    assert sum("YAML tags are not allowed" in m for m in messages) >= len(payloads)
    assert any("python/object/apply" in m for m in messages)
    assert not marker.exists()


def test_alias_bomb_fails_at_first_anchor(policy: Path) -> None:
    """A billion-laughs file is refused at its first anchor, before any expansion."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 30):
        refs = ",".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    _write_topic(policy, "texting", "\n".join(lines) + "\n")
    issue = _one(policy, "anchors and aliases")
    assert issue.line == 1


def test_alias_without_anchor_rejected(policy: Path) -> None:
    """A bare alias is refused like an anchor."""
    _write_topic(policy, "texting", _MINIMAL + "related: *x\n")
    assert _one(policy, "invalid YAML|anchors and aliases").line is not None


def test_deep_nesting_rejected(policy: Path) -> None:
    """Nesting past the cap is refused at the line where it happens."""
    deep = "[" * (MAX_DEPTH * 50) + "]" * (MAX_DEPTH * 50)
    _write_topic(policy, "texting", _MINIMAL + f"\nkeywords: {deep}\n")
    assert _one(policy, "nested more than").line == AFTER + 1


def test_oversized_file_rejected(policy: Path) -> None:
    """Files past the size cap are refused without being parsed."""
    filler = "# " + "x" * 98 + "\n"
    body = _MINIMAL + filler * (MAX_FILE_BYTES // len(filler) + 1)
    path = _write_topic(policy, "texting", body)
    issue = _one(policy, "larger than")
    assert issue.file == path and issue.line is None


def test_multiple_documents_rejected(policy: Path) -> None:
    """A second `---` document is refused, not silently dropped."""
    _write_topic(policy, "texting", _MINIMAL + "---\ntitle: Two\n")
    assert _one(policy, "only one YAML document").line == AFTER


def test_empty_and_non_mapping_files(policy: Path) -> None:
    """An empty topic file or a bare list is an error, not a crash."""
    _write_topic(policy, "texting", "# nothing yet\n")
    _write_topic(policy, "email", "- a\n- b\n")
    messages = _messages(policy)
    assert any("texting.yaml:1: file is empty" in m for m in messages)
    assert any("email.yaml:1: expected a mapping" in m for m in messages)


def test_non_utf8_file(policy: Path) -> None:
    """A file saved in another encoding names the line of the first bad byte."""
    _topic(policy, "texting").write_bytes(_MINIMAL.encode() + b"note: caf\xe9\n")
    assert _one(policy, "not UTF-8").line == AFTER


def test_fallback_uses_bundled_and_reports(policy: Path, bundled_dir: Path) -> None:
    """A broken practice folder falls back to the bundled policy, with its issues."""
    _write_topic(policy, "texting", _MINIMAL + "oops: 1\n")
    result = load_with_fallback(policy)
    assert result.fell_back and result.requested == policy
    assert result.book.source_dir == bundled_dir
    assert any(f"texting.yaml:{AFTER}:" in str(i) for i in result.issues)


def test_fallback_for_missing_folder(tmp_path: Path, bundled_dir: Path) -> None:
    """A folder that vanished never stops Desk from starting."""
    result = load_with_fallback(tmp_path / "gone")
    assert result.fell_back and result.book.source_dir == bundled_dir
    assert "not found" in str(result.issues[0])


def test_no_fallback_when_valid(policy: Path) -> None:
    """A valid practice folder is used as is."""
    result = load_with_fallback(policy)
    assert not result.fell_back and result.issues == []
    assert result.book.source_dir == policy


def test_none_means_bundled(bundled_dir: Path) -> None:
    """No requested folder means the bundled policy, with nothing to report."""
    result = load_with_fallback(None)
    assert result.requested is None and not result.fell_back
    assert result.book.source_dir == bundled_dir


def test_issue_without_line_has_no_line_number(tmp_path: Path) -> None:
    """Whole-file problems print as `file: message`."""
    issue = PolicyIssue(tmp_path / "x.yaml", None, "missing")
    assert str(issue) == f"{tmp_path / 'x.yaml'}: missing"


_YAML_BITS = st.sampled_from(
    [
        "title: x\n",
        "verdict: no\n",
        "  - ",
        "- ",
        ": ",
        "&a ",
        "*a ",
        "!!python/name:os.system ",
        "[",
        "]",
        "{",
        "}",
        '"',
        "'",
        "\n",
        "  ",
        "#",
        "---\n",
        "? ",
        "|\n",
        ">-\n",
        "\t",
        "\x00",
        "scripts:\n",
        "text: {office_phone}\n",
        "guidance: true\n",
        "related: [email]\n",
        "é",
    ]
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_YAML_BITS | st.text(max_size=8), max_size=40).map("".join))
def test_any_file_content_gives_issues_never_a_crash(policy: Path, content: str) -> None:
    """Whatever an editor leaves in a topic file, loading ends in a book or in PolicyError."""
    _write_topic(policy, "texting", content)
    try:
        load_policy(policy)
    except PolicyError as exc:
        assert exc.issues and all(str(i).startswith(str(i.file)) for i in exc.issues)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("title: Texting", "title: " + "T" * 51, r"'title' is 51 characters; keep it to 50"),
        ("answer: No texting.", "answer: " + "N" * 141, r"'answer' is 141 characters"),
        ("source_section: Texting", "source_section: " + "S" * 81, r"'source_section' is 81"),
        (", Txt ok?]", "]", r"'phrasings': 5 given; give at least 6"),
        (", iMessage]", "]", r"'keywords': 5 given; give at least 6"),
    ],
)
def test_limits_the_tests_hold_are_checked(policy: Path, old: str, new: str, expected: str) -> None:
    """`desk policy check` refuses what the content tests refuse, naming file:line."""
    path = _write_topic(policy, "texting", _MINIMAL.replace(old, new))
    issue = _one(policy, expected)
    assert issue.file == path and issue.line is not None


def test_a_script_too_long_to_say_is_refused(policy: Path) -> None:
    """A script over 360 characters once the practice's details are filled in is an error."""
    long_words = "Please call us at {office_phone}. " * 12
    _write_topic(policy, "texting", _MINIMAL.replace("Please call {office_phone}.", long_words))
    issue = _one(policy, "once filled in")
    assert issue.file == _topic(policy, "texting") and "'Say'" in issue.message
