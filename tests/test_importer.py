"""The leaflet importer: seed leaflet, fixtures in each format, bad input, and its pure parts."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.content import Pack, load_library, load_pack
from assistant.errors import ContentError
from assistant.importer import build_pack, restates, source_section
from assistant.leaflet_chunks import chunk_group, heard_sentences, list_groups, split_sentences
from assistant.leaflet_meta import (
    from_surgery,
    guess_publisher,
    is_urgent,
    review_date,
    unique_slug,
)
from assistant.leaflet_parse import looks_like_heading, parse_text
from assistant.leaflet_questions import derive_asks, heading_questions
from assistant.leaflet_terms import derive_terms, document_frequencies, lay_frequencies, leaflet_words
from assistant.leaflet_text_asks import timed_item_questions
from assistant.matcher import Matcher

DATA = Path(__file__).resolve().parent / "data" / "leaflets"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_9ab7bde8cbb6c729.txt"
SEED_HEADINGS = [
    "Surgery for secondary cancer in the liver", "About surgery for secondary liver cancer",
    "Having chemotherapy before surgery", "Having chemotherapy after surgery", "Liver transplant",
    "Getting support", "Staged liver resection", "Keyhole (laparoscopic) surgery",
    "Portal vein embolisation (PVE)", "Before your operation", "Enhanced recovery programmes (ERP)",
    "After your operation", "Moving around", "Drips and drains", "Pain", "Your wound",
    "Going home", "Avoid heavy lifting", "Get enough rest and eat well", "Do not drink alcohol",
    "Do some gentle exercise",
    # "Laparoscopy" only names again the heading before it: its text stays with keyhole surgery.
    # Items of several sentences in the "Drips and drains" list become sections of their own.
    "Intravenous infusion", "Drainage tubes", "Nasogastric tube", "Catheter",
    # Made by the importer from the metadata: where the information comes from.
    "About this leaflet",
]


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``run.py`` in-process; return exit code, stdout and stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def import_pack(capsys: pytest.CaptureFixture[str], leaflet: Path, out: Path) -> Pack:
    """Import through the command line and load the result with the real validator."""
    code, stdout, stderr = run_cli(capsys, "import", str(leaflet), "--out", str(out))
    assert code == 0, stderr
    assert f"sections written to {out}" in stdout
    return load_pack(out)


def spoken(pack: Pack) -> str:
    """Everything the pack would say, section titles included."""
    return "\n".join(f"{s.title}\n" + "\n".join(s.chunks) for s in pack.sections)


def by_title(pack: Pack, title: str):  # type: ignore[no-untyped-def]
    """The section with this title."""
    matches = [s for s in pack.sections if s.title == title]
    assert matches, f"no section titled {title!r}: {[s.title for s in pack.sections]}"
    return matches[0]


# ---- the seed leaflet -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEED.is_file():
        pytest.skip(f"seed leaflet not present at {SEED} (only in the project workspace)")
    out = tmp_path_factory.mktemp("seed") / "pack"
    assert main(["import", str(SEED), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def seed_pack(seed_folder: Path) -> Pack:
    return load_pack(seed_folder)


def test_seed_pack_answers_lay_questions_its_not_covered_list_only_resembles(seed_folder: Path) -> None:
    # Derived example questions sit further from how people ask than the written not-covered ones
    # ("when can I have sex again"); the section still wins when it is the nearer topic.
    matcher = Matcher.load(load_library([seed_folder]))
    match = matcher.match_question("when can I get back out in the garden")
    assert match is not None and match.key == "avoid-heavy-lifting" and match.not_covered is None
    # A fragment far from every example question but close to what the section says is answered,
    # not taken for "should I stop my blood thinners?".
    match = matcher.match_question("blood clots... in me legs... how do they stop them")
    assert match is not None and match.key == "moving-around" and match.not_covered is None
    # "going" is an everyday word: the heading "Going home" does not claim every "going to be".
    match = matcher.match_question("My surgeon said it takes a good while, how long am I actually going to be under for?")
    assert match is not None and match.key == "about-surgery-for-secondary-liver-cancer"


def test_seed_keeps_every_heading(seed_pack: Pack) -> None:
    titles = [s.title for s in seed_pack.sections]
    assert sorted(titles) == sorted(SEED_HEADINGS)


def test_seed_keeps_keyhole_surgery_in_one_section(seed_pack: Pack) -> None:
    keyhole = next(s for s in seed_pack.sections if s.title == "Keyhole (laparoscopic) surgery")
    text = " ".join(keyhole.chunks)
    assert "tiny camera" in text and "12mm" in text and "smaller wounds" in text


@pytest.mark.parametrize("heading, previous, same", [
    ("Laparoscopy", "Keyhole (laparoscopic) surgery", True),
    ("Pain", "Pain", True),
    ("Chemotherapy", "Having chemotherapy before surgery", True),
    ("Pain relief", "Pain", False),  # says more than the heading before
    ("Topic 2", "Topic 1", False), ("Step 3", "Step 2", False),
    ("Going home", "After your operation", False),
    ("About surgery for secondary liver cancer", "Surgery for secondary cancer in the liver", False),
    ("Liver transplant", "Having chemotherapy after surgery", False),
])
def test_a_heading_that_only_names_the_topic_again_continues_it(heading: str, previous: str,
                                                               same: bool) -> None:
    assert restates(heading, previous) is same


@pytest.mark.parametrize("fact", ["0808 808 00 00", "8 weeks", "5mm", "12mm", "10 days",
                                  "24 hours", "3 to 4 hours", "4 to 6 weeks", "2 to 3 days"])
def test_seed_keeps_figures_exactly(seed_pack: Pack, fact: str) -> None:
    assert fact in spoken(seed_pack)


@pytest.mark.parametrize("dropped", ["Cervantes", "doi", "NICE", "informationproductionteam",
                                     "Related pages", "Booklets and resources", "PIF TICK",
                                     "plain English", "We have more information", "Learn more",
                                     "About our information", "Date reviewed", "gender-inclusive"])
def test_seed_drops_references_and_publishing_notes(seed_pack: Pack, dropped: str) -> None:
    assert dropped.lower() not in spoken(seed_pack).lower()


def test_who_wrote_it_is_answered_from_the_metadata(seed_pack: Pack, seed_folder: Path) -> None:
    about = next(s for s in seed_pack.sections if s.title == "About this leaflet")
    assert about.chunks == ('This information comes from the leaflet "Surgery for secondary cancer in '
                            'the liver", published by Macmillan Cancer Support.',)
    match = Matcher.load(load_library([seed_folder])).match_question("who put this leaflet together?")
    assert match is not None and match.section.title == "About this leaflet"


def test_duplicated_headings_keep_all_their_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    leaflet = tmp_path / "leaflet.md"
    leaflet.write_text("# Home care\n\n## Pain\n\nTake paracetamol every six hours.\n\n## Pain\n\n"
                       "Tell the nurse if it gets worse.\n\n## Walking\n\nWalk a little each day.\n\n"
                       "## Pain\n\nThe pain eases after two weeks.\n", encoding="utf-8")
    pack = import_pack(capsys, leaflet, tmp_path / "out")
    said = spoken(pack)
    for fact in ("every six hours", "gets worse", "a little each day", "after two weeks"):
        assert fact in said
    # The heading said twice in a row is one section; said again later, a second one.
    assert sorted(s.id for s in pack.sections if s.title == "Pain") == ["pain", "pain-2"]


@pytest.mark.parametrize("title", ["Pain. Relief! Now? Yes. Good.",
                                   " ".join(["pain relief after the operation"] * 20)])
def test_any_title_makes_a_valid_about_this_leaflet_section(capsys: pytest.CaptureFixture[str],
                                                             tmp_path: Path, title: str) -> None:
    # The title is said inside one sentence: its own full stops, or 100 words, must not break the pack.
    leaflet = tmp_path / "leaflet.md"
    leaflet.write_text(f"# {title}\n\n## Rest\n\nRest for two weeks after your operation. Walk a little "
                       "every day and take your painkillers.\n", encoding="utf-8")
    pack = import_pack(capsys, leaflet, tmp_path / "out")
    about = next(s for s in pack.sections if s.title == "About this leaflet")
    assert about.chunks[0].startswith("This information comes from the leaflet")


def test_source_section_says_what_it_does_not_know() -> None:
    section = source_section("Going home", "unknown publisher", "March 2026", set())
    assert section.chunks == ('This information comes from the leaflet "Going home". It does not say '
                              'who published it.', "The leaflet gives its review date as March 2026.")


def test_seed_metadata(seed_pack: Pack) -> None:
    assert seed_pack.title == "Surgery for secondary cancer in the liver"
    assert seed_pack.publisher == "Macmillan Cancer Support"
    assert seed_pack.source == SEED.name
    assert seed_pack.reviewed == "not stated in the source text"
    assert "0808 808 00 00" in seed_pack.help
    assert any(n.startswith(f"Imported automatically from {SEED.name} on ") for n in seed_pack.notes)


def test_seed_lists_become_sentences(seed_pack: Pack) -> None:
    pain = by_title(seed_pack, "Pain")
    assert ("You may have painkillers in the following ways: through a thin tube in your back "
            "(epidural); into a vein; into the muscle close to your wound.") in pain.chunks
    going_home = by_title(seed_pack, "Going home")
    assert going_home.chunks[0].startswith("Most people can go home from hospital: 2 to 3 days")


def test_seed_subheads_between_dashes_are_sections(seed_pack: Pack) -> None:
    lifting = by_title(seed_pack, "Avoid heavy lifting")
    assert lifting.from_surgery == "8 weeks"
    assert "going-home" in lifting.related
    assert "hoovering" in lifting.terms
    going_home = by_title(seed_pack, "Going home")
    assert "Some people take longer than others to recover" in " ".join(going_home.chunks)
    assert "Gentle exercise" not in " ".join(going_home.chunks)


def test_seed_derives_questions_and_lay_terms(seed_pack: Pack) -> None:
    assert "When can I go home?" in by_title(seed_pack, "Going home").asks
    assert "Can I drink alcohol?" in by_title(seed_pack, "Do not drink alcohol").asks
    assert {"wine", "beer"} <= set(by_title(seed_pack, "Do not drink alcohol").terms)
    assert "pee" in by_title(seed_pack, "Catheter").terms
    assert "big cut" in by_title(seed_pack, "Going home").terms  # "5 to 7 days after open surgery"
    assert "on the internet" in by_title(seed_pack, "Getting support").terms  # "their online forum"
    assert "little holes" in by_title(seed_pack, "Keyhole (laparoscopic) surgery").terms  # "3 small cuts (5mm long)"
    assert "normal ward" in by_title(seed_pack, "After your operation").terms  # "in intensive care ... 24 hours"
    assert "What is a catheter?" in by_title(seed_pack, "Catheter").asks
    assert "catheter" in by_title(seed_pack, "Drips and drains").chunks[0]
    keyhole = by_title(seed_pack, "Keyhole (laparoscopic) surgery")
    assert {"keyhole", "laparoscopic"} <= set(keyhole.terms)
    assert "What is laparoscopic surgery?" in keyhole.asks
    assert all(len(s.asks) >= 2 for s in seed_pack.sections)


def test_seed_chunks_are_short(seed_pack: Pack) -> None:
    for section in seed_pack.sections:
        for chunk in section.chunks:
            assert len(chunk.split()) <= 60, chunk
            assert heard_sentences(chunk) <= 3, chunk


def test_seed_flags(seed_pack: Pack) -> None:
    assert by_title(seed_pack, "Having chemotherapy after surgery").from_surgery == "4-6 weeks"
    assert by_title(seed_pack, "Going home").from_surgery is None  # several periods: not clear
    assert not any(s.urgent for s in seed_pack.sections)  # the wound advice is mostly routine


# ---- fixtures in each format ------------------------------------------------------------


def test_plain_text_fixture(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pack = import_pack(capsys, DATA / "recovery_at_home.txt", tmp_path / "out")
    assert pack.title == "Recovering at home after bowel surgery"
    assert pack.reviewed == "3 March 2025"
    assert pack.publisher == "Northshire NHS Foundation Trust"
    assert not pack.answer_first  # chunks keep the leaflet's order until an editor says otherwise
    assert not pack.questions_written  # example questions were derived, not written by people
    assert pack.not_covered and all(q.endswith("?") or q.endswith(".") for q in pack.not_covered)
    driving = by_title(pack, "Avoid driving")
    assert driving.from_surgery == "6 weeks" and driving.related == ("things-that-help-your-recovery",)
    assert by_title(pack, "When to get help").urgent
    assert "0161 496 0000" in by_title(pack, "When to get help").chunks[0]
    text = spoken(pack)
    for dropped in ("Smith J", "We have more information", "Learn more", "Related pages"):
        assert dropped not in text
    assert "Pat the wound dry with a clean towel, e.g. a fresh hand towel." in text
    assert "Most people feel back to normal" in " ".join(by_title(pack, "Things that help your "
                                                                   "recovery").chunks)


def test_markdown_fixture(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pack = import_pack(capsys, DATA / "wound_care.md", tmp_path / "out")
    ids = [s.id for s in pack.sections]
    assert "looking-after-your-wound" in ids and "looking-after-your-wound-2" in ids
    assert by_title(pack, "Scars").related == ("looking-after-your-wound-2",)
    assert by_title(pack, "Signs of infection").urgent
    text = spoken(pack)
    assert "Keep the dressing on for 2 days." in text  # bold markup gone
    assert "Useful links" not in text and "nhs.uk" not in text and "guideline" not in text
    assert "the wound becomes hot, red or more painful; there is pus" in text
    assert pack.publisher == "Northshire Liver Unit"


def test_html_fixture(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pack = import_pack(capsys, DATA / "pain_relief.html", tmp_path / "out")
    assert pack.title == "Pain relief after your operation"
    assert pack.publisher == "Northshire Hospitals NHS Trust"
    assert pack.reviewed == "12 March 2025"
    assert any("northshire.example.nhs.uk" in n for n in pack.notes)
    text = spoken(pack)
    for furniture in ("Our services", "Skip to", "dataLayer", "Cookies", "Order our free",
                      "Visiting times", "Related pages", "Next review", "Leaflets"):
        assert furniture not in text
    paracetamol = by_title(pack, "Take paracetamol regularly")
    assert paracetamol.related == ("pain-relief-at-home",)
    assert "Take 2 tablets of 500mg up to 4 times in 24 hours." in paracetamol.chunks[0]
    assert "Your GP can give you more painkillers" in " ".join(by_title(pack, "Pain relief at "
                                                                        "home").chunks)
    assert "Is it OK to take ibuprofen?" in by_title(pack, "Can I take ibuprofen?").asks
    assert by_title(pack, "When to get help").urgent


def test_no_headings_makes_one_section(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pack = import_pack(capsys, DATA / "bad" / "no_headings.txt", tmp_path / "out")
    assert sorted(s.title for s in pack.sections) == ["About this leaflet", "No headings"]
    assert "0161 496 0000" in spoken(pack)


def test_big_html_page_imports(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    script = "<script>" + "var tracking = {'a': 1};\n" * 200_000 + "</script>"
    menu = "<nav><ul>" + "<li><a href='/x'>Another page</a></li>" * 20_000 + "</ul></nav>"
    body = "".join(f"<h2>Topic {i}</h2><p>Rest for {i} days after surgery. Walk a little.</p>"
                   for i in range(1, 30))
    page.write_text(f"<html lang='en'><head><title>Big page</title>{script}</head><body>{menu}"
                    f"<main><h1>Big page</h1>{body}</main><footer>Footer</footer></body></html>")
    assert page.stat().st_size > 5_000_000
    pack = import_pack(capsys, page, tmp_path / "out")
    assert len(pack.sections) == 29 + 1 and "Another page" not in spoken(pack)  # + About this leaflet


# ---- bad input: one clear line, never a traceback ----------------------------------------


def assert_one_line_error(err: str, *needles: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0]


@pytest.mark.parametrize(("name", "needle"), [
    ("bad/empty.txt", "is empty"),
    ("bad/scanned.pdf", "is a PDF"),
    ("bad/french.html", "English only"),
    ("missing.txt", "no such file"),
])
def test_bad_leaflets_are_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str,
                                  needle: str) -> None:
    code, _, err = run_cli(capsys, "import", str(DATA / name), "--out", str(tmp_path / "o"))
    assert code == 2
    assert_one_line_error(err, needle)
    assert not (tmp_path / "o").exists()


def test_binary_file_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    blob = tmp_path / "leaflet.txt"
    blob.write_bytes(bytes(range(256)) * 40)
    code, _, err = run_cli(capsys, "import", str(blob), "--out", str(tmp_path / "o"))
    assert code == 2
    assert_one_line_error(err, "binary")


def test_out_must_be_a_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("keep me")
    code, _, err = run_cli(capsys, "import", str(DATA / "wound_care.md"), "--out", str(target))
    assert code == 2
    assert_one_line_error(err, "is a file")
    assert target.read_text() == "keep me"


def test_non_pack_folder_is_not_overwritten(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    code, _, err = run_cli(capsys, "import", str(DATA / "wound_care.md"), "--out", str(tmp_path))
    assert code == 2
    assert_one_line_error(err, "not empty")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_earlier_pack_is_replaced_and_said(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    out = tmp_path / "pack"
    import_pack(capsys, DATA / "pain_relief.html", out)
    code, _, err = run_cli(capsys, "import", str(DATA / "wound_care.md"), "--out", str(out))
    assert code == 0 and "replaced the earlier pack" in err
    assert load_pack(out).title == "Caring for your wound after liver surgery"
    assert not (out / "sections" / "take-paracetamol-regularly.txt").exists()


def test_missing_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "import")
    assert code == 2
    assert_one_line_error(err, "--check")
    code, _, err = run_cli(capsys, "import", str(DATA / "wound_care.md"))
    assert code == 2
    assert_one_line_error(err, "--out")


def test_check_reports_every_problem(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "pack"
    import_pack(capsys, DATA / "wound_care.md", out)
    code, stdout, _ = run_cli(capsys, "import", "--check", str(out))
    assert code == 0 and stdout.strip() == "OK: 7 sections"  # 6 headings and About this leaflet
    scars = out / "sections" / "scars.txt"
    scars.write_text(re.sub(r"(?m)^ask: .*\n", "", scars.read_text()))
    (out / "pack.txt").write_text("id: Bad Id\n")
    code, stdout, err = run_cli(capsys, "import", "--check", str(out))
    assert code == 2
    assert_one_line_error(err, "problem")
    assert "scars.txt:1:" in stdout and "pack.txt:1:" in stdout and len(stdout.splitlines()) >= 3


# ---- pure parts ---------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "following", "expected"), [
    ("Going home", "Most people can go home.", True),
    ("Keyhole (laparoscopic) surgery", "In some situations", True),
    ("Can I take ibuprofen?", "Ask your surgeon first.", True),
    ("Liver resection may not be possible if:", "- the cancer", False),
    ("Talk to your doctor about surgery.", "Liver transplant", False),
    ("Call 0808 808 00 00", "Lines are open", False),
    ("Pain", "there are ways", False),
    ("this is lower case", "Next", False),
])
def test_heading_guess(line: str, following: str, expected: bool) -> None:
    assert looks_like_heading(line, following) is expected


def test_text_reader_lone_dash_items() -> None:
    leaflet = parse_text("Title\nIntro here.\nHelp:\n-\nRest well\nSleep a lot.\n-\nWalk\n"
                         "Walk daily.\nBack in the parent.\n", "x.txt")
    kinds = [(b.kind, b.text, b.level) for b in leaflet.blocks]
    assert ("heading", "Rest well", 3) in kinds and ("heading", "Walk", 3) in kinds
    assert kinds[-2:] == [("end", "", 2), ("paragraph", "Back in the parent.", 2)]


def test_split_sentences_respects_abbreviations() -> None:
    text = "Use a towel, e.g. a clean one. See Dr. Patel at 2.30pm. then rest."
    assert split_sentences(text) == ["Use a towel, e.g. a clean one.", "See Dr. Patel at 2.30pm.",
                                     "then rest."]


def test_chunks_hold_three_sentences_and_sixty_words() -> None:
    sentences = [f"Sentence number {i} is here." for i in range(7)]
    chunks = chunk_group(sentences)
    assert [heard_sentences(c) for c in chunks] == [3, 3, 1]
    long = " ".join(["word"] * 50) + ", " + " ".join(["more"] * 50) + "."
    assert all(len(c.split()) <= 60 for c in chunk_group([long]))


def test_list_groups() -> None:
    short = list_groups("You can:", ["Call the Macmillan line", "Rest"], {"Macmillan"})
    assert short == [["You can: call the Macmillan line; rest."]]
    long = list_groups("You may have:", ["A drip. It gives fluids.", "A drain."], set())
    assert long == [["You may have."], ["A drip.", "It gives fluids."], ["A drain."]]


@pytest.mark.parametrize(("heading", "question"), [
    ("Going home", "When can I go home?"),
    ("Having chemotherapy before surgery", "Will I have chemotherapy before surgery?"),
    ("Do not drink alcohol", "Can I drink alcohol?"),
    ("Avoid heavy lifting", "Can I do heavy lifting?"),
    ("Before your operation", "What happens before my operation?"),
    ("Your wound", "How do I look after my wound?"),
    ("Drips and drains", "What are drips and drains?"),
    ("Portal vein embolisation (PVE)", "What is PVE?"),
    ("When to get help", "When should I get help?"),
    ("Washing and showering", "Can I wash and shower?"),
])
def test_heading_questions(heading: str, question: str) -> None:
    assert question in heading_questions(heading)


def test_no_what_is_it_used_for_from_an_adverb_or_a_pronoun() -> None:
    asks = derive_asks("Topic", ["Sometimes liver resection is used for other cancers.",
                                 "It is used to remove tumours."])
    assert not any(a.startswith(("What is sometimes", "What is it used")) for a in asks)


def test_asks_from_text_and_at_least_two() -> None:
    asks = derive_asks("Tubes", ["A thin tube drains urine.", "This is called a catheter.",
                                 "You will need to avoid lifting heavy bags."])
    assert "What is a catheter?" in asks and "When can I lift heavy bags again?" in asks
    assert len(derive_asks("Zzz", ["Nothing to see."])) >= 2


@pytest.mark.parametrize(("sentences", "question"), [
    (["You will be given compression stockings to wear.", "This is to prevent blood clots."],
     "What are compression stockings for?"),
    (["You usually only have a catheter for a couple of days."], "How long will I have a catheter?"),
    (["There is a risk the liver may bleed after surgery."],
     "Is there a risk the liver may bleed after surgery?"),
    (["Your nurse will check your pulse regularly."], "Will my nurse check my pulse regularly?"),
    (["They will help you get out of bed the day after your operation."],
     "When will they help me get out of bed?"),
    (["This is called patient-controlled analgesia (PCA)."], "What does PCA mean?"),
    (["You may have chemotherapy after surgery.", "This is to reduce the risk."],
     "Why would I have chemotherapy after surgery?"),
    (["You will need painkillers for a few weeks after surgery."],
     "How long will I need tablets?"),
    # A reason, a time that leans on the sentence before, what a thing is for, when it cannot be done.
    (["The remaining liver can grow bigger.", "This usually takes about 4 to 6 weeks."],
     "How long does it take for the remaining liver to grow bigger?"),
    (["This is because the remaining liver can grow bigger."], "Can the remaining liver grow bigger?"),
    # "It" is the thing named just before, and "you" after the verb is "me".
    (["A fine tube goes down your nose.", "This is called a nasogastric tube.", "You may need it for several days."],
     "How long will I need the nasogastric tube?"),
    (["This is called an intravenous infusion.", "It gives you fluids until you can eat and drink again."],
     "Does the intravenous infusion give me fluids until I can eat and drink again?"),
    # "They" and "these" are the plural named in the sentence just before.
    (["The nurses will encourage you to move.", "They will usually help you get out of bed the day after."],
     "When will the nurses help me get out of bed?"),
    (["You will have tests to check your health.", "You usually have these a few days before your operation."],
     "When will I have the tests?"),
    # "This" resolved from the sentences before: what happens while one is not in hospital.
    (["The remaining liver can grow bigger and work as before.", "This takes about 4 to 6 weeks.",
      "You do not need to be in hospital while this happens."],
     "Do I need to be in hospital while waiting for the remaining liver to grow bigger?"),
    # "Do this" is the deed the sentence before said someone may do; "If not," opens a sentence.
    (["You usually have stitches that dissolve.", "If not, a nurse may need to remove your stitches after 10 days.",
      "They can do this in your own home."],
     "Can they remove my stitches in my own home?"),
    (["If not, a nurse may need to remove your stitches after 10 days."], "When will a nurse need to remove my stitches?"),
    # Only a few can: asked whether everyone can, and how many.
    (["Only a small number of people can have surgery for secondary liver cancer."], "Can everyone have surgery?"),
    (["Only a small number of people can have surgery for secondary liver cancer."],
     "How many people can have surgery for secondary liver cancer?"),
    (["Only a small number of people can have surgery for secondary liver cancer."], "Do they operate on everyone?"),
    (["This operation is called a liver resection."], "What is the operation called?"),
    (["Liver resection is most commonly used to remove tumours."], "What is liver resection used for?"),
    (["Liver resection is a major operation.", "It is done by a specialist liver surgeon."],
     "Who does the operation?"),
    (["Liver resection may not be possible if: the cancer has spread; the liver is not healthy."],
     "When is liver resection not possible?"),
    # An instruction with its condition first, as well as after.
    (["If you think you might need help when you go home, tell the nurses as soon as possible."],
     "Who do I tell if I think I might need help when I go home?"),
    (["Tell your doctor if you have pain."], "Who do I tell if I have pain?"),
    # Taking longer than others: asked as the worried comparison, "slower than other people".
    (["Some people take longer than others to recover."], "Why am I slower to recover than other people?"),
    # "Talk to your X about whether Y": who to ask whether Y.
    (["Talk to your cancer doctor about whether surgery may be helpful for you."],
     "Who do I ask whether surgery may be helpful for me?"),
    # A time of day answers "what time", and "be admitted" said plainly is "go into hospital".
    (["You will usually be admitted to hospital on the morning of your operation."],
     "What time will I be admitted to hospital on the day?"),
    (["You will usually be admitted to hospital on the morning of your operation."],
     "When will I go into hospital?"),
])
def test_asks_from_sentences(sentences: list[str], question: str) -> None:
    assert question in derive_asks("Topic", sentences)


def test_what_goes_on_after_going_home_is_asked_as_once_home() -> None:
    sentence = ["You will need painkillers for a few weeks after surgery."]
    assert "Will I still need painkillers once I am home?" in derive_asks("Going home", sentence)
    assert "How long will I need painkillers at home?" in derive_asks("Going home", sentence)
    # Only in a section about going home: in "Pain" the same sentence is about the weeks after surgery.
    assert not any("home" in ask for ask in derive_asks("Pain", sentence))


def test_no_lay_variant_says_be_go_into() -> None:
    asks = derive_asks("Before your operation", ["You will be admitted to hospital the day before."])
    assert not any("be go into" in ask for ask in asks)


def test_each_example_of_a_thing_to_avoid_gets_its_question() -> None:
    asks = derive_asks("Avoid heavy lifting", ["You need to avoid lifting heavy loads, such as shopping or laundry.",
                                               "Avoid activities such as vacuuming, ironing and gardening."])
    for item in ("shopping", "laundry", "vacuuming", "ironing", "gardening"):
        assert f"When can I do the {item} again?" in asks
    assert not any("such as" in a and a.startswith("When can I do the") for a in asks)


def test_most_people_can_is_not_asked_as_only_a_few() -> None:
    assert not any(a.startswith("Can everyone") for a in derive_asks("Going home", ["Most people can go home in 5 days."]))


def test_they_two_sentences_on_is_left_alone() -> None:
    asks = derive_asks("Your wound", ["You usually have stitches that dissolve.",
                                      "If not, a nurse may need to remove your stitches.",
                                      "They can do this in your own home."])
    assert not any("the stitches do this" in a for a in asks)


def test_this_treatment_is_the_thing_a_having_heading_names() -> None:
    asks = derive_asks("Having chemotherapy after surgery",
                       ["You usually have this treatment about 4 to 6 weeks after surgery."])
    assert "When will I have chemotherapy after surgery?" in asks


def test_everyday_variants_swap_whole_phrases_only() -> None:
    asks = derive_asks("Staged liver resection", ["This is when the liver is removed in 2 stages."])
    assert "What is staged liver operation?" in asks
    assert not any("staged the operation" in a for a in asks)
    assert "What is the operation?" in derive_asks("Liver resection", ["It removes part of the liver."])


def test_lay_terms_only_for_the_topic() -> None:
    terms = derive_terms("Catheter", "A catheter drains urine into a bag.", Counter(), 1)
    assert "pee" in terms
    # "wound" is in every section, so it is not what this one is about.
    text = ("Painkillers help with pain. Take painkillers through the pump. The pump gives a "
            "dose. Tablets, epidurals and injections also work. The pump is near your wound.")
    passing = derive_terms("Pain", text, Counter({"wound": 10}), 10)
    assert "wound" not in passing and "scar" not in passing
    assert "pain relief" in passing


def test_supplement_drinks_are_known_by_what_people_call_them() -> None:
    terms = derive_terms("Enhanced recovery", "You may be given supplement drinks before surgery. Take the "
                         "supplement drinks each day.", Counter(), 1)
    assert "milkshakes" in terms and "build-up drinks" in terms
    assert "milkshakes" not in derive_terms("Going home", "You will need painkillers.", Counter(), 1)


def test_a_thing_said_to_last_a_while_is_a_term_where_it_is_said() -> None:
    # "painkillers" is in many sections and said once here, so not a key word of this one; but this
    # one says how long they last.
    text = ("Most people go home from hospital after five days. Going home early helps recovery. Recovery "
            "is different for everyone, and hospital staff plan your discharge. The outpatient clinic checks "
            "your recovery. The clinic sees people after discharge. Staff at the clinic ask about days at home. ")
    lasting = text + "You will need painkillers for a few weeks after surgery."
    assert "painkillers" in derive_terms("Going home", lasting, Counter({"painkillers": 5}), 10)
    assert "painkillers" not in derive_terms("Going home", text + "You will need painkillers.",
                                             Counter({"painkillers": 5}), 10)


def test_the_time_words_mark_a_heading_only_when_it_names_something_else() -> None:
    text = "You are given chemotherapy to lower the risk of the cancer coming back."
    assert "after the op" in derive_terms("Chemotherapy after surgery", text, Counter(), 1)
    # "After your operation" alone: nearly every question says "after the op".
    assert "after the op" not in derive_terms("After your operation", text, Counter(), 1)


def test_each_case_of_a_timed_list_gets_its_question() -> None:
    asks = derive_asks("Going home", ["Most people can go home from hospital: 2 to 3 days after keyhole "
                                      "surgery for a smaller liver resection; 5 to 7 days after open "
                                      "surgery, where you have one large wound."])
    assert "How long will I be in hospital after keyhole surgery for a smaller liver resection?" in asks
    assert "When can I go home after open surgery?" in asks
    other = timed_item_questions(["Stitches come out: 10 days after the operation."])
    assert other == ["How long after the operation?"]
    assert timed_item_questions(["You may have: a drip; a drain."]) == []


def test_lay_terms_where_a_rare_thing_is_named_once() -> None:
    texts = ["Some hospitals run an enhanced recovery programme. It aims to shorten your stay and "
             "speed your recovery. You may be given a diet plan, exercises and supplement drinks "
             "before surgery. This is called prehabilitation.",
             "Most people can go home from hospital after five days. Your doctor will talk to you "
             "about going home. You will need painkillers for a few weeks. Recovery is different "
             "for everyone, and the clinic will check your progress at an appointment with the "
             "consultant.", "Painkillers come through a pump.",
             "Tell the nurse if the painkillers do not work.", "Rest and eat well."]
    doc_freq, lay_docs = document_frequencies(texts), lay_frequencies(texts)
    assert "prehab" in derive_terms("Enhanced recovery", texts[0], doc_freq, len(texts), lay_docs)
    # Painkillers are named in three sections: once in passing is not what this one is about.
    assert "pain relief" not in derive_terms("Going home", texts[1], doc_freq, len(texts), lay_docs)


@pytest.mark.parametrize(("text", "expected"), [
    ("For at least 8 weeks, avoid lifting.", "8 weeks"),
    ("You usually have it about 4 to 6 weeks after surgery.", "4-6 weeks"),
    ("It may take up to 3 months after a resection.", None),
    ("2 to 3 days after surgery, or 5 to 7 days after surgery.", None),
    ("Rest well.", None),
])
def test_from_surgery(text: str, expected: str | None) -> None:
    assert from_surgery(text) == expected


def test_urgent_only_when_mostly_red_flags() -> None:
    assert is_urgent("When to get help", ["Call us."])
    assert is_urgent("Infection", ["If your wound becomes hot, call the ward straight away.",
                                   "These are signs of infection."])
    routine = ["You have a dressing.", "Nurses check it.", "Stitches dissolve.",
               "A nurse removes clips.", "If it leaks, contact the hospital straight away."]
    assert not is_urgent("Your wound", routine)


def test_ids_and_metadata_guesses() -> None:
    used: set[str] = set()
    assert [unique_slug(t, used) for t in ("Pain", "Pain", "Pain!", "Élan")] == [
        "pain", "pain-2", "pain-3", "elan"]
    assert review_date("Page last reviewed: 12 March 2025.") == "12 March 2025"
    assert review_date("It has been reviewed by experts.") is None
    assert guess_publisher("Call the Macmillan Cancer Support line.") == "Macmillan Cancer Support"
    assert guess_publisher("No one said.") == "unknown publisher"


def test_build_pack_is_pure_about_the_date() -> None:
    leaflet = parse_text("Title\nIntro text here.\n", "a.txt")
    pack = build_pack(leaflet, date(2027, 1, 15))
    assert pack.notes == ("Imported automatically from a.txt on Friday 15 January 2027; "
                          "check the wording before use.",)


def test_odd_text_never_crashes() -> None:
    """Shuffled leaflet-like lines in every shape: the importer makes a pack or says why."""
    rng = random.Random(7)
    words = ("You will The surgeon They usually It may take This is called a catheter (PCA) "
             "- -  : ; , . ? 8 weeks 0808 808 00 00 e.g. Dr. If not, Avoid lifting Going home "
             "There is Tell your nurse if Do not drink alcohol for at least 2 to 3 days after "
             "surgery The main advantage of this operation is that people have").split(" ")
    for _ in range(300):
        lines = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 14)))
                 for _ in range(rng.randint(1, 12))]
        leaflet = parse_text("\n".join(lines), "odd.txt")
        try:
            pack = build_pack(leaflet, date(2027, 1, 15))
        except ContentError:
            continue  # e.g. nothing left to speak: a clear message, not a crash
        assert all(len(s.asks) >= 2 and s.chunks for s in pack.sections)


def test_lay_words_find_the_leaflets_own() -> None:
    assert "major" in leaflet_words("is it a big operation or a small one")
    assert "catheter" in leaflet_words("how long does the bag for his waterworks stay")
    assert "admitted" in leaflet_words("do i go in the night before")
    assert "bed" in leaflet_words("will they have him up out of the bed quick or let him lie")
    assert "tests" in leaflet_words("what examinations would that entail")
    assert leaflet_words("what time is it") == []
