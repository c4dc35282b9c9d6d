"""Play float32 audio through sounddevice in small blocks, so another thread can stop it at once.

Writing 50 ms at a time and aborting the stream on ``stop()`` drops what is queued in the device,
so speech stops within about 100 ms of a key press (the requirement is 200 ms).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any, Protocol

import numpy as np

from assistant.errors import AudioError
from assistant.tts.base import SpeechAudio

_LOGGER = logging.getLogger(__name__)

BLOCK_SECONDS = 0.05
"""Audio written per call: the longest a stop request waits before it is seen."""
_NO_DEVICE_HELP = (
    "check that speakers or headphones are connected and switched on, that the sound system "
    "(PulseAudio or PipeWire) is running, and that 'python -m sounddevice' lists an output device"
)


class OutputStream(Protocol):
    """The part of ``sounddevice.OutputStream`` the player uses (a fake in tests)."""

    def start(self) -> None:
        """Begin output."""

    def write(self, data: np.ndarray) -> Any:
        """Queue frames (shape (n, 1) float32), blocking while the device buffer is full."""

    def abort(self) -> None:
        """Stop at once, dropping queued frames."""

    def stop(self) -> None:
        """Stop after the queued frames have played."""

    def close(self) -> None:
        """Release the device."""


StreamOpener = Callable[[int], OutputStream]
"""Opens a mono float32 output stream at a sample rate."""


def open_device_stream(device: int | str | None = None) -> StreamOpener:
    """A stream opener for a sounddevice output (default: the system's default output)."""
    try:
        import sounddevice
    except OSError as err:  # sounddevice raises OSError when the PortAudio library is missing
        raise AudioError(
            f"cannot play sound: the PortAudio library is missing ({err}); install libportaudio2"
        ) from err

    def opener(rate: int) -> OutputStream:
        try:
            stream: OutputStream = sounddevice.OutputStream(
                samplerate=rate, channels=1, dtype="float32", device=device,
                # "high" latency: no underruns on a busy machine; stop() discards the queue anyway
                latency="high"
            )
        except (sounddevice.PortAudioError, ValueError) as err:
            raise AudioError(f"no usable audio output device ({err}): {_NO_DEVICE_HELP}") from err
        return stream

    return opener


class Player:
    """Plays one sound or an answer's sentences at a time; ``stop()`` from any thread ends it."""

    def __init__(self, open_stream: StreamOpener | None = None, *, block_seconds: float = BLOCK_SECONDS):
        self._open_stream = open_stream
        self._block_seconds = block_seconds
        self._stopped = threading.Event()
        self._playing = threading.Event()

    @property
    def playing(self) -> bool:
        """True while sound is being written to the device."""
        return self._playing.is_set()

    def stop(self) -> None:
        """Stop what is playing now (safe from any thread; does nothing when idle)."""
        if self._playing.is_set():
            self._stopped.set()

    def play(self, samples: np.ndarray, rate: int) -> bool:
        """Play mono float32 ``samples`` at ``rate``; True if played to the end, False if stopped."""
        return self.play_all([(samples, rate)])

    def play_speech(self, parts: Iterable[SpeechAudio]) -> bool:
        """Play an answer sentence by sentence as it is synthesised; False if stopped."""
        return self.play_all((part.samples, part.sample_rate) for part in parts)

    def play_all(self, sounds: Iterable[tuple[np.ndarray, int]]) -> bool:
        """Play sounds one after another as they arrive (e.g. sentences being synthesised).

        Returns True if all were played, False if ``stop()`` cut them short; stops pulling more.
        """
        self._stopped.clear()
        self._playing.set()
        stream: OutputStream | None = None
        stream_rate = 0
        try:
            for samples, rate in sounds:
                if self._stopped.is_set():
                    return False
                if stream is None:
                    stream, stream_rate = self._open(rate), rate
                if not self._write(stream, _resampled(samples, rate, stream_rate), stream_rate):
                    stream.abort()  # drop what the device has queued: silence now, not later
                    return False
            if stream is not None:
                stream.stop()  # lets the queued tail play out
            return not self._stopped.is_set()
        finally:
            if stream is not None:
                stream.close()
            self._playing.clear()

    def _open(self, rate: int) -> OutputStream:
        opener = self._open_stream or open_device_stream()
        self._open_stream = opener
        stream = opener(rate)
        try:
            stream.start()
        except Exception as err:  # PortAudio's own error type; the device may have just vanished
            stream.close()
            raise AudioError(f"cannot start the audio output ({err}): {_NO_DEVICE_HELP}") from err
        return stream

    def _write(self, stream: OutputStream, samples: np.ndarray, rate: int) -> bool:
        block = max(1, int(rate * self._block_seconds))
        audio = np.ascontiguousarray(samples, dtype=np.float32).reshape(-1, 1)
        for start in range(0, len(audio), block):
            if self._stopped.is_set():
                return False
            try:
                stream.write(audio[start : start + block])
            except Exception as err:  # the device vanished mid-answer
                raise AudioError(f"the audio output stopped working ({err}): {_NO_DEVICE_HELP}") from err
        return not self._stopped.is_set()


def _resampled(samples: np.ndarray, rate: int, target: int) -> np.ndarray:
    """``samples`` at ``target`` Hz: one stream per answer, even when a sound has another rate."""
    if rate == target:
        return samples
    import soxr

    return np.asarray(soxr.resample(np.asarray(samples, dtype=np.float32), rate, target), np.float32)
