"""Turn a leaflet into a content pack (``run.py import``) and check packs (``--check``).

Reading the formats lives in ``leaflet_parse``/``leaflet_html``; example questions, terms and
metadata guesses in ``leaflet_derive``. Here: sections, spoken chunks and writing the pack.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from assistant import leaflet_meta as meta
from assistant import leaflet_questions, leaflet_terms
from assistant.errors import ConfigError, ContentError
from assistant.leaflet_chunks import (
    chunk_group,
    keep_sentence,
    list_groups,
    lower_first,
    split_sentences,
)
from assistant.leaflet_not_covered import not_covered_for
from assistant.leaflet_parse import Block, Leaflet, read_leaflet
from assistant.pack_files import ImportedPack, Section, check_out, write_pack

_LOGGER = logging.getLogger(__name__)

MAX_SECTIONS = 300
TITLE_WORDS_SPOKEN = 20

_DROP_HEADING = re.compile(
    r"(related (pages|information|links|topics|content)|booklets and resources|"
    r"(useful|further|more|other) (information|links|resources|reading|help)|share( this page)?|"
    r"print( this page)?|contents|on this page|in this section|skip to .*|back to top|"
    r"date reviewed|next review.*|(page )?last (reviewed|updated).*|the language we use|"
    r"feedback|was this (page|information) (useful|helpful)\??|tell us what you think|"
    r"cookies?.*|you might also (like|be interested in)|see also)\W*", re.IGNORECASE)
_PHRASE_ENDS = {"going", "coming", "that", "which", "who", "in", "into", "from", "passes", "to",
                "for", "with", "on", "at", "is", "are", "was", "can", "will", "may", "might",
                "you", "your", "if", "when", "where", "because", "so", "such"}
_TERMINAL_HEADING = re.compile(
    r"(references|sources( used)?|bibliography|about (our|this) information|"
    r"how we (produce|write) our information)\W*", re.IGNORECASE)


@dataclass
class _Draft:
    """A section while the leaflet is being read; children are its subsections."""

    title: str
    parent: _Draft | None = None
    blocks: list[Block] = field(default_factory=list)
    children: list[_Draft] = field(default_factory=list)


def draft_groups(draft: _Draft, proper: set[str]) -> list[list[str]]:
    """A heading's spoken chunks, grouped by the paragraph or list item they come from."""
    chunks: list[list[str]] = []
    blocks = draft.blocks
    for i, block in enumerate(blocks):
        if block.kind != "paragraph":
            if block.kind == "list" and (i == 0 or not blocks[i - 1].text.endswith(":")):
                for group in list_groups(None, list(block.items), proper):
                    chunks.append(chunk_group(group))
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        sentences = [s for s in split_sentences(block.text) if keep_sentence(s)]
        groups = [sentences]
        if sentences and block.text.endswith(":"):
            # A lead-in is spoken with its list, or with the subsection names that follow it.
            if nxt is not None and nxt.kind == "list":
                items = list(nxt.items)
            else:
                items = [c.title for c in draft.children]
            spoken_list = list_groups(sentences[-1], items, proper)
            groups = [sentences[:-1] + spoken_list[0], *spoken_list[1:]] if spoken_list else []
        for group in groups:
            if any(group):
                chunks.append(chunk_group([s for s in group if s]))
    return chunks


# ---- sections ------------------------------------------------------------------------------


def draft_sections(leaflet: Leaflet, fallback_title: str) -> list[_Draft]:
    """Group blocks under their headings; drop navigation, references and publishing notes."""
    intro = _Draft(leaflet.title or fallback_title)
    drafts, current, top = [intro], intro, intro
    skipping = 0
    for block in leaflet.blocks:
        if block.kind == "heading":
            if _TERMINAL_HEADING.fullmatch(block.text):
                break
            if skipping and block.level > skipping:
                continue
            skipping = block.level if _DROP_HEADING.fullmatch(block.text) else 0
            if skipping:
                continue
            if current.blocks and restates(block.text, current.title):
                continue  # "Laparoscopy" under "Keyhole (laparoscopic) surgery": one topic
            if block.level >= 3:
                current = _Draft(block.text, parent=top)
                top.children.append(current)
            else:
                current = top = _Draft(block.text)
            drafts.append(current)
        elif block.kind == "end":
            current = current.parent or current
        elif not skipping and current.parent is None and _is_item_list(block):
            for item in block.items:  # items of several sentences each are topics of their own
                child = _Draft(item_title(item), parent=current, blocks=[Block("paragraph", item)])
                current.children.append(child)
                drafts.append(child)
        elif not skipping:
            current.blocks.append(block)
    return drafts


def restates(heading: str, previous: str) -> bool:
    """True for a heading of one or two words that only names again the topic of the heading before.

    Web leaflets split one topic into a panel per term ("Keyhole (laparoscopic) surgery", then
    "Laparoscopy"); as two sections, a question naming the topic found the first and missed the
    facts in the second. Words meet on their first seven letters ("laparoscopy", "laparoscopic").
    """
    def key_words(title: str) -> set[str]:  # numbers count: "Topic 2" is not "Topic 1" again
        return {w[:7] for w in re.findall(r"[a-z]+|\d+", title.lower()) if len(w) > 3 or w.isdigit()}
    words = key_words(heading)
    return 0 < len(heading.split()) <= 2 and bool(words) and words <= key_words(previous)


def _is_item_list(block: Block) -> bool:
    return block.kind == "list" and sum(len(split_sentences(i)) > 1 for i in block.items) >= 2


def item_title(item: str) -> str:
    """A title for a list item: the name it gives itself, else its opening noun phrase.

    "A small, flexible tube in your bladder. This is called a catheter." -> "Catheter";
    "1 or more drainage tubes coming from your wound." -> "Drainage tubes".
    """
    words: list[str] = []
    for word in split_sentences(item)[0].split():
        if words and word.lower().strip(",") in _PHRASE_ENDS:
            break
        words.append(word)
    lead = re.sub(r"^(?:an?|the|\d+ or more|some|one or more)\s+", "", " ".join(words[:6]),
                  flags=re.IGNORECASE).rstrip(",.;:")
    called = re.search(r"\bcalled (?:an? |the )?([^.,;]{3,40})", item)
    name = called.group(1).strip() if called else lead
    return name[:1].upper() + name[1:]


def describe_section(sid: str, title: str, chunks: list[str], related: list[str],
                     doc_freq: Counter[str], n_docs: int, child_titles: list[str],
                     lay_docs: Counter[str]) -> Section:
    """Add the derived parts of a section: questions, terms, summary and flags."""
    text = " ".join(chunks)
    own = text  # without its subsections' names, which belong to the subsections
    for child in child_titles:
        own = re.sub(re.escape(child), " ", own, flags=re.IGNORECASE)
    own = re.sub(r"[^.:]*:[\s;]*\.", "", own)  # the lead-in whose list was those names
    sentences = [s for c in chunks for s in split_sentences(c)]
    first = sentences[0] if sentences else title
    summary = first if len(first.split()) <= 20 else title
    return Section(
        id=sid, title=title, chunks=tuple(chunks),
        asks=tuple(leaflet_questions.derive_asks(title, split_sentences(own))),
        terms=tuple(leaflet_terms.derive_terms(title, own, doc_freq, n_docs, lay_docs)),
        related=tuple(related), summary=summary.rstrip(".:"),
        urgent=meta.is_urgent(title, sentences), from_surgery=meta.from_surgery(text))


def _parts(drafts: list[_Draft], proper: set[str]) -> list[tuple[_Draft, list[str]]]:
    """Every section-to-be with its chunks; a heading with no text of its own is left out."""
    parts = []
    for draft in drafts:
        chunks = [c for group in draft_groups(draft, proper) for c in group]
        if not chunks and draft.children:
            names = "; ".join(lower_first(c.title, proper) for c in draft.children)
            chunks = [f"This part of the leaflet is about: {names}."]
        if chunks:
            parts.append((draft, chunks))
        elif draft is not drafts[0]:
            _LOGGER.warning("heading %r has no text under it; left out", draft.title)
    return parts


def build_sections(leaflet: Leaflet, title: str) -> list[Section]:
    """All sections of the leaflet, one per heading (the title's for text before the first)."""
    parts = _parts(draft_sections(leaflet, title), meta.proper_words(leaflet.text))
    if len(parts) > MAX_SECTIONS:
        raise ContentError(f"leaflet {leaflet.source_name} has {len(parts)} sections: expected one "
                           f"leaflet of at most {MAX_SECTIONS}; split it into separate files")
    if not parts:
        raise ContentError(f"leaflet {leaflet.source_name}: no text left to speak once "
                           "navigation, references and publishing notes were removed")
    texts = [" ".join(chunks) for _, chunks in parts]
    doc_freq = leaflet_terms.document_frequencies(texts)
    lay_docs = leaflet_terms.lay_frequencies(texts)
    used: set[str] = set()
    ids = {id(draft): meta.unique_slug(draft.title, used) for draft, _ in parts}
    sections = []
    for draft, chunks in parts:
        related = [ids[id(d)] for d in (draft.parent, *draft.children) if d and id(d) in ids]
        sections.append(describe_section(ids[id(draft)], draft.title, chunks, related, doc_freq,
                                         len(parts), [c.title for c in draft.children], lay_docs))
    return sections


def source_section(title: str, publisher: str, reviewed: str | None, taken: set[str]) -> Section:
    """A section saying where the information comes from, in the importer's own words.

    The leaflet's own notes on who wrote it are publishing notes and are dropped, but "who wrote
    this?" is a fair question (seven in the 24 read question sets): the answer is the metadata.
    """
    known = publisher != meta.UNKNOWN_PUBLISHER
    # Said inside one sentence: no sentence ends of its own ("Pain. Relief!") and not too long.
    named = " ".join(re.sub(r"[.!?]+(?=\s|$)", ",", title).split()[:TITLE_WORDS_SPOKEN]).rstrip(",;:")
    chunks = [f"This information comes from the leaflet \"{named}\""
              + (f", published by {publisher}." if known else ". It does not say who published it.")]
    if reviewed:
        chunks.append(f"The leaflet gives its review date as {reviewed}.")
    return Section(
        id=meta.unique_slug("About this leaflet", taken), title="About this leaflet", chunks=tuple(chunks),
        asks=("Who wrote this information?", "Who wrote this leaflet?", "Where does this information come from?",
              "Who published this leaflet?", "Who made this information?", "What is the source of this information?"),
        terms=("who wrote", "written by", "wrote this", "publisher", "published", "source", "this leaflet",
               "this information", *([publisher] if known else [])),
        summary="Where this information comes from")


def build_pack(leaflet: Leaflet, today: date) -> ImportedPack:
    """Make a whole pack from a leaflet; pure apart from logging."""
    title = leaflet.title or meta.title_from_name(leaflet.source_name)
    notes = [meta.import_note(leaflet.source_name, today)]
    if leaflet.url:
        notes.append(f"The page was saved from {leaflet.url}")
    publisher = leaflet.publisher or meta.guess_publisher(leaflet.text)
    reviewed = meta.review_date(leaflet.text)
    sections = build_sections(leaflet, title)
    sections.append(source_section(title, publisher, reviewed, {s.id for s in sections}))
    return ImportedPack(
        id=meta.slug(title) or "leaflet", title=title, publisher=publisher,
        source=leaflet.source_name, reviewed=reviewed or meta.NOT_STATED,
        help=meta.help_line(leaflet.text), notes=tuple(notes),
        sections=tuple(sections), not_covered=not_covered_for(leaflet.text))


# ---- the command ---------------------------------------------------------------------------


def check_pack(folder: Path) -> int:
    """Validate a pack with the loader; return its number of sections.

    Raises:
        ContentError: one summary line; each ``file:line: message`` is printed on stdout first.
    """
    try:
        from assistant.content import load_pack
    except ImportError as err:  # the loader is not in this checkout yet
        raise ConfigError("the pack validator (assistant.content) is not available in this "
                          "installation") from err
    try:
        return len(load_pack(folder).sections)
    except ContentError as err:
        if not err.problems:
            raise
        for problem in err.problems:
            print(problem)
        raise ContentError(f"content pack {folder} has {len(err.problems)} problem(s), "
                           "listed above") from err


def cmd_import(args: argparse.Namespace) -> int:
    """``run.py import LEAFLET --out DIR`` and ``run.py import --check DIR``."""
    if args.check:
        print(f"OK: {check_pack(Path(args.check))} sections")
        return 0
    if not args.leaflet:
        raise ConfigError("import: give a leaflet file (.txt, .md or .html) with --out DIR, "
                          "or --check DIR to validate a pack")
    if not args.out:
        raise ConfigError(f"import {args.leaflet}: --out DIR is required (the folder to write "
                          "the pack to, e.g. content/my-leaflet)")
    out = Path(args.out)
    check_out(out)  # before reading, so a bad --out is reported at once
    leaflet = read_leaflet(Path(args.leaflet))
    meta.check_language(leaflet)
    pack = build_pack(leaflet, date.today())
    if write_pack(pack, out):
        print(f"note: replaced the earlier pack in {out}", file=sys.stderr)
    count = check_pack(out)
    print(f"Imported {leaflet.source_name!r} ({pack.title}): {count} sections written to {out}")
    return 0
