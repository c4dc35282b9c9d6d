"""Engine choice and the shared chunk path, without loading a real engine."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from assistant.audio import microphone_chunks
from assistant.errors import AudioError, RecognitionError
from assistant.stt import (
    choose_engine,
    installed_engines,
    load_recogniser,
    transcribe_file,
)
from assistant.stt.base import MAX_LEAD_IN_MS, Recogniser, Transcript, collect_utterance

RATE = 16000


@pytest.mark.parametrize("requested, installed, expected", [
    (None, ["whisper"], "whisper"),
    (None, ["whisper", "vosk"], "vosk"),
    (None, [], "whisper"),
    ("whisper", ["whisper", "vosk"], "whisper"),
    ("vosk", ["whisper"], "vosk"),
])
def test_choose_engine(requested, installed, expected):
    assert choose_engine(requested, installed) == expected


def test_unknown_engine_names_the_choices():
    with pytest.raises(RecognitionError, match="unknown engine 'vosk2': expected one of whisper, whisper-base, vosk"):
        choose_engine("vosk2", ["whisper"])


def _fake_vosk_model(folder: Path) -> Path:
    (folder / "am").mkdir(parents=True)
    (folder / "am" / "final.mdl").write_bytes(b"x")
    (folder / "conf").mkdir()
    return folder


def test_installed_engines_sees_only_english_vosk_models(tmp_path):
    whispers = ["whisper", "whisper-base"]  # both packaged, so always there
    assert installed_engines(tmp_path) == whispers
    _fake_vosk_model(tmp_path / "vosk-model-small-ko-0.22")
    (tmp_path / "vosk-model-small-en-us-0.15").mkdir()  # empty: not a model
    assert installed_engines(tmp_path) == whispers
    _fake_vosk_model(tmp_path / "vosk-model-small-en-us-0.15" / "x").rename(
        tmp_path / "vosk-model-en-us-0.22")
    assert installed_engines(tmp_path) == [*whispers, "vosk"]
    assert installed_engines(tmp_path / "absent") == whispers


def test_vosk_without_an_english_model_says_how_to_fetch_it(tmp_path):
    with pytest.raises(RecognitionError, match="models fetch vosk-small-en-us"):
        load_recogniser("vosk", models_dir=tmp_path)


class ScriptedRecogniser(Recogniser):
    """Records the chunks it was fed and answers with a fixed text."""

    name = "scripted"

    def __init__(self) -> None:
        self.fed: list[np.ndarray] = []

    def transcribe_stream(self, chunks: Iterable[np.ndarray], *, live: bool | None = None
                          ) -> Transcript:
        utterance = collect_utterance(self._record(chunks), self.sample_rate)
        text = "hello" if utterance.speech_found else ""
        return Transcript(text, 1.0, utterance.audio_seconds, 0.0, utterance.speech_found)

    def _record(self, chunks: Iterable[np.ndarray]) -> Iterable[np.ndarray]:
        for chunk in chunks:
            self.fed.append(chunk)
            yield chunk


def _question_like(seconds_before: float = 0.5) -> np.ndarray:
    rng = np.random.default_rng(0)
    n = RATE
    voiced = 0.2 * (0.6 + 0.4 * np.sin(2 * np.pi * 4 * np.arange(n) / RATE)) * rng.standard_normal(n)
    return np.concatenate([np.zeros(int(seconds_before * RATE)), voiced,
                           np.zeros(2 * RATE)]).astype(np.float32)


def test_file_and_microphone_feed_the_recogniser_identical_chunks(tmp_path, monkeypatch):
    audio = _question_like()
    path = tmp_path / "q.wav"
    sf.write(str(path), audio, RATE, subtype="FLOAT")
    from_file = ScriptedRecogniser()
    heard_file = transcribe_file(from_file, path)

    class Stream:
        def __init__(self, **kwargs: object) -> None:
            self.pos = 0

        def start(self) -> None: ...
        def stop(self) -> None: ...
        def close(self) -> None: ...

        def read(self, frames: int) -> tuple[np.ndarray, bool]:
            part = audio[self.pos:self.pos + frames]
            self.pos += frames
            return np.pad(part, (0, frames - len(part))).reshape(-1, 1), False

    monkeypatch.setitem(sys.modules, "sounddevice", types.SimpleNamespace(InputStream=Stream))
    from_mic = ScriptedRecogniser()
    heard_mic = from_mic.transcribe_stream(microphone_chunks())  # endless: stops at end of speech
    assert heard_file.text == heard_mic.text == "hello"
    assert len(from_mic.fed) == len(from_file.fed)
    assert all(np.array_equal(a, b) for a, b in zip(from_file.fed, from_mic.fed, strict=True))


def test_ten_minutes_of_silence_ends_with_nothing_heard_and_bounded_memory():
    chunks = (np.zeros(1600, np.float32) for _ in range(6000))
    utterance = collect_utterance(chunks, RATE)
    assert not utterance.speech_found and utterance.audio_seconds == pytest.approx(600.0)
    assert len(utterance.samples) == 0


def test_lead_in_keeps_speech_that_started_before_it_was_confirmed():
    audio = _question_like(seconds_before=12.0)
    chunks = [audio[i:i + 1600] for i in range(0, len(audio), 1600)]
    utterance = collect_utterance(chunks, RATE)
    assert utterance.speech_found
    # the whole voiced second is kept, with no more than the pre-roll of silence before it
    assert RATE <= len(utterance.samples) <= RATE + RATE // 2 + 1600 + int(1.3 * RATE)
    assert MAX_LEAD_IN_MS >= 1000


def test_transcribe_file_reports_bad_input_as_audio_error(tmp_path):
    bad = tmp_path / "notes.wav"
    bad.write_text("not audio")
    with pytest.raises(AudioError, match="notes.wav"):
        transcribe_file(ScriptedRecogniser(), bad)


class _CountingWhisper:
    """Stands in for WhisperRecogniser in the early-decode bookkeeping."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def transcribe_samples(self, samples: np.ndarray) -> tuple[str, float]:
        self.calls.append(len(samples))
        return f"{len(samples)} samples", 0.9


def _feed(early, buffer, audio: np.ndarray, paced: bool) -> None:  # type: ignore[no-untyped-def]
    from assistant.audio import SegmentEvent

    for i in range(0, len(audio), 1600):
        if buffer.add(audio[i:i + 1600]) is SegmentEvent.SPEECH:
            early.consider(buffer, paced)


def test_early_decode_starts_at_a_live_pause_and_is_voided_when_speech_goes_on():
    from assistant.stt.base import UtteranceBuffer
    from assistant.stt.whisper import _EarlyDecode

    fake = _CountingWhisper()
    buffer = UtteranceBuffer(RATE)
    early = _EarlyDecode(fake)  # type: ignore[arg-type]
    question = _question_like()
    _feed(early, buffer, question[: int(2.0 * RATE)], paced=True)  # speech, then a pause
    assert early.result() is not None and len(fake.calls) == 1  # waits for the background job
    _feed(early, buffer, question[RATE // 2: int(1.5 * RATE)], paced=True)  # the speaker goes on
    assert early.result() is None
    _feed(early, buffer, np.zeros(RATE // 2, np.float32), paced=True)
    result = early.result()
    assert result is not None and len(fake.calls) == 2
    assert result[0] == f"{fake.calls[-1]} samples"


def test_no_early_decode_when_a_file_is_read_at_once():
    from assistant.stt.base import UtteranceBuffer
    from assistant.stt.whisper import _EarlyDecode

    fake = _CountingWhisper()
    buffer = UtteranceBuffer(RATE)
    early = _EarlyDecode(fake)  # type: ignore[arg-type]
    _feed(early, buffer, _question_like(), paced=False)
    assert fake.calls == [] and early.result() is None
