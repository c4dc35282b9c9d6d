"""Content packs: the project's pack is valid, and every kind of broken pack is reported by file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.content import count_sentences, load_library, load_pack
from assistant.errors import ContentError

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "content" / "liver-surgery"

GOOD_SECTION = """id: pain
title: Pain relief
terms: painkillers, tablets
ask: How will my pain be controlled?
ask: Can I have more tablets?

You will get painkillers through a pump at first.

Later you take tablets.
"""


def make_pack(tmp_path: Path, sections: dict[str, str], meta: str | None = None) -> Path:
    folder = tmp_path / "pack"
    (folder / "sections").mkdir(parents=True)
    (folder / "pack.txt").write_text(meta if meta is not None else (
        "id: test\ntitle: Test leaflet\npublisher: Test\nsource: test\nreviewed: 2026\n"
        "help: Ask your nurse.\n"), encoding="utf-8")
    for name, text in sections.items():
        (folder / "sections" / name).write_text(text, encoding="utf-8")
    return folder


def test_project_pack_is_valid_and_names_its_source() -> None:
    pack = load_pack(PACK)
    assert pack.publisher == "Macmillan Cancer Support"
    assert "liver" in pack.title.lower()
    assert pack.reviewed
    assert len(pack.sections) >= 20
    assert any(s.urgent for s in pack.sections)


def test_every_section_has_short_chunks_and_examples() -> None:
    for section in load_pack(PACK).sections:
        assert len(section.asks) >= 2, section.id
        for chunk in section.chunks:
            assert count_sentences(chunk) <= 3, (section.id, chunk)
            assert len(chunk.split()) <= 80, (section.id, chunk)


def test_figures_from_the_leaflet_are_carried_over() -> None:
    text = " ".join(c for s in load_pack(PACK).sections for c in s.chunks)
    for fact in ("0808 808 00 00", "8 weeks", "10 days", "24 hours", "5mm", "12mm", "3 months",
                 "4 to 6 weeks", "2 to 3 days", "5 to 7 days"):
        assert fact in text, fact


def test_good_pack_loads(tmp_path: Path) -> None:
    pack = load_pack(make_pack(tmp_path, {"pain.txt": GOOD_SECTION}))
    section = pack.sections[0]
    assert section.chunks == ("You will get painkillers through a pump at first.", "Later you take tablets.")
    assert section.terms == ("painkillers", "tablets")


@pytest.mark.parametrize(("text", "expected"), [
    (GOOD_SECTION.replace("id: pain\n", ""), "missing required key 'id'"),
    (GOOD_SECTION.replace("ask: Can I have more tablets?\n", ""), "at least 2 example questions"),
    (GOOD_SECTION.replace("title: Pain relief", "colour: blue"), "unknown key 'colour'"),
    (GOOD_SECTION.replace("id: pain", "id: Pain Relief!"), "id 'Pain Relief!'"),
    (GOOD_SECTION + "\nurgent: maybe\n", None),
    (GOOD_SECTION.replace("terms:", "urgent: maybe\nterms:"), "urgent 'maybe'"),
    (GOOD_SECTION.replace("terms:", "from-surgery: soon\nterms:"), "from-surgery 'soon'"),
    (GOOD_SECTION.split("\n\n")[0] + "\n", "no spoken text"),
    (GOOD_SECTION + "\nOne. Two. Three. Four.\n", "4 sentences"),
    (GOOD_SECTION.replace("terms: painkillers", "terms painkillers"), "expected 'key: value'"),
])
def test_each_problem_is_reported_with_file_and_line(tmp_path: Path, text: str, expected: str | None) -> None:
    folder = make_pack(tmp_path, {"pain.txt": text})
    if expected is None:  # a "key: value" line in the body is just text
        load_pack(folder)
        return
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    report = str(info.value)
    assert expected in report
    assert "pain.txt:" in report


@pytest.mark.parametrize(("line", "expected"), [("", True), ("answer-first: yes\n", True),
                                              ("answer-first: no\n", False), ("answer-first: NO\n", False)])
def test_answer_first_says_whether_the_first_chunk_is_the_answer(tmp_path: Path, line: str,
                                                                  expected: bool) -> None:
    meta = "id: test\ntitle: T\npublisher: P\nsource: s\nreviewed: 2026\nhelp: Ask.\n" + line
    assert load_pack(make_pack(tmp_path, {"pain.txt": GOOD_SECTION}, meta)).answer_first is expected


def test_questions_written_defaults_to_yes(tmp_path: Path) -> None:
    meta = "id: test\ntitle: T\npublisher: P\nsource: s\nreviewed: 2026\nhelp: Ask.\n"
    assert load_pack(make_pack(tmp_path, {"pain.txt": GOOD_SECTION}, meta)).questions_written
    (tmp_path / "pack" / "pack.txt").write_text(meta + "questions-written: no\n", encoding="utf-8")
    assert not load_pack(tmp_path / "pack").questions_written


def test_not_covered_questions_load_and_bad_lines_are_reported(tmp_path: Path) -> None:
    folder = make_pack(tmp_path, {"pain.txt": GOOD_SECTION})
    assert load_pack(folder).not_covered == ()
    (folder / "not-covered.txt").write_text("# everyday questions\nask: Can I have a bath?\n\n"
                                            "ask: Can I fly abroad?\n", encoding="utf-8")
    assert load_pack(folder).not_covered == ("Can I have a bath?", "Can I fly abroad?")
    (folder / "not-covered.txt").write_text("ask: Can I have a bath?\nCan I swim?\nask:\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    assert "not-covered.txt:2: expected 'ask:" in str(info.value)
    assert "not-covered.txt:3: expected 'ask:" in str(info.value)


def test_answer_first_must_be_yes_or_no(tmp_path: Path) -> None:
    meta = "id: test\ntitle: T\npublisher: P\nsource: s\nreviewed: 2026\nhelp: Ask.\nanswer-first: maybe\n"
    with pytest.raises(ContentError) as info:
        load_pack(make_pack(tmp_path, {"pain.txt": GOOD_SECTION}, meta))
    assert "pack.txt:7: answer-first must be yes or no" in str(info.value)


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    bad = GOOD_SECTION.replace("title: Pain relief\n", "").replace("ask: Can I have more tablets?\n", "")
    folder = make_pack(tmp_path, {"a.txt": bad, "b.txt": GOOD_SECTION, "c.txt": GOOD_SECTION})
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    problems = info.value.problems
    assert any("missing required key 'title'" in p for p in problems)
    assert any("duplicate id 'pain'" in p for p in problems)
    assert len(problems) >= 3


def test_broken_files_and_folders(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="does not exist"):
        load_pack(tmp_path / "nowhere")
    folder = make_pack(tmp_path, {"pain.txt": GOOD_SECTION})
    (folder / "sections" / "binary.txt").write_bytes(b"\xff\xfe\x00\x01garbage")
    with pytest.raises(ContentError, match="not UTF-8"):
        load_pack(folder)
    (folder / "pack.txt").unlink()
    with pytest.raises(ContentError, match="pack.txt is missing"):
        load_pack(folder)


def test_related_ids_must_exist(tmp_path: Path) -> None:
    text = GOOD_SECTION.replace("terms:", "related: nowhere\nterms:")
    with pytest.raises(ContentError, match="related id 'nowhere'"):
        load_pack(make_pack(tmp_path, {"pain.txt": text}))


def test_missing_pack_metadata(tmp_path: Path) -> None:
    folder = make_pack(tmp_path, {"pain.txt": GOOD_SECTION}, meta="id: test\ntitle: T\n")
    with pytest.raises(ContentError) as info:
        load_pack(folder)
    assert "missing required key 'publisher'" in str(info.value)
    assert "pack.txt:1" in str(info.value)


def test_two_packs_sharing_an_id_get_prefixed_keys(tmp_path: Path) -> None:
    first = make_pack(tmp_path / "one", {"pain.txt": GOOD_SECTION})
    second = tmp_path / "two"
    shutil.copytree(first, second)
    (second / "pack.txt").write_text((first / "pack.txt").read_text().replace("id: test", "id: other"))
    library = load_library([first, second])
    assert sorted(library.by_key) == ["other/pain", "test/pain"]
    section = library.by_key["other/pain"]
    assert library.pack_of(section).id == "other"
    assert library.key_of(section) == "other/pain"


def test_no_packs_is_a_clear_error() -> None:
    with pytest.raises(ContentError, match="no content packs"):
        load_library([])
