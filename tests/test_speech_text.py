"""Written answers become words a person would say: numbers, phone numbers, units, ranges, dates."""

import pytest

from assistant.speech_text import (
    MAX_SENTENCE_CHARS,
    number_words,
    ordinal_words,
    phone_number_words,
    speakable,
    speech_sentences,
    split_sentences,
    year_words,
)


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "zero"),
        (7, "seven"),
        (15, "fifteen"),
        (24, "twenty-four"),
        (100, "one hundred"),
        (105, "one hundred and five"),
        (999, "nine hundred and ninety-nine"),
        (1500, "one thousand five hundred"),
        (2001, "two thousand and one"),
        (1_000_000, "one million"),
        (-3, "minus three"),
    ],
)
def test_number_words_are_british(number: int, words: str) -> None:
    assert number_words(number) == words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (1, "first"),
        (2, "second"),
        (3, "third"),
        (12, "twelfth"),
        (20, "twentieth"),
        (21, "twenty-first"),
        (31, "thirty-first"),
        (100, "one hundredth"),
    ],
)
def test_ordinal_words(number: int, words: str) -> None:
    assert ordinal_words(number) == words


@pytest.mark.parametrize(
    ("year", "words"),
    [
        (2027, "twenty twenty-seven"),
        (2005, "two thousand and five"),
        (1998, "nineteen ninety-eight"),
        (1900, "nineteen hundred"),
        (2000, "two thousand"),
        (1905, "nineteen oh five"),
    ],
)
def test_year_words(year: int, words: str) -> None:
    assert year_words(year) == words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        ("0808 808 00 00", "oh eight oh eight, eight oh eight, double oh, double oh"),
        ("020 7188 7188", "oh two oh, seven one double eight, seven one double eight"),
        ("0113 206 4444", "oh double one three, two oh six, double four double four"),
        ("0300 123 1022", "oh three double oh, one two three, one oh double two"),
    ],
)
def test_phone_numbers_read_in_groups_with_double(number: str, words: str) -> None:
    assert phone_number_words(number) == words


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "Call 0808 808 00 00 for free.",
            "Call oh eight oh eight, eight oh eight, double oh, double oh, for free.",
        ),
        ("Call 999 now.", "Call nine nine nine now."),
        ("Phone NHS 111.", "Phone N H S one one one."),
        ("The cuts are 5mm long.", "The cuts are five millimetres long."),
        ("A cut of 1 cm.", "A cut of one centimetre."),
        ("Take 500mg twice.", "Take five hundred milligrams twice."),
        (
            "Drink 1.5 litres or 1500 ml.",
            "Drink one point five litres or one thousand five hundred millilitres.",
        ),
        ("Within 24 hours.", "Within twenty-four hours."),
        ("Most stay 2 to 3 days.", "Most stay two to three days."),
        ("It takes 4-6 weeks.", "It takes four to six weeks."),
        ("It takes 4–6 weeks.", "It takes four to six weeks."),
        ("A 24-hour line.", "A twenty-four-hour line."),
        ("A temperature of 38°C or more.", "A temperature of thirty-eight degrees Celsius or more."),
        ("Above 37.5 degrees C.", "Above thirty-seven point five degrees Celsius."),
        ("About 50% of people.", "About fifty per cent of people."),
        ("Take 0.5 mg.", "Take nought point five milligrams."),
        ("It costs £5.50.", "It costs five pounds fifty."),
        ("Open 8am to 8pm.", "Open eight o'clock in the morning to eight o'clock in the evening."),
        ("Come at 9:30am.", "Come at nine thirty in the morning."),
        ("Come at 14:05.", "Come at two oh five in the afternoon."),
        ("On 15/01/2027.", "On the fifteenth of January twenty twenty-seven."),
        ("Friday 15 January 2027", "Friday the fifteenth of January twenty twenty-seven"),
        ("On 3rd March.", "On the third of March."),
        ("Due 2027-03-28.", "Due the twenty-eighth of March twenty twenty-seven."),
        ("Take it 3x a day.", "Take it three times a day."),
        ("Your 2nd visit.", "Your second visit."),
        ("About 1,500 people.", "About one thousand five hundred people."),
        ("See your GP, e.g. Dr Smith.", "See your G P, for example Doctor Smith."),
        ("Go to A&E.", "Go to A and E."),
        ("Wear TED stockings after PVE.", "Wear T E D stockings after P V E."),
        ("Visit macmillan.org.uk for help.", "Visit macmillan dot org dot uk for help."),
        ("Well done 👍 ✅!", "Well done!"),
        ("Tea & toast", "Tea and toast"),
        ("Walk/rest", "Walk or rest"),
        ("Take ½ a tablet for 1½ hours.", "Take half a tablet for one and a half hours."),
        (
            "Eat 3/4 of it, not 1/2/2027.",
            "Eat three quarters of it, not the first of February twenty twenty-seven.",
        ),
    ],
)
def test_speakable_reads_as_a_british_person_would(written: str, spoken: str) -> None:
    assert speakable(written) == spoken


def test_words_without_numbers_are_left_alone() -> None:
    text = "You may have a nasogastric tube and an epidural after your laparoscopic resection."
    assert speakable(text) == text


def test_sentences_split_at_ends_and_line_breaks() -> None:
    assert split_sentences("One. Two? Three!\nFour") == ["One.", "Two?", "Three!", "Four"]


def test_long_sentences_are_cut_at_commas_then_words() -> None:
    clause = "rest when you need to and walk a little more each day"
    long = ", ".join([clause] * 10) + "."
    pieces = split_sentences(long)
    assert len(pieces) > 1
    assert all(len(p) <= MAX_SENTENCE_CHARS for p in pieces)
    assert " ".join(pieces).split() == long.split()


def test_text_without_punctuation_is_cut_between_words() -> None:
    pieces = split_sentences("word " * 2000)
    assert all(0 < len(p) <= MAX_SENTENCE_CHARS for p in pieces)
    assert sum(len(p.split()) for p in pieces) == 2000


def test_symbols_only_give_no_sentences() -> None:
    assert speech_sentences("👍 ✅ *** ---") == []


def test_decimal_points_do_not_end_sentences() -> None:
    assert speech_sentences("Drink 1.5 litres a day. Then rest.") == [
        "Drink one point five litres a day.",
        "Then rest.",
    ]


def test_quotation_marks_go_but_apostrophes_stay() -> None:
    assert speakable("Say 'more' to hear “more”. Don't ring Macmillan's line.") == (
        "Say more to hear more. Don't ring Macmillan's line."
    )
