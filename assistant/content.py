"""Content packs: load and validate the plain-text leaflet packs described in content/FORMAT.md.

Loading checks the whole pack and reports every problem with its file and line, so a clinician
can fix a pack without reading Python.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import ContentError

_LOGGER = logging.getLogger(__name__)

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FROM_SURGERY_RE = re.compile(r"^(\d+)(?:\s*(?:-|to)\s*(\d+))?\s+(day|week|month)s?$")
MAX_CHUNK_WORDS = 80
MAX_CHUNK_SENTENCES = 3
MIN_ASKS = 2
PACK_FILE = "pack.txt"
SECTIONS_DIR = "sections"
NOT_COVERED_FILE = "not-covered.txt"

PACK_KEYS = {"id", "title", "publisher", "source", "reviewed", "language", "help", "note", "answer-first",
             "questions-written"}
PACK_REQUIRED = ("id", "title", "publisher", "source", "reviewed", "help")
PACK_REPEATABLE = {"note"}
SECTION_KEYS = {
    "id", "title", "summary", "terms", "ask", "related", "urgent", "from-surgery", "basis",
}
SECTION_REQUIRED = ("id", "title")
SECTION_REPEATABLE = {"terms", "ask"}


@dataclass(frozen=True)
class Section:
    """One topic of a leaflet, read aloud as a sequence of chunks."""

    id: str
    title: str
    chunks: tuple[str, ...]
    """Spoken text, 1-3 sentences each; the first holds the main answer."""
    asks: tuple[str, ...]
    """Example questions, written the way patients and carers talk."""
    terms: tuple[str, ...] = ()
    """Lay words, synonyms and likely mis-hearings for this topic."""
    summary: str = ""
    related: tuple[str, ...] = ()
    urgent: bool = False
    """Red-flag advice, spoken before anything else."""
    from_surgery: str | None = None
    """How long after the operation this applies, e.g. "8 weeks" or "4-6 weeks"."""
    basis: str | None = None
    """Where the text comes from when it is not the source leaflet."""
    pack_id: str = ""
    path: Path | None = None


@dataclass(frozen=True)
class Pack:
    """A validated content pack: one leaflet's sections and where they came from."""

    id: str
    title: str
    publisher: str
    source: str
    reviewed: str
    help: str
    sections: tuple[Section, ...]
    language: str = "en-GB"
    notes: tuple[str, ...] = ()
    path: Path | None = None
    answer_first: bool = True
    """Each section's first chunk holds its main answer (written by hand); False for a pack whose
    chunks follow the leaflet's order (imported), so the best-fitting chunk is read first."""
    not_covered: tuple[str, ...] = ()
    """Questions patients often ask that this leaflet does not answer (not-covered.txt)."""
    questions_written: bool = True
    """The example questions were written by people; False when the importer derived them from the
    leaflet's own sentences, which match real questions less closely."""


@dataclass(frozen=True)
class Library:
    """Every loaded pack, with sections addressable by a library-unique key."""

    packs: tuple[Pack, ...]
    by_key: dict[str, Section] = field(default_factory=dict, compare=False)

    @property
    def sections(self) -> list[Section]:
        """All sections of all packs, in pack order."""
        return list(self.by_key.values())

    def vocabulary(self) -> list[str]:
        """Words to prime a speech recogniser with: each pack's title, then every word of the spoken
        text once (not the lay terms, some of which are deliberate mishearings such as "cath eater")."""
        words = dict.fromkeys(w.lower() for s in self.by_key.values() for c in s.chunks
                              for w in re.findall(r"[A-Za-z][A-Za-z'-]*[A-Za-z]", c))
        return [*(p.title for p in self.packs), *words]

    def key_of(self, section: Section) -> str:
        """The id used in output: the plain id unless two packs share it."""
        for key, value in self.by_key.items():
            if value is section:
                return key
        raise KeyError(section.id)

    def pack_of(self, section: Section) -> Pack:
        """The pack a section belongs to."""
        return next(p for p in self.packs if p.id == section.pack_id)


@dataclass
class _Field:
    value: str
    line: int


def _parse_header(path: Path, lines: list[str], problems: list[str],
                  allowed: set[str], repeatable: set[str]) -> tuple[dict[str, list[_Field]], int]:
    """Read ``key: value`` lines up to the first blank line; return fields and the body start."""
    fields: dict[str, list[_Field]] = {}
    index = 0
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            return fields, index + 1
        if line.startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        where = f"{path}:{index + 1}"
        if not sep or not key:
            problems.append(f"{where}: expected 'key: value' in the header, got {line[:60]!r}")
            continue
        if key not in allowed:
            expected = ", ".join(sorted(allowed))
            problems.append(f"{where}: unknown key {key!r}: expected one of {expected}")
            continue
        if key in fields and key not in repeatable:
            problems.append(f"{where}: {key!r} given twice (first on line {fields[key][0].line})")
            continue
        if not value.strip():
            problems.append(f"{where}: {key!r} is empty")
            continue
        fields.setdefault(key, []).append(_Field(value.strip(), index + 1))
    return fields, len(lines)


def _split_list(fields: dict[str, list[_Field]], key: str) -> tuple[str, ...]:
    items: list[str] = []
    for f in fields.get(key, []):
        items.extend(part.strip() for part in f.value.split(",") if part.strip())
    return tuple(items)


def _one(fields: dict[str, list[_Field]], key: str) -> str | None:
    return fields[key][0].value if key in fields else None


def count_sentences(text: str) -> int:
    """Count sentences the way a listener hears them (., ! or ? followed by a space or the end)."""
    return max(1, len(re.findall(r"[.!?](?:\s|$)", text.strip())))


def _read_chunks(path: Path, lines: list[str], start: int, problems: list[str]) -> tuple[str, ...]:
    chunks: list[str] = []
    current: list[str] = []
    first_line = start
    for number, raw in enumerate(lines[start:], start=start + 1):
        line = raw.strip()
        if line.startswith("#"):
            continue
        if line:
            if not current:
                first_line = number
            current.append(line)
            continue
        if current:
            chunks.append(_check_chunk(path, first_line, " ".join(current), problems))
            current = []
    if current:
        chunks.append(_check_chunk(path, first_line, " ".join(current), problems))
    return tuple(chunks)


def _check_chunk(path: Path, line: int, text: str, problems: list[str]) -> str:
    words = len(text.split())
    if words > MAX_CHUNK_WORDS:
        problems.append(f"{path}:{line}: chunk has {words} words: at most {MAX_CHUNK_WORDS}; "
                        "split it with a blank line")
    sentences = count_sentences(text)
    if sentences > MAX_CHUNK_SENTENCES:
        problems.append(f"{path}:{line}: chunk has {sentences} sentences: at most "
                        f"{MAX_CHUNK_SENTENCES}; split it with a blank line")
    return text


def _read_lines(path: Path, problems: list[str]) -> list[str] | None:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as err:
        problems.append(f"{path}:1: not UTF-8 text ({err.reason} at byte {err.start})")
    except OSError as err:
        problems.append(f"{path}:1: cannot read: {err.strerror}")
    return None


def _require(path: Path, fields: dict[str, list[_Field]], keys: Iterable[str],
             problems: list[str]) -> None:
    for key in keys:
        if key not in fields:
            problems.append(f"{path}:1: missing required key {key!r}")


def parse_section(path: Path, pack_id: str, problems: list[str]) -> Section | None:
    """Parse one section file, appending any problems; None when it is unusable."""
    lines = _read_lines(path, problems)
    if lines is None:
        return None
    fields, body = _parse_header(path, lines, problems, SECTION_KEYS, SECTION_REPEATABLE)
    _require(path, fields, SECTION_REQUIRED, problems)
    section_id = _one(fields, "id") or ""
    if section_id and not ID_RE.match(section_id):
        problems.append(f"{path}:{fields['id'][0].line}: id {section_id!r}: use lower-case "
                        "letters, digits and hyphens")
    asks = tuple(f.value for f in fields.get("ask", []))
    if len(asks) < MIN_ASKS:
        problems.append(f"{path}:1: {len(asks)} 'ask:' lines: "
                        f"at least {MIN_ASKS} example questions")
    urgent = (_one(fields, "urgent") or "no").lower()
    if urgent not in ("yes", "no"):
        problems.append(f"{path}:{fields['urgent'][0].line}: urgent {urgent!r}: expected yes or no")
    from_surgery = _one(fields, "from-surgery")
    if from_surgery and not FROM_SURGERY_RE.match(from_surgery.lower()):
        problems.append(f"{path}:{fields['from-surgery'][0].line}: from-surgery {from_surgery!r}: "
                        "expected e.g. '10 days', '8 weeks', '4-6 weeks' or '3 months'")
    chunks = _read_chunks(path, lines, body, problems)
    if not chunks:
        problems.append(f"{path}:{body + 1}: no spoken text after the header's blank line")
    if not section_id or "title" not in fields:
        return None
    return Section(
        id=section_id, title=fields["title"][0].value, chunks=chunks, asks=asks,
        terms=_split_list(fields, "terms"), summary=_one(fields, "summary") or "",
        related=_split_list(fields, "related"), urgent=urgent == "yes",
        from_surgery=from_surgery.lower() if from_surgery else None,
        basis=_one(fields, "basis"), pack_id=pack_id, path=path,
    )


def _check_ids(sections: list[Section], problems: list[str]) -> None:
    seen: dict[str, Section] = {}
    for s in sections:
        if s.id in seen:
            problems.append(f"{s.path}:1: duplicate id {s.id!r} (also in {seen[s.id].path})")
        seen.setdefault(s.id, s)
    for s in sections:
        for rel in s.related:
            if rel not in seen:
                problems.append(f"{s.path}:1: related id {rel!r} is not a section of this pack")


def load_pack(folder: str | Path) -> Pack:
    """Load and validate one pack folder.

    Raises:
        ContentError: with one ``file:line: message`` entry per problem found.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ContentError(f"content folder {folder} does not exist: expected a pack folder "
                           f"holding {PACK_FILE} and {SECTIONS_DIR}/")
    problems: list[str] = []
    meta_path = folder / PACK_FILE
    if not meta_path.is_file():
        raise ContentError(f"{folder} is not a content pack: {PACK_FILE} is missing")
    lines = _read_lines(meta_path, problems) or []
    meta, _ = _parse_header(meta_path, lines, problems, PACK_KEYS, PACK_REPEATABLE)
    _require(meta_path, meta, PACK_REQUIRED, problems)
    pack_id = _one(meta, "id") or folder.name
    files = sorted((folder / SECTIONS_DIR).glob("*.txt"))
    if not files:
        problems.append(f"{folder / SECTIONS_DIR}:1: no section files (*.txt)")
    parsed = [parse_section(p, pack_id, problems) for p in files]
    sections = [s for s in parsed if s is not None]
    _check_ids(sections, problems)
    answer_first = _yes_no(meta_path, meta, "answer-first", problems)
    questions_written = _yes_no(meta_path, meta, "questions-written", problems)
    not_covered = _not_covered(folder / NOT_COVERED_FILE, problems)
    if problems:
        raise ContentError(f"content pack {folder} has {len(problems)} problem(s)", problems)
    return Pack(
        id=pack_id, title=meta["title"][0].value, publisher=meta["publisher"][0].value,
        source=meta["source"][0].value, reviewed=meta["reviewed"][0].value,
        help=meta["help"][0].value, sections=tuple(sections),
        language=_one(meta, "language") or "en-GB",
        notes=tuple(f.value for f in meta.get("note", [])), path=folder, answer_first=answer_first,
        questions_written=questions_written, not_covered=not_covered,
    )


def _not_covered(path: Path, problems: list[str]) -> tuple[str, ...]:
    """The optional list of questions the leaflet does not answer: one ``ask:`` line each."""
    if not path.exists():
        return ()
    asks = []
    for number, line in enumerate(_read_lines(path, problems) or [], start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        key, sep, value = text.partition(":")
        if not sep or key.strip() != "ask" or not value.strip():
            problems.append(f"{path}:{number}: expected 'ask: <a question the leaflet does not answer>'")
            continue
        asks.append(value.strip())
    return tuple(asks)


def _yes_no(path: Path, meta: dict[str, list[_Field]], key: str, problems: list[str]) -> bool:
    fields = meta.get(key, [])
    if not fields or fields[0].value.lower() == "yes":
        return True
    if fields[0].value.lower() != "no":
        problems.append(f"{path}:{fields[0].line}: {key} must be yes or no, not {fields[0].value!r}")
    return False


def default_pack_dirs(content_root: Path) -> list[Path]:
    """Every pack folder directly under ``content_root``."""
    return sorted(p.parent for p in content_root.glob(f"*/{PACK_FILE}"))


def load_library(folders: Sequence[str | Path]) -> Library:
    """Load several packs; section ids shared by two packs are prefixed with the pack id.

    Raises:
        ContentError: no folders, or any pack is invalid (every problem of every pack is listed).
    """
    if not folders:
        raise ContentError("no content packs found: expected a folder with pack.txt (see content/)")
    packs: list[Pack] = []
    problems: list[str] = []
    for folder in folders:
        try:
            packs.append(load_pack(folder))
        except ContentError as err:
            if not err.problems:
                raise
            problems.extend(err.problems)
    if problems:
        raise ContentError(f"{len(problems)} problem(s) in the content", problems)
    counts: dict[str, int] = {}
    for s in (s for p in packs for s in p.sections):
        counts[s.id] = counts.get(s.id, 0) + 1
    by_key = {(s.id if counts[s.id] == 1 else f"{s.pack_id}/{s.id}"): s
              for p in packs for s in p.sections}
    return Library(packs=tuple(packs), by_key=by_key)
