"""The policy book: what the practice's policy says, as frozen data.

Loading and validation live in `desk.core.policy.loader`; this module only defines the shapes
every other layer reads. Script text is a template whose `{placeholders}` name practice data
only (never client data); `PolicyBook.render` fills them.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Verdict = Literal["yes", "no", "conditional", "act-now", "why"]
#: yes / no / only if answer "may I?"; `act-now` is for a topic that is a thing to do at once
#: (a caller in danger), `why` for one that explains (why the policy exists).
VERDICTS: tuple[Verdict, ...] = ("yes", "no", "conditional", "act-now", "why")
#: Each verdict in words, so colour is never the only signal.
VERDICT_WORDS: dict[str, str] = {
    "yes": "Yes",
    "no": "No",
    "conditional": "Only if",
    "act-now": "Act now",
    "why": "Why",
}
#: What Desk says when no topic answers a question, unless practice.yaml says otherwise.
DEFAULT_NOT_COVERED = "Not in the communication policy: take a message for the office manager."

#: The checklist rows, in the order staff see them. Other code and tests refer to these ids.
TOPIC_IDS: tuple[str, ...] = (
    "social-media",
    "facebook-group",
    "website",
    "instant-messaging",
    "email",
    "texting",
    "phone-calls",
    "phone-sessions",
    "voicemail",
    "crisis",
    "policy-basis",
)

#: Limits `desk policy check` enforces, so a row fits the checklist and a script can be said.
MAX_TITLE = 50
MAX_ANSWER = 140
MAX_SOURCE_SECTION = 80
MAX_SCRIPT_SPOKEN = 360
"""A script's length once the practice's details are filled in: a few sentences, said aloud."""
MIN_PHRASINGS = 6
MIN_KEYWORDS = 6
"""Search finds a topic by its caller phrasings and keywords; fewer leave it hard to find."""


@dataclass(frozen=True, kw_only=True)
class CrisisResource:
    """A place to send a caller in danger. Guidance: the source policy names none."""

    name: str
    contact: str
    how: str
    guidance: bool = True


@dataclass(frozen=True, kw_only=True)
class Practice:
    """Practice data; the only values script placeholders may draw on."""

    name: str
    office_phone: str
    website: str
    facebook_group: str
    policy_title: str
    policy_version: str
    effective_date: str
    crisis_resources: tuple[CrisisResource, ...] = ()
    not_covered: str = DEFAULT_NOT_COVERED

    def placeholders(self) -> dict[str, str]:
        """Values for `{placeholder}` names in scripts."""
        values = {
            "practice_name": self.name,
            "office_phone": self.office_phone,
            "website": self.website,
            "facebook_group": self.facebook_group,
            "policy_title": self.policy_title,
            "policy_version": self.policy_version,
            "effective_date": self.effective_date,
        }
        values["crisis_resources"] = "; ".join(
            f"{r.name}: {r.contact} ({r.how})" for r in self.crisis_resources
        )
        return values


PRACTICE_TEXT_FIELDS: tuple[str, ...] = (
    "name",
    "office_phone",
    "website",
    "facebook_group",
    "policy_title",
    "policy_version",
    "effective_date",
)
"""`Practice`'s one-line text fields: what `practice.yaml` may set and the policy cache keeps."""


@dataclass(frozen=True, kw_only=True)
class Script:
    """Words to say to a caller. `text` is a template with practice placeholders."""

    label: str
    text: str
    guidance: bool = False


@dataclass(frozen=True, kw_only=True)
class ChecklistItem:
    """One thing staff must do; `guidance` marks steps the source policy does not state."""

    text: str
    guidance: bool = False


@dataclass(frozen=True, kw_only=True)
class Topic:
    """One checklist row: a channel or situation with its verdict and what to say and do.

    Attributes:
        condition: a few words saying when a `conditional` verdict becomes yes.
        source_section: the heading of the source policy this comes from, or "" for guidance.
        guidance: the whole topic is practice guidance, not stated by the source policy.
        phrasings: how callers actually ask; used by search.
        keywords: words, slang and misspellings callers use; used by search.
    """

    id: str
    title: str
    verdict: Verdict
    condition: str | None
    answer: str
    scripts: tuple[Script, ...]
    checklist: tuple[ChecklistItem, ...]
    rationale: str
    source_section: str
    related: tuple[str, ...] = ()
    phrasings: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    guidance: bool = False

    @property
    def verdict_label(self) -> str:
        """The verdict as words, so colour is never the only signal."""
        if self.verdict == "conditional":
            return f"Only if {self.condition}" if self.condition else "Only if"
        return VERDICT_WORDS[self.verdict]


@dataclass(frozen=True, kw_only=True)
class PolicyBook:
    """A validated policy: practice data and topics in checklist order."""

    practice: Practice
    topics: tuple[Topic, ...]
    source_dir: Path
    _by_id: Mapping[str, Topic] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {t.id: t for t in self.topics})

    def topic(self, topic_id: str) -> Topic:
        """The topic with this id; KeyError if there is none."""
        return self._by_id[topic_id]

    def has_topic(self, topic_id: str) -> bool:
        return topic_id in self._by_id

    def render(self, template: str) -> str:
        """Fill a script template with practice data."""
        return string.Formatter().vformat(template, (), self.practice.placeholders())


def placeholder_names(template: str) -> list[str]:
    """Placeholder names used in a template, in order (for validation)."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
