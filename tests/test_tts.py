"""The speaker interface and its shared behaviour, with a fake engine (real engines: test_tts_engines)."""

from __future__ import annotations

import wave
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest

from assistant.errors import SynthesisError
from assistant.tts import DEFAULT_ENGINE, ENGINES, load_speaker
from assistant.tts.base import PEAK_LEVEL, Speaker, SpeechAudio, level
from assistant.tts.lexicon import HIBARI, MEDICAL_WORDS, PIPER, SYSTEM, apply_lexicon
from assistant.tts.pyttsx3 import SystemVoice, choose_voice

RATE = 16000


class RecordingSpeaker(Speaker):
    """A fake engine: a tone whose length follows the text and the rate; records what it was given."""

    name: ClassVar[str] = "fake"

    def __init__(self) -> None:
        self.said: list[str] = []

    def synthesize(self, text: str, *, rate: float = 1.0, volume: float = 1.0) -> Iterator[SpeechAudio]:
        return self._stream(text, {"epidural": "eppidural"}, self._say, RATE, rate, volume)

    def _say(self, sentence: str, rate: float) -> np.ndarray:
        self.said.append(sentence)
        samples = int(len(sentence) * 0.06 * RATE / rate)
        return (0.2 * np.sin(np.arange(samples) * 0.05)).astype(np.float32)


def test_sentences_come_one_at_a_time_with_their_spoken_text() -> None:
    speaker = RecordingSpeaker()
    stream = speaker.synthesize("Rest for 2-3 days. Then walk a little more each day.")
    first = next(stream)
    assert first.text == "Rest for two to three days."
    assert speaker.said == ["Rest for two to three days."]  # the second is not made yet
    assert [p.text for p in stream] == ["Then walk a little more each day."]


def test_engine_gets_its_own_pronunciations_but_the_text_stays_as_written() -> None:
    speaker = RecordingSpeaker()
    (part,) = speaker.synthesize("You may have an Epidural.")
    assert speaker.said == ["You may have an eppidural."]
    assert part.text == "You may have an Epidural."


def test_slower_rate_gives_longer_audio() -> None:
    speaker = RecordingSpeaker()
    slow = next(speaker.synthesize("Take your painkillers.", rate=0.55)).samples
    normal = next(speaker.synthesize("Take your painkillers.")).samples
    assert len(slow) > 1.5 * len(normal)


def test_volume_scales_the_level() -> None:
    speaker = RecordingSpeaker()
    loud = next(speaker.synthesize("Hello.", volume=1.0)).samples
    quiet = next(speaker.synthesize("Hello.", volume=0.2)).samples
    assert float(np.max(np.abs(loud))) == pytest.approx(PEAK_LEVEL, rel=0.01)
    assert float(np.max(np.abs(quiet))) == pytest.approx(0.2 * PEAK_LEVEL, rel=0.01)


def test_level_leaves_silence_silent() -> None:
    assert not np.any(level(np.zeros(100, np.float32), 1.0))


@pytest.mark.parametrize(("rate", "volume"), [(0.5, 1.0), (1.7, 1.0), (1.0, 0.1), (1.0, 1.5)])
def test_out_of_range_rate_or_volume_is_refused_at_once(rate: float, volume: float) -> None:
    with pytest.raises(SynthesisError, match="expected"):
        RecordingSpeaker().synthesize("Hello.", rate=rate, volume=volume)


@pytest.mark.parametrize("text", ["", "   ", "👍 ✅", "***"])
def test_nothing_speakable_is_a_clear_error(text: str) -> None:
    with pytest.raises(SynthesisError, match="nothing to say"):
        RecordingSpeaker().synthesize(text)


def test_write_wav_writes_a_valid_mono_16_bit_file(tmp_path: Path) -> None:
    out = tmp_path / "reply.wav"
    seconds = RecordingSpeaker().write_wav("Call 999 now. Then sit down.", out, rate=1.2, volume=0.5)
    with wave.open(str(out)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, RATE)
        assert wav.getnframes() / RATE == pytest.approx(seconds)
    assert seconds > 1.0


def test_write_wav_to_an_impossible_path_is_a_synthesis_error(tmp_path: Path) -> None:
    with pytest.raises(SynthesisError, match="cannot write speech"):
        RecordingSpeaker().write_wav("Hello.", tmp_path / "no-such-folder" / "reply.wav")


def test_a_long_text_streams_without_making_it_all_first() -> None:
    speaker = RecordingSpeaker()
    stream = speaker.synthesize("Walk a little each day and rest when you are tired. " * 500)
    next(stream)
    assert len(speaker.said) == 1


def test_unknown_engine_names_the_choices() -> None:
    with pytest.raises(SynthesisError, match="unknown speech engine 'espeak'.*hibari, piper, pyttsx3"):
        load_speaker("espeak")


def test_engines_and_default() -> None:
    assert {"piper", "pyttsx3"} <= set(ENGINES)
    assert DEFAULT_ENGINE in ENGINES


def test_lexicons_only_cover_real_words_and_match_whole_words() -> None:
    for lexicon in (PIPER, HIBARI, SYSTEM):
        assert all(word == word.lower() for word in lexicon)
        assert any(word.rstrip("s") in MEDICAL_WORDS for word in lexicon)
    assert apply_lexicon("An Epidural, epidurals.", PIPER) == "An eppidural, eppidurals."
    assert apply_lexicon("epiduralx", PIPER) == "epiduralx"


ESPEAK_VOICES = [
    SystemVoice("gmw/en-029", "English (Caribbean)"),
    SystemVoice("gmw/en", "English (Great Britain)"),
    SystemVoice("gmw/en-gb-x-rp", "English (Received Pronunciation)"),
    SystemVoice("gmw/en-us", "English (America)"),
]


def test_system_voice_prefers_british_english() -> None:
    assert choose_voice(ESPEAK_VOICES, None) == ESPEAK_VOICES[2]
    sapi = [
        SystemVoice("HKEY...ZIRA", "Microsoft Zira Desktop - English (United States)"),
        SystemVoice("HKEY...HAZEL", "Microsoft Hazel Desktop - English (Great Britain)"),
    ]
    assert choose_voice(sapi, None) == sapi[1]
    assert choose_voice([SystemVoice("x", "Klingon")], None) is None


def test_system_voice_by_id_name_or_id_ending() -> None:
    assert choose_voice(ESPEAK_VOICES, "gmw/en-us") == ESPEAK_VOICES[3]
    assert choose_voice(ESPEAK_VOICES, "english (caribbean)") == ESPEAK_VOICES[0]
    assert choose_voice(ESPEAK_VOICES, "en-gb-x-rp") == ESPEAK_VOICES[2]
    with pytest.raises(SynthesisError, match="unknown system voice 'welsh'.*English \\(Great Britain\\)"):
        choose_voice(ESPEAK_VOICES, "welsh")
