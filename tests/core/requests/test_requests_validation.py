"""Input checks refuse invisible and direction-changing characters that would disguise a value."""

from __future__ import annotations

import pytest

from desk.core.errors import InvalidInput
from desk.core.requests import validation as v

HIDDEN = {
    "zero-width space": "\u200b",
    "zero-width joiner": "\u200d",
    "right-to-left override": "\u202e",
    "left-to-right isolate": "\u2066",
    "byte order mark": "\ufeff",
    "soft hyphen": "\u00ad",
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
}


@pytest.mark.parametrize("char", HIDDEN.values(), ids=HIDDEN.keys())
def test_names_refuse_hidden_characters(char: str) -> None:
    """A name with a format or separator character inside is refused, without echoing it."""
    with pytest.raises(InvalidInput) as caught:
        v.check_client(f"Pat{char}Lee")
    assert "client name contains" in str(caught.value)
    assert "Pat" not in str(caught.value)


@pytest.mark.parametrize("char", HIDDEN.values(), ids=HIDDEN.keys())
def test_emails_and_notes_refuse_hidden_characters(char: str) -> None:
    """Emails, credentials and free text refuse them too (notes keep newlines and tabs)."""
    with pytest.raises(InvalidInput, match="email"):
        v.check_email(f"jane{char}@example.org")
    with pytest.raises(InvalidInput, match="credentials"):
        v.check_credentials(f"LP{char}C")
    with pytest.raises(InvalidInput, match="note contains"):
        v.check_text(f"call back{char}soon", field="note")
    assert v.check_text("call back\n\tsoon", field="note") == "call back\n\tsoon"


@pytest.mark.parametrize(
    "value", ["\u200b", "\u200b \u200b", " \u2060\ufeff ", "\u202e\u202c"], ids=repr
)
def test_name_of_only_invisible_characters_is_empty(value: str) -> None:
    """Nothing visible is an empty name, said as such."""
    with pytest.raises(InvalidInput, match="client name is empty"):
        v.check_client(value)
    with pytest.raises(InvalidInput, match="note is empty"):
        v.check_text(value, field="note", required=True)


def test_ordinary_names_pass() -> None:
    """Accents, apostrophes, hyphens and non-Latin scripts are names like any other."""
    for name in ("Zoë Park", "Seán O'Brien", "Ann-Marie Smythe", "李小龙", "Νίκος"):
        assert v.check_client(f" {name} ") == name
