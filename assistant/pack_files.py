"""Imported packs in memory and on disk: the dataclasses and the pack-format text files.

Writing refuses to touch a folder that holds anything but an earlier pack.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from assistant.content import (  # the loader's own names: what is written is what is read
    NOT_COVERED_FILE,
    PACK_FILE,
    SECTIONS_DIR,
    Section,
)
from assistant.errors import ConfigError

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportedPack:
    """A whole pack made from one leaflet."""

    id: str
    title: str
    publisher: str
    source: str
    reviewed: str
    help: str
    notes: tuple[str, ...]
    sections: tuple[Section, ...]
    not_covered: tuple[str, ...] = ()


def _wrap_values(key: str, values: tuple[str, ...], per_line: int) -> list[str]:
    return [f"{key}: " + ", ".join(values[i : i + per_line])
            for i in range(0, len(values), per_line)]


def section_text(section: Section) -> str:
    """The section file's text, in the pack format."""
    lines = [f"id: {section.id}", f"title: {section.title}"]
    if section.summary:
        lines.append(f"summary: {section.summary}")
    lines += _wrap_values("terms", tuple(t.replace(",", " ") for t in section.terms), 8)
    lines += [f"ask: {ask}" for ask in section.asks]
    if section.related:
        lines.append("related: " + ", ".join(section.related))
    if section.urgent:
        lines.append("urgent: yes")
    if section.from_surgery:
        lines.append(f"from-surgery: {section.from_surgery}")
    return "\n".join(lines) + "\n\n" + "\n\n".join(section.chunks) + "\n"


def pack_text(pack: ImportedPack) -> str:
    """The pack.txt text."""
    lines = [f"id: {pack.id}", f"title: {pack.title}", f"publisher: {pack.publisher}",
             f"source: {pack.source}", f"reviewed: {pack.reviewed}", "language: en-GB",
             f"help: {pack.help}",
             "# The chunks follow the leaflet's order: once each section's first chunk holds its",
             "# main answer, change this to yes.",
             "answer-first: no",
             "# The example questions were made from the leaflet's sentences: once people have",
             "# written real ones (as patients ask them), change this to yes.",
             "questions-written: no"]
    lines += [f"note: {note}" for note in pack.notes]
    return "\n".join(lines) + "\n"


def not_covered_text(pack: ImportedPack) -> str:
    """The not-covered.txt text: everyday questions this leaflet does not seem to answer."""
    lines = ["# Everyday questions that this leaflet does not seem to answer (none of their topic words",
             "# appears in it). A question nearer one of these than to any section's examples is told",
             "# \"I don't have information about that\". Delete any the leaflet does answer; add others.",
             *[f"ask: {q}" for q in pack.not_covered]]
    return "\n".join(lines) + "\n"


def check_out(out: Path) -> bool:
    """Check --out can take a pack; True when it holds an earlier pack that will be replaced.

    Raises:
        ConfigError: ``out`` is a file, or a non-empty folder that is not a pack.
    """
    if out.exists() and not out.is_dir():
        raise ConfigError(f"--out {out} is a file: expected a folder for the pack "
                          "(new, empty, or an earlier pack to replace)")
    if not out.exists() or not any(out.iterdir()):
        return False
    if not (out / PACK_FILE).is_file():
        raise ConfigError(f"--out {out} is not empty and holds no pack.txt: refusing to write "
                          "into it; choose a new or empty folder")
    return True


def write_pack(pack: ImportedPack, out: Path) -> bool:
    """Write the pack under ``out``, replacing an earlier pack's files; True when it did."""
    replaced = check_out(out)
    try:
        if replaced:
            for old in [out / PACK_FILE, out / NOT_COVERED_FILE, *(out / SECTIONS_DIR).glob("*.txt")]:
                old.unlink(missing_ok=True)
        (out / SECTIONS_DIR).mkdir(parents=True, exist_ok=True)
        (out / PACK_FILE).write_text(pack_text(pack), encoding="utf-8")
        if pack.not_covered:
            (out / NOT_COVERED_FILE).write_text(not_covered_text(pack), encoding="utf-8")
        for section in pack.sections:
            (out / SECTIONS_DIR / f"{section.id}.txt").write_text(section_text(section),
                                                                    encoding="utf-8")
    except OSError as err:
        raise ConfigError(f"--out {out}: cannot write the pack: {err.strerror or err}") from err
    return replaced
