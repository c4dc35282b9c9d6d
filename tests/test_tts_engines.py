"""Real engines (hibari, Piper, pyttsx3 with espeak-ng) really speak, at the rate and volume asked."""

from __future__ import annotations

import ctypes.util
import sys
import wave
from itertools import islice
from pathlib import Path

import numpy as np
import pytest

from assistant.errors import SynthesisError
from assistant.tts import ENGINES, Speaker, load_speaker

pytestmark = pytest.mark.engine

SENTENCE = "Take your painkillers with food."
EXPECTED_RATE = {"hibari": 24000, "piper": 22050}


def _system_voice_missing() -> bool:
    return sys.platform.startswith("linux") and ctypes.util.find_library("espeak-ng") is None


@pytest.fixture(scope="module", params=ENGINES)
def speaker(request: pytest.FixtureRequest) -> Speaker:
    if request.param == "pyttsx3" and _system_voice_missing():
        pytest.skip("no system voice: install espeak-ng (apt-get install espeak-ng)")
    return load_speaker(request.param)


def _seconds(speaker: Speaker, text: str, **kwargs: float) -> float:
    return sum(len(p.samples) / p.sample_rate for p in speaker.synthesize(text, **kwargs))


def test_speaks_non_silent_audio_at_the_engine_rate(speaker: Speaker) -> None:
    parts = list(speaker.synthesize(SENTENCE))
    assert len(parts) == 1
    part = parts[0]
    assert part.text == SENTENCE
    assert part.samples.dtype == np.float32 and part.samples.ndim == 1
    assert part.sample_rate == EXPECTED_RATE.get(speaker.name, part.sample_rate)
    assert 1.0 < len(part.samples) / part.sample_rate < 6.0
    assert float(np.sqrt(np.mean(part.samples**2))) > 0.02


def test_slower_rate_gives_longer_audio(speaker: Speaker) -> None:
    assert _seconds(speaker, SENTENCE, rate=0.55) > 1.3 * _seconds(speaker, SENTENCE, rate=1.6)


def test_volume_scales(speaker: Speaker) -> None:
    loud = next(speaker.synthesize(SENTENCE, volume=1.0)).samples
    quiet = next(speaker.synthesize(SENTENCE, volume=0.3)).samples
    assert float(np.max(np.abs(quiet))) == pytest.approx(0.3 * float(np.max(np.abs(loud))), rel=0.05)


def test_one_part_per_sentence(speaker: Speaker) -> None:
    parts = list(speaker.synthesize("Call 0808 808 00 00. The cuts are 5mm long! Rest for 4-6 weeks?"))
    assert [p.text for p in parts] == [
        "Call oh eight oh eight, eight oh eight, double oh, double oh.",
        "The cuts are five millimetres long!",
        "Rest for four to six weeks?",
    ]


def test_write_wav_produces_a_valid_file(speaker: Speaker, tmp_path: Path) -> None:
    out = tmp_path / "say.wav"
    seconds = speaker.write_wav("Hello. Call 999 now.", out)
    with wave.open(str(out)) as wav:
        assert wav.getnchannels() == 1 and wav.getsampwidth() == 2
        assert wav.getnframes() / wav.getframerate() == pytest.approx(seconds)
    assert seconds > 1.0


def test_a_5000_word_text_starts_at_once_and_streams(speaker: Speaker) -> None:
    text = "Walk a little more each day, and rest when you feel tired. " * 455
    stream = speaker.synthesize(text)
    first_two = list(islice(stream, 2))
    stream.close()  # type: ignore[attr-defined]
    assert len(first_two) == 2


def test_medical_words_and_symbols_do_not_break_it(speaker: Speaker) -> None:
    text = (
        "A physiotherapist, the anaesthetist and a laparoscope 👍: nasogastric tube, epidural & "
        "catheter (hepatobiliary unit) — 100% safe ✅ #recovery"
    )
    assert _seconds(speaker, text) > 3.0


def test_unknown_voice_names_the_choices(speaker: Speaker) -> None:
    with pytest.raises(SynthesisError, match="unknown .*voice 'no-such-voice'"):
        load_speaker(speaker.name, "no-such-voice")


def test_missing_piper_voice_file(tmp_path: Path) -> None:
    with pytest.raises(SynthesisError, match="missing"):
        load_speaker("piper", str(tmp_path / "gone.onnx"))


def test_hibari_never_downloads_a_voice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIBARI_HOME", str(tmp_path))
    with pytest.raises(SynthesisError, match="hibari voice 'emma' is not installed"):
        load_speaker("hibari", "emma")
    assert not any(tmp_path.iterdir())
