"""Input checks shared by every way in (CLI, window), so a value is refused the same everywhere.

Messages name the field and what is wrong but never echo a client name: client names are health
information and an error message may end up in a log.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from desk.core.errors import InvalidInput

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{0,31}")
NAME_MAX = 100
TEXT_MAX = 2000
EMAIL_MAX = 254
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
_TEXT_ALLOWED_CONTROLS = frozenset("\n\t")


# Controls, unassigned and private-use code points, lone surrogates, and the invisible ones:
# format characters (zero-width space, right-to-left override, byte order mark) and line or
# paragraph separators, which would make two names look alike or reorder what is shown.
_BAD_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Zl", "Zp"})


# Letters and marks that draw nothing (Unicode's default-ignorable code points outside the
# categories above, and the braille blank): a name of them looks empty, and one inside a name
# makes two names that look the same.
_INVISIBLE_CHARS = frozenset(
    "\u034f"  # combining grapheme joiner
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers
    "\u17b4\u17b5"  # Khmer inherent vowels
    "\u180b\u180c\u180d\u180f"  # Mongolian variation selectors
    "\u2800"  # braille pattern blank
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))  # variation selectors
    + "".join(chr(c) for c in range(0xE0100, 0xE01F0))  # variation selectors supplement
)


def _bad_char(text: str, *, allowed: frozenset[str] = frozenset()) -> bool:
    """True if the text holds a control, format, separator or lone surrogate character."""
    return any(ch not in allowed and unicodedata.category(ch) in _BAD_CATEGORIES for ch in text)


def _invisible(ch: str) -> bool:
    return ch in _INVISIBLE_CHARS or unicodedata.category(ch) in _INVISIBLE_CATEGORIES


def _blank(text: str) -> bool:
    """True if nothing in the text would show: only spaces and invisible characters."""
    return all(ch.isspace() or _invisible(ch) for ch in text)


def check_id(value: str, *, field: str) -> str:
    """A short lowercase id like `jdoe` or `front-1`."""
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        shown = value if isinstance(value, str) and len(value) <= 40 else "value"
        raise InvalidInput(
            f"{field} {shown!r} is not a valid id: use 1 to 32 lowercase letters, digits, "
            "'.', '_' or '-', starting with a letter or digit"
        )
    return value


def check_name(value: str, *, field: str) -> str:
    """A person's name: trimmed, 1 to 100 characters, nothing invisible, in composed form.

    Composed (NFC), with each run of spaces one plain space, so that two spellings of one name
    that look the same are the same text.
    """
    text = value.strip() if isinstance(value, str) else ""
    if _blank(text):
        raise InvalidInput(f"{field} is empty")
    if len(text) > NAME_MAX:
        raise InvalidInput(f"{field} is longer than {NAME_MAX} characters ({len(text)})")
    if _bad_char(text):
        raise InvalidInput(f"{field} contains a control or invalid character")
    if any(ch in _INVISIBLE_CHARS for ch in text):
        raise InvalidInput(f"{field} contains an invisible character")
    return " ".join(unicodedata.normalize("NFC", text).split())


def check_client(value: str) -> str:
    """The client's name; the message never repeats it."""
    return check_name(value, field="client name")


def check_email(value: str, *, field: str = "email") -> str:
    text = value.strip() if isinstance(value, str) else ""
    if _blank(text):
        raise InvalidInput(f"{field} is empty")
    if len(text) > EMAIL_MAX or _bad_char(text) or not _EMAIL.fullmatch(text):
        raise InvalidInput(f"{field} {text[:60]!r} is not a valid address like name@example.org")
    return text


def check_text(value: str, *, field: str, required: bool = False, limit: int = TEXT_MAX) -> str:
    """Free text such as a note or reason: trimmed, newlines and tabs allowed."""
    text = value.strip() if isinstance(value, str) else ""
    if required and _blank(text):
        raise InvalidInput(f"{field} is empty")
    if len(text) > limit:
        raise InvalidInput(f"{field} is longer than {limit} characters ({len(text)})")
    if _bad_char(text, allowed=_TEXT_ALLOWED_CONTROLS):
        raise InvalidInput(f"{field} contains a control or invalid character")
    return text


def check_credentials(value: str) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if len(text) > NAME_MAX:
        raise InvalidInput(f"credentials are longer than {NAME_MAX} characters ({len(text)})")
    if _bad_char(text):
        raise InvalidInput("credentials contain a control or invalid character")
    return text


def check_choice(value: str, *, field: str, choices: Sequence[str]) -> str:
    if value not in choices:
        raise InvalidInput(f"{field} {value!r} is not one of: {', '.join(choices)}")
    return value
