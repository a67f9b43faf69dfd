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

from assesskit.reading import SPACES

__all__ = [
    "CONTROL_RULE",
    "IDENTIFIER_RULE",
    "SPACES",
    "has_control",
    "identifier_problem",
    "one_line",
    "terminal_safe",
    "trimmed",
]


def trimmed(text: str) -> str:
    """*text* without :data:`SPACES` around it.

    >>> trimmed(" 5\\u3000"), trimmed("5\\x1c")
    ('5', '5\\x1c')
    """
    return text.strip(SPACES)


#: The rule an identifier with a control character breaks.
CONTROL_RULE = (
    "must not contain control characters (such as NUL, ESC, a line break or a direction override)"
)
#: The rule an identifier of the wrong type breaks.
IDENTIFIER_RULE = "must be text (or a whole number)"

# C0 and C1 control codes, DEL, direction overrides and isolates, lone surrogates
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# the same but the line breaks and tabs a message or table may hold, and the invisible
# characters that reorder or hide text on a terminal
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)


def has_control(text: str) -> bool:
    """Whether *text* holds a control character (C0, C1 or DEL).

    >>> has_control("LO-001"), has_control("LO\\x1b[31m-001")
    (False, True)
    """
    # a printable text has none (each is in a category str.isprintable refuses), and
    # telling so is faster than the search
    return not text.isprintable() and _CONTROL.search(text) is not None


def identifier_problem(value: object) -> str | None:
    """The rule an ``entity_id`` value breaks, or ``None``: text or a number, no controls.

    >>> identifier_problem("LO-001"), identifier_problem(True), identifier_problem("L\\u202eO")
    (None, 'must be text (or a whole number)', 'must not contain control characters (such \
as NUL, ESC, a line break or a direction override)')
    """
    from assesskit.reading import NonFinite

    if isinstance(value, bool | bytes | bytearray | memoryview | list | tuple | dict | set):
        return IDENTIFIER_RULE
    if isinstance(value, NonFinite):
        return IDENTIFIER_RULE
    if isinstance(value, str) and has_control(value):
        return CONTROL_RULE
    return None


def one_line(text: str) -> str:
    """*text* with every control character escaped, line breaks too (for a place in a line).

    >>> one_line("LO-1\\n  - all fine")
    'LO-1\\\\n  - all fine'
    """
    return _CONTROL.sub(_escape, _UNSAFE.sub(_escape, text))


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    if match.group() in _NAMED:
        return _NAMED[match.group()]
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """*text* with control and direction characters written as escapes; line breaks kept.

    >>> terminal_safe("LO\\x1b[2J-001\\u202e\\n")
    'LO\\\\x1b[2J-001\\\\u202e\\n'
    """
    return _UNSAFE.sub(_escape, text)
