"""Control characters in user text: refused in identifiers, escaped before a terminal.

Text from an input file reaches places where control characters do harm:
a NUL byte breaks CSV tools, an ESC sequence (``\\x1b[2J``) clears or
recolours the terminal that shows an error message, and a bidirectional
override (U+202E) makes ``LO-001`` look like another id. An identifier
(``entity_id``) with a control character is refused as a bad value;
any other text is shown through :func:`terminal_safe`, which writes such
characters as visible escapes (``\\x1b``, ``\\u202e``).
"""

from __future__ import annotations

import re

__all__ = ["CONTROL_RULE", "has_control", "terminal_safe"]

#: The rule an identifier with a control character breaks.
CONTROL_RULE = "must not contain control characters (such as NUL, ESC or a line break)"

# C0 and C1 control codes and DEL
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# the same but the line breaks and tabs a message or table may hold, and the invisible
# characters that reorder or hide text on a terminal
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def has_control(text: str) -> bool:
    """Whether *text* holds a control character (C0, C1 or DEL).

    >>> has_control("LO-001"), has_control("LO\\x1b[31m-001")
    (False, True)
    """
    return _CONTROL.search(text) is not None


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """*text* with control and direction characters written as escapes; line breaks kept.

    >>> terminal_safe("LO\\x1b[2J-001\\u202e\\n")
    'LO\\\\x1b[2J-001\\\\u202e\\n'
    """
    return _UNSAFE.sub(_escape, text)
