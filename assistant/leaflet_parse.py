"""Read a leaflet (plain text, Markdown or saved HTML) into a neutral list of blocks.

The importer works on ``Block`` lists only, so each format needs just a reader here.
Plain text has no markup, so its headings are guessed from the shape of the lines.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from assistant.errors import ContentError

_LOGGER = logging.getLogger(__name__)

MAX_BYTES = 20_000_000
MAX_TEXT_CHARS = 500_000
FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".htm": "html", ".html": "html", ".xhtml": "html"}
_MAGIC = {b"%PDF": "a PDF", b"PK\x03\x04": "a zip or Word (.docx) file",
          b"\xd0\xcf\x11\xe0": "an old Word (.doc) file", b"\x89PNG": "a PNG image",
          b"\xff\xd8\xff": "a JPEG image", b"{\\rtf": "an RTF document"}
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u2013\u25aa]|\d{1,2}[.)])\s+(\S.*)$")
_LONE_DASH = re.compile(r"^\s*[-*\u2022\u2013]\s*$")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u00a0": " ", "\u2009": " ", "\u200b": ""})

BlockKind = Literal["heading", "paragraph", "list", "end"]


@dataclass(frozen=True)
class Block:
    """One piece of a leaflet, in reading order."""

    kind: BlockKind
    """heading, paragraph, list, or end (the current subsection closes; text returns to its parent)."""
    text: str = ""
    """The heading or paragraph text; empty for lists and ends."""
    items: tuple[str, ...] = ()
    """The list items, for lists."""
    level: int = 2
    """Heading depth: 2 for a section, 3 for a subsection inside one."""


@dataclass(frozen=True)
class Leaflet:
    """A leaflet's title, blocks and whatever the page says about itself."""

    title: str
    blocks: tuple[Block, ...]
    source_name: str
    """The file name the leaflet was read from."""
    text: str
    """All the leaflet's text, for metadata searches (review date, publisher)."""
    language: str | None = None
    """The language the page declares (HTML ``lang``), if any."""
    publisher: str | None = None
    """The publisher the page declares (HTML meta), if any."""
    url: str | None = None
    """The page's own address (canonical link), if it gives one."""


def clean(text: str) -> str:
    """Collapse whitespace, straighten quotes and close gaps before punctuation."""
    text = re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()
    return re.sub(r"\(\s+", "(", re.sub(r"\s+([.,;:!?)])", r"\1", text))


def check_text_size(chars: int, name: str) -> None:
    """Refuse text far longer than any leaflet (a whole site or book), before slow parsing.

    Raises:
        ContentError: more than ``MAX_TEXT_CHARS`` characters of text.
    """
    if chars > MAX_TEXT_CHARS:
        raise ContentError(f"leaflet {name} has {chars:,} characters of text: expected one "
                           f"leaflet of at most {MAX_TEXT_CHARS:,}; split it into separate files")


def read_leaflet(path: Path) -> Leaflet:
    """Read a leaflet file of any supported format.

    Raises:
        ContentError: the file is missing, empty, binary, too big or has no text.
    """
    text = decode(_read_bytes(path), path)
    kind = FORMATS.get(path.suffix.lower()) or _sniff(text)
    if kind != "html":
        check_text_size(len(text), path.name)
    if kind == "html":
        from assistant.leaflet_html import parse_html

        leaflet = parse_html(text, path.name)
    elif kind == "markdown":
        leaflet = parse_markdown(text, path.name)
    else:
        leaflet = parse_text(text, path.name)
    if not leaflet.blocks and not leaflet.title:
        raise ContentError(f"leaflet {path}: no readable text found (is it the right file?)")
    return leaflet


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise ContentError(f"leaflet {path}: no such file")
    if path.is_dir():
        raise ContentError(f"leaflet {path} is a folder: expected a .txt, .md or .html file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ContentError(f"leaflet {path} is {size / 1e6:.1f} MB: expected under "
                               f"{MAX_BYTES // 1_000_000} MB")
        data = path.read_bytes()
    except OSError as err:
        raise ContentError(f"leaflet {path} cannot be read: {err.strerror or err}") from err
    if not data.strip():
        raise ContentError(f"leaflet {path} is empty: expected the leaflet's text "
                           "(plain text, Markdown or HTML)")
    return data


def decode(data: bytes, path: Path) -> str:
    """Decode UTF-8 (or Windows-1252, as older saved pages are); refuse binary files."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ContentError(f"leaflet {path} is {what}: save it as plain text, Markdown or "
                               "HTML first")
    if b"\x00" in data[:8192]:
        raise ContentError(f"leaflet {path} is a binary file: expected plain text, Markdown "
                           "or HTML")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("cp1252", errors="replace")
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > len(sample) / 100 or sample.count("\ufffd") > len(sample) / 50:
        raise ContentError(f"leaflet {path} is a binary file: expected plain text, Markdown "
                           "or HTML")
    return text


def _sniff(text: str) -> str:
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head:
        return "html"
    if re.search(r"^#{1,6} \S", text, re.MULTILINE):
        return "markdown"
    return "text"


# ---- plain text ------------------------------------------------------------------------

_NOT_HEADING = re.compile(r"https?://|www\.|@|\d[\d ]{7,}\d|\.\s+[A-Z]")


def looks_like_heading(line: str, next_line: str | None) -> bool:
    """Guess whether a bare line of plain text is a heading.

    A heading is short, starts with a capital, has no final full stop (a question mark is
    fine), holds no address or phone number, and is followed by text starting a new thought.
    """
    words = line.split()
    if not words or len(words) > 12 or len(line) > 90:
        return False
    if line[-1] in ".,;:!" or not (line[0].isupper() or line[0].isdigit()):
        return False
    if _NOT_HEADING.search(line):
        return False
    if next_line is None:
        return len(words) <= 6
    return not next_line[:1].islower()


def _text_lines(text: str) -> list[str]:
    """Non-blank lines, with hard-wrapped paragraph lines joined back together."""
    lines: list[str] = []
    wrapped = False
    for raw in text.splitlines():
        line = clean(raw)
        if not line:
            wrapped = False
            continue
        joinable = lines and not _BULLET.match(line) and not _LONE_DASH.match(line)
        if joinable and (wrapped or line[0].islower()):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
        # A long line without final punctuation was wrapped by an editor, not ended.
        wrapped = len(raw.strip()) >= 55 and raw.rstrip()[-1] not in ".:?!"
    return lines


def parse_text(text: str, name: str) -> Leaflet:
    """Read a plain-text leaflet: bare heading lines, "- " bullets, lone "-" item markers."""
    lines = _text_lines(text)
    if not lines:
        return Leaflet("", (), name, "")
    title = ""
    if looks_like_heading(lines[0], lines[1] if len(lines) > 1 else None):
        title = lines.pop(0)
    blocks = _text_blocks(lines)
    return Leaflet(title, tuple(blocks), name, "\n".join([title, *lines]))


def _text_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    items: list[str] = []
    # States for items introduced by lone "-" lines: none, expecting a subhead, in its body.
    dash = "none"
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        bullet = _BULLET.match(line)
        if bullet:
            items.append(bullet.group(1))
            continue
        if items:
            blocks.append(Block("list", items=tuple(items)))
            items = []
        if _LONE_DASH.match(line):
            dash = "expect"
            continue
        if looks_like_heading(line, nxt):
            blocks.append(Block("heading", line, level=3 if dash == "expect" else 2))
            dash = "head" if dash == "expect" else "none"
            continue
        if dash == "body" and not blocks[-1].text.endswith(":"):
            blocks.append(Block("end"))  # a second paragraph after the last item's body
            dash = "none"
        elif dash in ("head", "expect"):
            dash = "body"
        blocks.append(Block("paragraph", line))
    if items:
        blocks.append(Block("list", items=tuple(items)))
    return blocks


# ---- Markdown --------------------------------------------------------------------------


def _inline_text(token: object) -> str:
    parts: list[str] = []
    for child in getattr(token, "children", None) or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return clean("".join(parts))


def parse_markdown(text: str, name: str) -> Leaflet:
    """Read a Markdown leaflet with markdown-it-py: headings, paragraphs and (nested) lists."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text.translate(_QUOTES))
    blocks: list[Block] = []
    items: list[str] = []
    depth = 0
    heading_level = 0
    for tok in tokens:
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0 and items:
                blocks.append(Block("list", items=tuple(items)))
                items = []
        elif tok.type == "list_item_open":
            items.append("")
        elif tok.type == "heading_open":
            heading_level = int(tok.tag[1])
        elif tok.type == "inline":
            content = _inline_text(tok)
            if not content:
                continue
            if heading_level:
                blocks.append(Block("heading", content, level=heading_level))
                heading_level = 0
            elif depth and items:
                items[-1] = f"{items[-1]} {content}".strip() if items[-1] else content
            else:
                blocks.append(Block("paragraph", content))
    plain = "\n".join(b.text or " ".join(b.items) for b in blocks)  # without link addresses
    return leaflet_from_headings(blocks, name, plain)


def leaflet_from_headings(blocks: list[Block], name: str, text: str, **meta: str | None) -> Leaflet:
    """Take the title from the first top-level heading and map the rest to levels 2 and 3."""
    headings = [b for b in blocks if b.kind == "heading"]
    title = ""
    if headings and headings[0].level == min(h.level for h in headings):
        top = headings[0]
        if top.level == 1 or sum(1 for h in headings if h.level == top.level) == 1:
            title = top.text
            blocks = [b for b in blocks if b is not top]
    levels = sorted({b.level for b in blocks if b.kind == "heading"})
    base = levels[0] if levels else 2
    mapped = [Block("heading", b.text, level=2 if b.level == base else 3)
              if b.kind == "heading" else b for b in blocks]
    return Leaflet(title, tuple(mapped), name, text, **meta)
