"""Bytes of a text file → text, in the encoding :mod:`assesskit.io.encoding` decides.

A UTF-8 BOM means UTF-8; otherwise UTF-8 if the file is UTF-8 and reads as
text, else GB18030 (with a note) if that reads as text, else an error;
``--encoding`` overrides, and must give text too.
"""

from __future__ import annotations

from assesskit.io.encoding import choose_encoding
from assesskit.io.records import InputFileError

__all__ = ["decode_text"]


def decode_text(data: bytes, source: str, encoding: str | None = None) -> tuple[str, str | None]:
    """Decode *data* read from *source*; return the text and a note (or ``None``).

    With *encoding* the file is read in that encoding only (a leading BOM is
    dropped). Raises :class:`InputFileError` naming the file and the first
    byte that cannot be decoded, or saying that no reading gives text.

    >>> decode_text("期".encode("gb18030"), "a.csv")
    ('期', 'a.csv: not UTF-8; read as GB18030 (use --encoding to choose another encoding)')
    """
    choice = choose_encoding(lambda: (data,), source, encoding)
    try:
        text = data[choice.skip :].decode(choice.encoding)
    except UnicodeDecodeError:  # pragma: no cover - the choice decoded it already
        raise InputFileError([f"{source}: cannot be read as {choice.encoding}"]) from None
    return text.removeprefix("\ufeff"), choice.note
