"""Audio in: recordings and the microphone as one stream of short float32 mono chunks.

A recording and a live microphone differ only in their source: both yield ~100 ms chunks at
the recogniser's rate, and a pure ``SpeechSegmenter`` decides where a spoken question ends.
"""

from __future__ import annotations

import logging
import math
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import numpy as np
import soxr

from assistant.errors import AudioError

_LOGGER = logging.getLogger(__name__)

DEFAULT_RATE = 16000
DEFAULT_CHUNK_MS = 100
ACCEPTED = "a WAV, FLAC, OGG or MP3 recording"
_READ_BLOCK_SECONDS = 1.0


@dataclass(frozen=True)
class AudioClip:
    """A whole recording, converted to float32 mono at ``sample_rate``."""

    samples: np.ndarray
    sample_rate: int
    source_rate: int
    """Sample rate of the file before conversion."""
    channels: int
    """Channel count of the file before mixing down."""
    path: Path | None = None

    @property
    def seconds(self) -> float:
        """Length in seconds."""
        return len(self.samples) / self.sample_rate


def _check_path(path: Path) -> None:
    if not path.exists():
        raise AudioError(f"recording '{path}' not found: expected {ACCEPTED}")
    if path.is_dir():
        raise AudioError(f"'{path}' is a folder: expected {ACCEPTED}")
    if path.stat().st_size == 0:
        raise AudioError(f"recording '{path}' is empty: expected {ACCEPTED}")


def _soundfile_blocks(path: Path) -> tuple[int, int, Iterator[np.ndarray]] | None:
    """Open with libsndfile; None when it does not recognise the file."""
    import soundfile as sf

    try:
        info = sf.info(str(path))
    except (sf.LibsndfileError, RuntimeError, TypeError) as err:
        _LOGGER.debug("soundfile cannot open %s: %s", path, err)
        return None
    if info.samplerate <= 0 or info.channels <= 0:
        return None
    blocksize = int(info.samplerate * _READ_BLOCK_SECONDS)

    def blocks() -> Iterator[np.ndarray]:
        try:
            yield from sf.blocks(str(path), blocksize=blocksize, dtype="float32", always_2d=True)
        except (sf.LibsndfileError, RuntimeError) as err:
            raise AudioError(f"recording '{path}' is damaged ({err}): expected {ACCEPTED}") from err

    return info.samplerate, info.channels, blocks()


def _pyav_blocks(path: Path) -> tuple[int, int, Iterator[np.ndarray]]:
    """Open with PyAV (FFmpeg) for what libsndfile cannot read, such as some MP3 or M4A."""
    try:
        import av

        container = av.open(str(path))
        stream = container.streams.audio[0]
        rate, channels = int(stream.rate), int(stream.channels)
    except Exception as err:  # PyAV raises many unrelated types for a bad file
        raise AudioError(f"cannot read '{path}': expected {ACCEPTED}") from err
    if rate <= 0 or channels <= 0:
        raise AudioError(f"cannot read '{path}': no audio in it; expected {ACCEPTED}")
    resampler = av.AudioResampler(format="fltp", layout=stream.layout, rate=rate)

    def blocks() -> Iterator[np.ndarray]:
        try:
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    yield out.to_ndarray().T.astype(np.float32)
        except Exception as err:
            raise AudioError(f"recording '{path}' is damaged: expected {ACCEPTED}") from err
        finally:
            container.close()

    return rate, channels, blocks()


def _to_mono(block: np.ndarray) -> np.ndarray:
    if block.ndim == 1:
        return block.astype(np.float32, copy=False)
    return block.mean(axis=1, dtype=np.float32)


def _file_samples(path: Path, sample_rate: int) -> tuple[int, int, Iterator[np.ndarray]]:
    """Source rate, channels and an iterator of converted mono blocks, decoded as it goes."""
    _check_path(path)
    opened = _soundfile_blocks(path) or _pyav_blocks(path)
    source_rate, channels, blocks = opened

    def converted() -> Iterator[np.ndarray]:
        resampler = None
        if source_rate != sample_rate:
            resampler = soxr.ResampleStream(source_rate, sample_rate, 1, dtype="float32")
        for block in blocks:
            mono = _to_mono(block)
            if resampler is not None:
                mono = resampler.resample_chunk(mono)
            if len(mono):
                yield mono
        if resampler is not None:
            tail = resampler.resample_chunk(np.zeros(0, dtype=np.float32), last=True)
            if len(tail):
                yield tail

    return source_rate, channels, converted()


def _rechunk(blocks: Iterable[np.ndarray], size: int) -> Iterator[np.ndarray]:
    """Cut a stream of blocks into equal chunks of ``size`` samples (the last may be short)."""
    pending = np.zeros(0, dtype=np.float32)
    for block in blocks:
        pending = np.concatenate([pending, block]) if len(pending) else block
        while len(pending) >= size:
            yield np.clip(pending[:size], -1.0, 1.0).astype(np.float32, copy=False)
            pending = pending[size:]
    if len(pending):
        yield np.clip(pending, -1.0, 1.0).astype(np.float32, copy=False)


def _paced(chunks: Iterable[np.ndarray], sample_rate: int) -> Iterator[np.ndarray]:
    """Release each chunk when a microphone would have delivered it."""
    start = time.monotonic()
    fed = 0
    for chunk in chunks:
        fed += len(chunk)
        delay = start + fed / sample_rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        yield chunk


def file_chunks(
    path: str | Path,
    sample_rate: int = DEFAULT_RATE,
    chunk_ms: int = DEFAULT_CHUNK_MS,
    realtime: bool = False,
) -> Iterator[np.ndarray]:
    """Stream a recording as microphone-like chunks without holding the whole file.

    Raises:
        AudioError: the file is missing, empty, a folder or not a readable recording.
    """
    _, _, blocks = _file_samples(Path(path), sample_rate)
    chunks = _rechunk(blocks, max(1, sample_rate * chunk_ms // 1000))
    return _paced(chunks, sample_rate) if realtime else chunks


def read_audio(path: str | Path, sample_rate: int = DEFAULT_RATE) -> AudioClip:
    """Read a whole recording as float32 mono at ``sample_rate``.

    Raises:
        AudioError: the file is missing, empty, a folder or not a readable recording.
    """
    path = Path(path)
    source_rate, channels, blocks = _file_samples(path, sample_rate)
    parts = list(blocks)
    samples = np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)
    if not len(samples):
        raise AudioError(f"recording '{path}' has no sound in it: expected {ACCEPTED}")
    return AudioClip(np.clip(samples, -1.0, 1.0).astype(np.float32), sample_rate, source_rate, channels, path)


def clip_chunks(
    clip: AudioClip, chunk_ms: int = DEFAULT_CHUNK_MS, realtime: bool = False
) -> Iterator[np.ndarray]:
    """Yield a clip as the same chunks a microphone would, optionally at real-time pace."""
    chunks = _rechunk([clip.samples], max(1, clip.sample_rate * chunk_ms // 1000))
    return _paced(chunks, clip.sample_rate) if realtime else chunks


def microphone_chunks(
    sample_rate: int = DEFAULT_RATE, chunk_ms: int = DEFAULT_CHUNK_MS, device: int | str | None = None
) -> Iterator[np.ndarray]:
    """Yield live microphone chunks until the caller stops iterating.

    Raises:
        AudioError: no audio system or no microphone; the message says what to check.
    """
    try:
        import sounddevice as sd
    except OSError as err:
        raise AudioError(
            "no audio system: install PortAudio (Debian: libportaudio2) and check a microphone is connected"
        ) from err
    frames = max(1, sample_rate * chunk_ms // 1000)
    try:
        stream = sd.InputStream(
            samplerate=sample_rate, channels=1, dtype="float32", blocksize=frames, device=device
        )
        stream.start()
    except Exception as err:  # PortAudio reports a missing device as a bare PortAudioError
        raise AudioError(
            f"no microphone (device {device or 'default'}): check one is "
            f"connected, switched on and not used by another program ({err})"
        ) from err
    return _read_stream(stream, frames)


def _read_stream(stream: object, frames: int) -> Iterator[np.ndarray]:
    try:
        while True:
            data, overflowed = stream.read(frames)  # type: ignore[attr-defined]
            if overflowed:
                _LOGGER.debug("microphone overflow: a chunk was dropped")
            yield np.asarray(data, dtype=np.float32).reshape(-1).copy()
    finally:
        stream.stop()  # type: ignore[attr-defined]
        stream.close()  # type: ignore[attr-defined]


def level_dbfs(chunk: np.ndarray) -> float:
    """Loudness of a chunk in dB below full scale (-100 for digital silence)."""
    if not len(chunk):
        return -100.0
    rms = math.sqrt(float(np.mean(np.square(chunk, dtype=np.float64))))
    return max(-100.0, 20.0 * math.log10(rms)) if rms > 0 else -100.0


class SegmentEvent(Enum):
    """What the segmenter decided about one chunk."""

    WAITING = "waiting"
    """No speech yet; waiting as long as it takes."""
    SPEECH = "speech"
    """Inside a spoken question (pauses shorter than the end silence included)."""
    END = "end"
    """The question is over: enough trailing silence, or the longest question allowed."""


@dataclass(frozen=True)
class SegmenterConfig:
    """Tuning for slow, hesitant speakers: long pauses allowed, no time-out before speech."""

    margin_db: float = 10.0
    """How far above the background a chunk must be to count as speech."""
    min_speech_db: float = -60.0
    """Speech cannot start quieter than this (once started, only the margin counts)."""
    start_ms: int = 200
    """Speech needed (not necessarily in a row) within ``start_window_ms`` to start."""
    start_window_ms: int = 500
    end_silence_ms: int = 1200
    """Trailing silence that ends a question; pauses shorter than this are kept."""
    max_speech_ms: int = 30000
    """Longest question; bounds memory when a television talks without end."""
    floor_window_ms: int = 5000
    """Background loudness is the quietest chunk in this window (minimum statistics)."""


class SpeechSegmenter:
    """Decide, chunk by chunk, when speech starts and ends; pure, no clock, no I/O."""

    def __init__(self, sample_rate: int = DEFAULT_RATE, config: SegmenterConfig | None = None) -> None:
        self.sample_rate = sample_rate
        self.config = config or SegmenterConfig()
        self._levels: deque[tuple[float, int]] = deque()
        self._window_samples = 0
        self._recent: deque[tuple[bool, float]] = deque()
        self.in_speech = False
        self.ended = False
        self.speech_ms = 0.0
        self._silence_ms = 0.0

    def floor_db(self) -> float:
        """Background level: the quietest recent chunk (the first chunk sets it)."""
        return min((level for level, _ in self._levels), default=0.0)

    def is_speech_level(self, level: float) -> bool:
        """Whether a chunk this loud stands far enough above the background to be speech."""
        # A quiet speaker's softer syllables may fall below the start level; they must not
        # count as the silence that ends the question.
        loud_enough = self.in_speech or level >= self.config.min_speech_db
        return loud_enough and level >= self.floor_db() + self.config.margin_db

    def _remember_level(self, level: float, samples: int) -> None:
        # Minimum statistics: pauses between words bring the floor back down in speech,
        # while a fan or hum that starts with the stream becomes the floor at once.
        self._levels.append((level, samples))
        self._window_samples += samples
        window = self.config.floor_window_ms * self.sample_rate // 1000
        while self._window_samples - self._levels[0][1] >= window:
            self._window_samples -= self._levels.popleft()[1]

    def process(self, chunk: np.ndarray) -> SegmentEvent:
        """Take the next chunk; say whether we are waiting, in speech, or at the end."""
        if self.ended:
            return SegmentEvent.END
        ms = 1000.0 * len(chunk) / self.sample_rate
        level = level_dbfs(chunk)
        self._remember_level(level, len(chunk))
        speech = self.is_speech_level(level)
        return self._in_speech(speech, ms) if self.in_speech else self._waiting(speech, ms)

    @property
    def silence_ms(self) -> float:
        """Silence since the last speech chunk, once speech has started."""
        return self._silence_ms

    def _waiting(self, speech: bool, ms: float) -> SegmentEvent:
        self._recent.append((speech, ms))
        while sum(m for _, m in self._recent) > self.config.start_window_ms:
            self._recent.popleft()
        voiced = sum(m for s, m in self._recent if s)
        if voiced < self.config.start_ms:
            return SegmentEvent.WAITING
        self.in_speech = True
        self.speech_ms = voiced
        return SegmentEvent.SPEECH

    def _in_speech(self, speech: bool, ms: float) -> SegmentEvent:
        self.speech_ms += ms
        self._silence_ms = 0.0 if speech else self._silence_ms + ms
        if self._silence_ms >= self.config.end_silence_ms or self.speech_ms >= self.config.max_speech_ms:
            self.ended = True
            return SegmentEvent.END
        return SegmentEvent.SPEECH
