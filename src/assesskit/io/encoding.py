"""Which encoding a text file is in, decided by evidence, or refused.

Excel and WPS on Chinese Windows save CSV as GB18030/GBK without a BOM;
other tools write UTF-8, with or without a BOM. Bytes alone can mislead: a
UTF-8 file with one stray byte is not UTF-8, and a short GB18030 file may
happen to be valid UTF-8. So the decision looks at what each reading gives:

- a UTF-8 BOM means UTF-8; ``--encoding`` names the encoding;
- otherwise the file is read as UTF-8. If every byte decodes and the text
  reads as text (see :class:`Evidence`), it is UTF-8, silently;
- if it is UTF-8 except for a few bytes (at least four valid multi-byte
  characters for each bad sequence), it is refused, naming the first bad
  byte: reading it as GB18030 would garble every Chinese character;
- otherwise it is read as GB18030; if that reads as text it is used, with a
  note saying so (also when the bytes were valid UTF-8 that did not read as
  text);
- if neither reading reads as text, the file is refused: give ``--encoding``.

A reading "reads as text" unless more than 1% of its non-ASCII characters
(and more than two) are C1 control codes, private-use or non-characters; and, when it has enough
letters to judge (four pairs), at most a fifth of neighbouring letters change script
mid-word (GB18030 bytes read as UTF-8 jump between Latin, Greek, Cyrillic,
Hebrew and Arabic letters; real names do not). An encoding given with
``--encoding`` must read as text too, and must keep the file's line breaks
(UTF-16 read from UTF-8 bytes swallows them): a wrong encoding is an error,
never a file of zero records.
"""

from __future__ import annotations

import codecs
import contextlib
from collections.abc import Callable, Iterable

import attrs
import numpy as np
import numpy.typing as npt

from assesskit.io.records import InputFileError

__all__ = ["Choice", "Evidence", "choose_encoding", "undecodable"]

#: Reads the file again from its first byte, a block at a time.
Blocks = Callable[[], Iterable[bytes]]

_NEUTRAL, _SUSPECT, _OTHER = 0, 1, 2
# Unicode ranges by what they tell: the start of each range and its class. Punctuation,
# symbols and marks are neutral; letters carry their script (3 and up).
_RANGES: list[tuple[int, int]] = [
    (0x0080, _SUSPECT),  # C1 control codes
    (0x00A0, _NEUTRAL),  # Latin-1 punctuation and signs
    (0x00C0, 3),  # Latin letters
    (0x00D7, _NEUTRAL),
    (0x00D8, 3),
    (0x00F7, _NEUTRAL),
    (0x00F8, 3),
    (0x0250, _OTHER),  # IPA, spacing modifiers
    (0x0300, _NEUTRAL),  # combining marks
    (0x0370, 4),  # Greek
    (0x0400, 5),  # Cyrillic
    (0x0530, 6),  # Armenian
    (0x0590, 7),  # Hebrew
    (0x0600, 8),  # Arabic (Uyghur, Kazakh)
    (0x0700, _OTHER),  # Syriac, Thaana, NKo...
    (0x0750, 8),
    (0x0780, _OTHER),
    (0x0F00, 9),  # Tibetan
    (0x1000, _OTHER),
    (0x1800, 10),  # Mongolian
    (0x18B0, _OTHER),
    (0x1E00, 3),  # Latin extended additional
    (0x1F00, 4),  # Greek extended
    (0x2000, _NEUTRAL),  # punctuation, symbols, arrows, boxes...
    (0x2E80, 11),  # CJK radicals
    (0x3000, _NEUTRAL),  # CJK punctuation
    (0x3040, 11),  # kana, bopomofo, CJK letters and ideographs
    (0xA000, _OTHER),
    (0xAC00, 12),  # Hangul
    (0xD7B0, _OTHER),
    (0xD800, _SUSPECT),  # surrogates, private use
    (0xF900, 11),  # CJK compatibility ideographs
    (0xFB00, _OTHER),
    (0xFB50, 8),  # Arabic presentation forms
    (0xFE00, _NEUTRAL),  # variation selectors, vertical and small forms
    (0xFE70, 8),
    (0xFF00, _NEUTRAL),  # full-width forms
    (0xFFF0, _NEUTRAL),  # specials (U+FFFD counted apart)
    (0xFFFE, _SUSPECT),
    (0x10000, _OTHER),
    (0x20000, 11),  # CJK extensions
    (0x32000, _OTHER),
    (0xF0000, _SUSPECT),  # private use planes
]
_STARTS = np.array([start for start, _ in _RANGES], dtype=np.uint32)
_CLASSES = np.array([kind for _, kind in _RANGES], dtype=np.int8)
_FIRST_SCRIPT = 3
_CJK = 11


@attrs.define
class Evidence:
    """What one reading of a file gives: counts that tell text from garbage."""

    characters: int = 0
    replaced: int = 0
    suspect: int = 0
    pairs: int = 0
    switches: int = 0
    newlines: int = 0
    chinese: int = 0

    def add(self, text: str) -> None:
        """Count the characters of one decoded block."""
        self.newlines += text.count("\n")
        if text.isascii():
            return
        full = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        where = np.flatnonzero(full >= 0x80)
        codes = full[where]
        replaced = int(np.count_nonzero(codes == 0xFFFD))
        self.replaced += replaced
        self.characters += len(codes) - replaced
        kinds: npt.NDArray[np.int8] = _CLASSES[np.searchsorted(_STARTS, codes, "right") - 1]
        self.suspect += int(np.count_nonzero(kinds == _SUSPECT))
        self.chinese += int(np.count_nonzero(kinds == _CJK))
        # neighbouring letters in the text: non-ASCII characters one position apart
        letters = kinds >= _FIRST_SCRIPT
        adjacent = (where[1:] - where[:-1] == 1) & letters[1:] & letters[:-1]
        self.pairs += int(np.count_nonzero(adjacent))
        self.switches += int(np.count_nonzero(adjacent & (kinds[1:] != kinds[:-1])))

    def reads_as_text(self) -> bool:
        """Whether the reading looks like text (see the module's rules)."""
        if self.suspect > 2 and self.suspect * 100 > self.characters:
            return False
        return self.pairs < 4 or self.switches * 5 <= self.pairs


@attrs.frozen
class Choice:
    """The encoding to read a file in, the bytes to skip first (a BOM) and a note, if any."""

    encoding: str
    skip: int = 0
    note: str | None = None


def _read(blocks: Blocks, encoding: str, errors: str, skip: int = 0) -> Evidence:
    """Decode the file with *encoding*; the evidence (raises UnicodeDecodeError if strict)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    evidence = Evidence()
    offset = 0
    for block in blocks():
        if offset < skip:
            cut = min(skip - offset, len(block))
            offset += cut
            block = block[cut:]
        offset += len(block)
        evidence.add(decoder.decode(block))
    evidence.add(decoder.decode(b"", final=True))
    return evidence


def _first_error(blocks: Blocks, codec: str, skip: int = 0) -> int | None:
    """The offset in the file of the first byte *codec* cannot decode (``None``: none)."""
    decoder = codecs.getincrementaldecoder(codec)()
    offset = 0  # where the current block starts in the file
    for block in blocks():
        start, offset = offset, offset + len(block)
        if offset <= skip:
            continue
        if start < skip:
            block, start = block[skip - start :], skip
        pending = decoder.getstate()[0]
        try:
            decoder.decode(block)
        except UnicodeDecodeError as exc:  # exc.start counts the bytes still pending
            return start - len(pending) + exc.start
    pending = decoder.getstate()[0]
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        return offset - len(pending) + exc.start
    return None


def undecodable(
    source: str, codec: str, blocks: Blocks, skip: int = 0, label: str | None = None
) -> str | None:
    """The message naming the first byte of the file *codec* cannot decode (``None``: none).

    ``a.csv: cannot be read as UTF-8: line 3, byte 57 (b7 bc 2c 38)``; *label*
    names the encoding in the message (default: *codec*).
    """
    at = _first_error(blocks, codec, skip)
    if at is None:
        return None
    head = _head(blocks, at + 4)
    line = head[:at].count(b"\n") + 1
    shown = head[at : at + 4].hex(" ")
    return f"{source}: cannot be read as {label or codec}: line {line}, byte {at} ({shown})"


def _head(blocks: Blocks, size: int) -> bytes:
    out = bytearray()
    for block in blocks():
        out += block
        if len(out) >= size:
            break
    return bytes(out[:size])


def _newlines(blocks: Blocks, skip: int) -> int:
    count = 0
    offset = 0
    for block in blocks():
        part = block[max(skip - offset, 0) :]
        offset += len(block)
        count += part.count(b"\n")
    return count


def _starts_with_bom(blocks: Blocks) -> bool:
    return _head(blocks, 3) == codecs.BOM_UTF8


def choose_encoding(blocks: Blocks, source: str, encoding: str | None = None) -> Choice:
    """Decide the encoding of the file whose bytes *blocks* gives (see the module's rules).

    Raises :class:`~assesskit.io.records.InputFileError` naming *source*
    when the encoding is unknown, a byte does not decode, or no reading
    reads as text.
    """
    if encoding is not None:
        return _explicit(blocks, source, encoding)
    if _starts_with_bom(blocks):
        label = "UTF-8 (it starts with a UTF-8 BOM)"
        problem = undecodable(source, "utf-8", blocks, 3, label)
        if problem is not None:
            raise InputFileError([problem])
        return Choice("utf-8", 3)
    utf8 = _read(blocks, "utf-8", "replace")
    if utf8.replaced == 0 and utf8.reads_as_text():
        return Choice("utf-8")
    if utf8.replaced and utf8.characters >= 4 * utf8.replaced:
        where = undecodable(source, "utf-8", blocks, label="UTF-8") or source
        raise InputFileError(
            [
                f"{where}; the rest of the file is UTF-8, but {utf8.replaced} byte "
                "sequence(s) are not: fix them (or give --encoding)"
            ]
        )
    try:
        gb = _read(blocks, "gb18030", "strict")
    except UnicodeDecodeError:
        if utf8.replaced == 0:
            raise InputFileError(
                [f"{source}: does not read as text as UTF-8, nor as GB18030; give --encoding"]
            ) from None
        where = undecodable(source, "gb18030", blocks, label="UTF-8 or GB18030") or source
        raise InputFileError([f"{where}; give --encoding"]) from None
    if not gb.reads_as_text():
        raise InputFileError(
            [f"{source}: does not read as text as UTF-8, nor as GB18030; give --encoding"]
        )
    if utf8.replaced == 0:
        note = (
            f"{source}: valid UTF-8, but it reads as text only as GB18030; read as GB18030 "
            "(use --encoding utf-8 if UTF-8 was meant)"
        )
    else:
        note = f"{source}: not UTF-8; read as GB18030 (use --encoding to choose another encoding)"
    return Choice("gb18030", 0, note)


def _explicit(blocks: Blocks, source: str, encoding: str) -> Choice:
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InputFileError([f"{source}: unknown encoding {encoding!r}"]) from None
    if not getattr(info, "_is_text_encoding", True):  # rot13, zlib, base64...
        raise InputFileError([f"{source}: {encoding!r} is not a text encoding"])
    try:
        evidence = _read(blocks, encoding, "strict")
    except UnicodeError as error:
        message = None
        # an error without a position (UTF-16 without its BOM...) has no byte to name
        with contextlib.suppress(UnicodeError):
            message = undecodable(source, encoding, blocks)
        shown = message or f"{source}: cannot be read as {encoding} ({error})"
        raise InputFileError([shown]) from None
    except Exception as exc:  # a codec that breaks on these bytes in its own way
        raise InputFileError(
            [f"{source}: cannot be read as {encoding} ({type(exc).__name__}: {exc})"]
        ) from None
    raw_newlines = _newlines(blocks, 0)
    lost = raw_newlines > 1 and evidence.newlines * 2 < raw_newlines
    if lost or not evidence.reads_as_text():
        why = (
            f"its {raw_newlines} line breaks disappear"
            if lost
            else "the characters it gives are not text"
        )
        raise InputFileError(
            [
                f"{source}: does not read as text in {encoding} ({why}); check --encoding, "
                "or leave it out to detect UTF-8 or GB18030"
            ]
        )
    skip = 0
    if info.name.replace("_", "-") in ("utf-8", "utf-8-sig") and _starts_with_bom(blocks):
        skip = 3
    return Choice(encoding, skip, _chinese_elsewhere(blocks, source, encoding, evidence))


def _chinese_elsewhere(
    blocks: Blocks, source: str, encoding: str, evidence: Evidence
) -> str | None:
    """A note when the encoding asked for gives no Chinese but UTF-8 or GB18030 would.

    A short GB18030 file read as Latin-1 is text too (``Íõ·¼`` for 王芳): not
    an error, since the user chose it, but worth saying.
    """
    if evidence.chinese or not evidence.characters:
        return None
    for other in ("utf-8", "gb18030"):
        if codecs.lookup(other).name == codecs.lookup(encoding).name:
            return None
        try:
            reading = _read(blocks, other, "strict")
        except UnicodeDecodeError:
            continue
        if reading.chinese and reading.chinese * 2 >= reading.characters:
            return (
                f"{source}: read as {encoding}, as asked, which gives no Chinese character; "
                f"as {other.upper()} it reads as Chinese text (check --encoding)"
            )
    return None
