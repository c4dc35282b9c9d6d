"""Audio in: files of any format and rate, the microphone path, and the end-of-speech segmenter."""

from __future__ import annotations

import struct
import sys
import types
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from assistant.audio import (
    SegmenterConfig,
    SegmentEvent,
    SpeechSegmenter,
    clip_chunks,
    file_chunks,
    level_dbfs,
    microphone_chunks,
    read_audio,
)
from assistant.errors import AudioError

RATE = 16000


def tone(seconds: float, rate: int = RATE, freq: float = 440.0, amp: float = 0.3) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def dominant_frequency(samples: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(samples))
    return float(np.fft.rfftfreq(len(samples), 1 / rate)[np.argmax(spectrum)])


# --- bad input: one clear AudioError naming the file ------------------------------------

def _empty(p: Path) -> Path:
    p.write_bytes(b"")
    return p


def _truncated_header(p: Path) -> Path:
    p.write_bytes(b"RIFF" + struct.pack("<I", 36) + b"WAVEfmt ")
    return p


def _text_as_wav(p: Path) -> Path:
    p.write_text("This is not a recording, it is a shopping list: milk, eggs.\n" * 20)
    return p


def _folder(p: Path) -> Path:
    p.mkdir()
    return p


def _missing(p: Path) -> Path:
    return p


@pytest.mark.parametrize("make, words", [
    (_empty, "empty"),
    (_truncated_header, "expected a WAV"),
    (_text_as_wav, "expected a WAV"),
    (_folder, "folder"),
    (_missing, "not found"),
])
def test_bad_files_raise_one_plain_audio_error(tmp_path, make, words):
    path = make(tmp_path / "question.wav")
    with pytest.raises(AudioError, match=words) as info:
        read_audio(path)
    assert "question.wav" in str(info.value)
    with pytest.raises(AudioError):
        list(file_chunks(path))


def test_header_only_wav_has_no_sound(tmp_path):
    path = tmp_path / "blank.wav"
    sf.write(str(path), np.zeros(0, np.float32), RATE)
    with pytest.raises(AudioError):
        read_audio(path)


# --- formats, rates and channels --------------------------------------------------------

@pytest.mark.parametrize("rate, channels", [(8000, 1), (16000, 1), (22050, 1), (48000, 2)])
def test_any_rate_and_channel_count_becomes_16k_mono(tmp_path, rate, channels):
    mono = tone(1.0, rate)
    data = np.stack([mono] * channels, axis=1) if channels > 1 else mono
    path = tmp_path / f"r{rate}c{channels}.wav"
    sf.write(str(path), data, rate, subtype="PCM_16")
    clip = read_audio(path)
    assert clip.sample_rate == RATE and clip.samples.ndim == 1
    assert (clip.source_rate, clip.channels) == (rate, channels)
    assert abs(len(clip.samples) - RATE) <= 64
    assert abs(dominant_frequency(clip.samples, RATE) - 440.0) < 3.0


@pytest.mark.parametrize("suffix, fmt", [(".flac", "FLAC"), (".ogg", "OGG"), (".mp3", "MP3")])
def test_compressed_formats_are_read(tmp_path, suffix, fmt):
    path = tmp_path / f"q{suffix}"
    sf.write(str(path), tone(1.0, 44100), 44100, format=fmt)
    clip = read_audio(path)
    assert abs(clip.seconds - 1.0) < 0.1
    assert abs(dominant_frequency(clip.samples, RATE) - 440.0) < 3.0


def test_clipped_loud_audio_stays_in_range(tmp_path):
    path = tmp_path / "loud.wav"
    sf.write(str(path), np.clip(tone(0.5, amp=3.0), -1, 1), 48000, subtype="FLOAT")
    clip = read_audio(path)
    assert float(np.max(np.abs(clip.samples))) <= 1.0


# --- chunks: file and microphone share one path -----------------------------------------

def test_file_chunks_match_clip_chunks(tmp_path):
    path = tmp_path / "q.wav"
    sf.write(str(path), tone(1.25, 44100), 44100, subtype="FLOAT")
    from_file = list(file_chunks(path))
    from_clip = list(clip_chunks(read_audio(path)))
    assert [len(c) for c in from_file] == [1600] * 12 + [800]
    assert all(np.array_equal(a, b) for a, b in zip(from_file, from_clip, strict=True))
    assert all(c.dtype == np.float32 for c in from_file)


class _FakeStream:
    """Plays a fixed recording as if it were a microphone."""

    def __init__(self, audio: np.ndarray, **kwargs: object) -> None:
        self.audio, self.pos, self.kwargs, self.closed = audio, 0, kwargs, False

    def start(self) -> None:
        pass

    def read(self, frames: int) -> tuple[np.ndarray, bool]:
        part = self.audio[self.pos:self.pos + frames]
        self.pos += frames
        return np.pad(part, (0, frames - len(part))).reshape(-1, 1), False

    def stop(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True


def test_microphone_yields_the_same_chunks_as_a_recording(monkeypatch):
    audio = tone(1.0)
    streams: list[_FakeStream] = []

    def input_stream(**kwargs: object) -> _FakeStream:
        streams.append(_FakeStream(audio, **kwargs))
        return streams[-1]

    monkeypatch.setitem(sys.modules, "sounddevice", types.SimpleNamespace(InputStream=input_stream))
    mic = microphone_chunks()
    live = [next(mic) for _ in range(10)]
    mic.close()
    assert streams[0].closed and streams[0].kwargs["samplerate"] == RATE
    recorded = list(clip_chunks(read_audio_from(audio)))
    assert all(np.array_equal(a, b) for a, b in zip(live, recorded, strict=True))


def read_audio_from(samples: np.ndarray):  # type: ignore[no-untyped-def]
    from assistant.audio import AudioClip

    return AudioClip(samples, RATE, RATE, 1)


def test_no_microphone_names_what_to_check(monkeypatch):
    def no_device(**kwargs: object) -> None:
        raise RuntimeError("Error querying device -1")

    monkeypatch.setitem(sys.modules, "sounddevice", types.SimpleNamespace(InputStream=no_device))
    with pytest.raises(AudioError, match="no microphone.*connected"):
        microphone_chunks()


# --- the segmenter: pure decisions over chunks ------------------------------------------

def _events(segmenter: SpeechSegmenter, audio: np.ndarray) -> list[SegmentEvent]:
    return [segmenter.process(c) for c in clip_chunks(read_audio_from(audio))]


def _speech_like(seconds: float, rng: np.random.Generator) -> np.ndarray:
    """Noise shaped by a syllable-rate envelope: loud, with short dips like real speech."""
    n = int(seconds * RATE)
    envelope = 0.6 + 0.4 * np.sin(2 * np.pi * 4 * np.arange(n) / RATE)
    return (0.2 * envelope * rng.standard_normal(n)).astype(np.float32)


def test_level_of_silence_and_full_scale():
    assert level_dbfs(np.zeros(1600, np.float32)) == -100.0
    assert abs(level_dbfs(np.ones(1600, np.float32))) < 1e-6


def test_silence_waits_forever_without_timing_out():
    seg = SpeechSegmenter()
    chunk = np.zeros(1600, np.float32)
    assert all(seg.process(chunk) is SegmentEvent.WAITING for _ in range(6000))  # 10 minutes


def test_hesitant_pauses_do_not_end_the_question_but_a_long_silence_does():
    rng = np.random.default_rng(1)
    quiet = lambda s: (0.0005 * rng.standard_normal(int(s * RATE))).astype(np.float32)  # noqa: E731
    audio = np.concatenate([quiet(1.0), _speech_like(1.0, rng), quiet(1.0),
                            _speech_like(0.8, rng), quiet(2.0)])
    events = _events(SpeechSegmenter(), audio)
    first_speech = events.index(SegmentEvent.SPEECH)
    assert 9 <= first_speech <= 13
    end = events.index(SegmentEvent.END)
    # the 1.0 s pause after the first phrase did not end it; 1.2 s after the last phrase did
    assert end == pytest.approx(38 + 12, abs=2)
    assert events[end + 1:] == [SegmentEvent.END] * len(events[end + 1:])


def test_steady_background_noise_is_not_speech():
    rng = np.random.default_rng(2)
    hum = (0.05 * rng.standard_normal(8 * RATE)).astype(np.float32)
    events = _events(SpeechSegmenter(), hum)
    assert SegmentEvent.SPEECH not in events[15:]


def test_speech_over_background_noise_is_found():
    rng = np.random.default_rng(3)
    hum = (0.01 * rng.standard_normal(6 * RATE)).astype(np.float32)
    hum[3 * RATE:4 * RATE] += _speech_like(1.0, rng)
    events = _events(SpeechSegmenter(), hum)
    assert SegmentEvent.SPEECH in events[30:33] and SegmentEvent.END in events


def test_endless_talk_is_ended_at_the_longest_question():
    rng = np.random.default_rng(4)
    talk = np.concatenate([np.concatenate([_speech_like(0.6, rng), np.zeros(1600, np.float32)])
                           for _ in range(12)])
    seg = SpeechSegmenter(config=SegmenterConfig(max_speech_ms=5000))
    events = _events(seg, np.concatenate([np.zeros(RATE, np.float32), talk]))
    assert events.index(SegmentEvent.END) == pytest.approx(60, abs=3)


def test_speech_from_the_first_chunk_is_found_at_its_first_pause():
    rng = np.random.default_rng(5)
    audio = np.concatenate([_speech_like(1.5, rng), np.zeros(1600, np.float32),
                            _speech_like(1.0, rng), np.zeros(2 * RATE, np.float32)])
    events = _events(SpeechSegmenter(), audio)
    assert SegmentEvent.SPEECH in events[:20] and SegmentEvent.END in events


def test_a_click_does_not_start_speech():
    audio = np.zeros(2 * RATE, np.float32)
    audio[RATE:RATE + 400] = 0.8
    assert SegmentEvent.SPEECH not in _events(SpeechSegmenter(), audio)


def test_soft_syllables_after_the_start_do_not_end_the_question():
    rng = np.random.default_rng(6)
    soft = (0.001 * rng.standard_normal(int(1.5 * RATE))).astype(np.float32)  # about -60 dBFS
    audio = np.concatenate([np.zeros(RATE, np.float32), _speech_like(0.5, rng), soft,
                            np.zeros(2 * RATE, np.float32)])
    events = _events(SpeechSegmenter(), audio)
    assert events.index(SegmentEvent.END) == pytest.approx(30 + 12, abs=2)


def test_formats_libsndfile_cannot_read_go_through_pyav(tmp_path):
    av = pytest.importorskip("av", reason="PyAV comes with faster-whisper")
    from fractions import Fraction

    rate, audio = 44100, tone(1.0, 44100)
    path = tmp_path / "voice-note.m4a"
    with av.open(str(path), "w") as out:
        stream = out.add_stream("aac", rate=rate)
        stream.layout = "stereo"
        for i in range(0, len(audio), 1024):
            block = audio[i:i + 1024]
            frame = av.AudioFrame.from_ndarray(np.stack([block, block]), format="fltp",
                                               layout="stereo")
            frame.sample_rate, frame.pts, frame.time_base = rate, i, Fraction(1, rate)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    clip = read_audio(path)
    assert (clip.source_rate, clip.channels) == (rate, 2)
    assert abs(clip.seconds - 1.0) < 0.1
    assert abs(dominant_frequency(clip.samples, RATE) - 440.0) < 3.0
