"""Bytes of a text file → text: UTF-8 (with or without BOM), else GB18030, or as told.

Excel and WPS on Chinese Windows save CSV as GB18030/GBK without a BOM; other
tools write UTF-8, with or without a BOM. A UTF-8 BOM means UTF-8; otherwise
UTF-8 is tried first (a GB18030 file of Chinese text is almost never valid
UTF-8) and GB18030 is the fallback, with a note saying so.
"""

from __future__ import annotations

import codecs

from assesskit.io.records import InputFileError

__all__ = ["decode_text"]


def decode_text(data: bytes, source: str, encoding: str | None = None) -> tuple[str, str | None]:
    """Decode *data* read from *source*; return the text and a note (or ``None``).

    With *encoding* the file is read in that encoding only (a leading BOM is
    dropped). Raises :class:`InputFileError` naming the file and the first
    byte that cannot be decoded.

    >>> decode_text("期".encode("gb18030"), "a.csv")
    ('期', 'a.csv: not UTF-8; read as GB18030 (use --encoding to choose another encoding)')
    """
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputFileError([f"{source}: unknown encoding {encoding!r}"]) from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputFileError([_undecodable(source, encoding, data, exc)]) from None
        return text.removeprefix("\ufeff"), None
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), None
        except UnicodeDecodeError as exc:
            raise InputFileError(
                [_undecodable(source, "UTF-8 (it starts with a UTF-8 BOM)", data, exc, 3)]
            ) from None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise InputFileError(
            [_undecodable(source, "UTF-8 or GB18030", data, exc) + "; give --encoding"]
        ) from None
    return text, f"{source}: not UTF-8; read as GB18030 (use --encoding to choose another encoding)"


def _undecodable(
    source: str, encoding: str, data: bytes, exc: UnicodeDecodeError, offset: int = 0
) -> str:
    start = exc.start + offset
    line = data[:start].count(b"\n") + 1
    bad = data[start : start + 4].hex(" ")
    return f"{source}: cannot be read as {encoding}: line {line}, byte {start} ({bad})"
