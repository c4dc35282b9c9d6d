"""The live assistant's sound devices: a microphone that comes back, and speech out that can stop.

Both keep running when a device vanishes: they say so once, retry with back-off, and say once
more when it works again. PortAudio lists devices only when it starts, so before a retry it is
restarted, but only while no stream is open (restarting would break a working one).
"""

from __future__ import annotations

import ctypes
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from assistant.audio import level_dbfs
from assistant.earcons import earcon
from assistant.errors import AssistantError, AudioError
from assistant.playback import Player, StreamOpener, open_device_stream
from assistant.settings import Settings

_LOGGER = logging.getLogger(__name__)

BACK_OFF_SECONDS = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)
"""Waits between attempts to re-open a vanished device; the last repeats."""
STALL_SECONDS = 2.0
"""A microphone that delivers nothing for this long has gone."""
MIC_ADVICE = "check that it is plugged in and switched on, and that no other program is using it"

SPEAKER_ADVICE = (
    "check that speakers or headphones are connected and switched on, and that the "
    "sound system (PulseAudio or PipeWire) is running."
)

_PORTAUDIO = threading.Lock()
_ALSA_HANDLER = ctypes.CFUNCTYPE(
    None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
)
_keep_alive: list[object] = []
_streams = {"input": False, "output": False}


def quiet_alsa_messages() -> None:
    """Stop the ALSA library printing "underrun occurred" and similar lines over the captions."""
    import ctypes.util

    name = ctypes.util.find_library("asound")
    if name is None:
        return
    try:
        library = ctypes.CDLL(name)
        handler = _ALSA_HANDLER(lambda *args: None)
        library.snd_lib_error_set_handler(handler)
    except (OSError, AttributeError) as err:
        _LOGGER.debug("ALSA messages stay on: %s", err)
        return
    _keep_alive.append(handler)  # ALSA keeps the pointer: it must outlive this function


def back_off(failures: int) -> float:
    """Seconds to wait after ``failures`` failed attempts in a row (at least one)."""
    return BACK_OFF_SECONDS[min(max(failures, 1), len(BACK_OFF_SECONDS)) - 1]


def restart_portaudio() -> None:
    """Make PortAudio list devices afresh, if no stream is open (else leave it alone)."""
    with _PORTAUDIO:
        if any(_streams.values()):
            return
        try:
            import sounddevice as sd

            sd._terminate()
            sd._initialize()
        except (OSError, AttributeError) as err:  # private API: never fatal
            _LOGGER.debug("could not restart PortAudio: %s", err)


class Microphone:
    """Streams ~100 ms chunks to ``on_chunk``; reports ``on_change(available, detail)``."""

    def __init__(
        self,
        on_chunk: Callable[[np.ndarray], None],
        on_change: Callable[[bool, str], None],
        *,
        sample_rate: int = 16000,
        chunk_ms: int = 100,
        device: int | str | None = None,
    ) -> None:
        self._on_chunk = on_chunk
        self._on_change = on_change
        self.sample_rate = sample_rate
        self._frames = max(1, sample_rate * chunk_ms // 1000)
        self._device = device
        self._stream: Any = None
        self._last_chunk = 0.0
        self._closing = threading.Event()
        self._warned = False
        self._chunks = 0

    def open(self) -> str | None:
        """Start recording; None if it works, else what to tell the patient."""
        try:
            import sounddevice as sd

            with _PORTAUDIO:
                stream = sd.InputStream(
                    samplerate=self.sample_rate,
                    channels=1,
                    dtype="float32",
                    blocksize=self._frames,
                    device=self._device,
                    callback=self._callback,
                )
                stream.start()
                _streams["input"] = True
        except Exception as err:  # PortAudioError, or OSError without the PortAudio library
            # Said once; the retries every few seconds would otherwise fill the terminal.
            log = _LOGGER.debug if self._warned else _LOGGER.warning
            self._warned = True
            log("microphone (device %s): %s", self._device or "default", err)
            return f"no microphone was found; {MIC_ADVICE}."
        self._stream = stream
        self._last_chunk = time.monotonic()
        self._warned = False
        return None

    def _callback(self, indata: np.ndarray, frames: int, timing: Any, status: Any) -> None:
        self._last_chunk = time.monotonic()
        chunk = np.array(indata[:, 0], dtype=np.float32)
        self._chunks += 1
        if self._chunks % 50 == 0 and _LOGGER.isEnabledFor(logging.DEBUG):
            _LOGGER.debug("microphone: %d chunks, now %.1f dBFS", self._chunks, level_dbfs(chunk))
        self._on_chunk(chunk)

    def watch(self) -> None:
        """Start the thread that notices a vanished microphone and brings it back."""
        threading.Thread(target=self._watch, name="microphone", daemon=True).start()

    def _watch(self) -> None:
        failures = 0
        while not self._closing.wait(0.5 if self._stream is not None else back_off(failures)):
            if self._stream is not None:
                if time.monotonic() - self._last_chunk > STALL_SECONDS or not self._stream.active:
                    _LOGGER.warning("the microphone stopped delivering sound")
                    self._close_stream()
                    failures = 0
                    self._on_change(False, f"the microphone stopped working; {MIC_ADVICE}.")
                continue
            if failures:
                restart_portaudio()
            if self.open() is None:
                failures = 0
                self._on_change(True, "")
            else:
                failures += 1

    def _close_stream(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.abort()
                stream.close()
            except Exception as err:  # the device is already gone
                _LOGGER.debug("closing the microphone: %s", err)
        _streams["input"] = False

    def close(self) -> None:
        """Stop recording and the watch thread."""
        self._closing.set()
        self._close_stream()


def _device_opener() -> StreamOpener:
    def opener(rate: int) -> Any:
        with _PORTAUDIO:
            return open_device_stream()(rate)

    return opener


class SoundOut:
    """Plays earcons and speech one after another on its own thread; ``stop()`` ends speech at once."""

    def __init__(
        self,
        speaker: Any,
        settings: Callable[[], Settings],
        on_spoken: Callable[[bool], None],
        tell: Callable[[str], None],
        player: Player | None = None,
    ) -> None:
        self._speaker = speaker
        self._settings = settings
        self._on_spoken = on_spoken
        self._tell = tell
        self._player = player or Player(_device_opener())
        self._jobs: queue.Queue[tuple[int, str, str | None, str | None] | None] = queue.Queue()
        self._generation = 0
        self._failures = 0
        self._retry_at = 0.0
        self._idle = threading.Event()
        self._idle.set()
        self._thread = threading.Thread(target=self._run, name="sound-out", daemon=True)
        self._thread.start()

    @property
    def working(self) -> bool:
        """False while the output device is missing."""
        return self._failures == 0

    def earcon(self, name: str) -> None:
        """Queue an earcon."""
        self._idle.clear()
        self._jobs.put((self._generation, "earcon", name, None))

    def say(self, text: str, earcon_name: str | None = None) -> None:
        """Queue words (after an optional earcon); ``on_spoken`` follows exactly once."""
        self._idle.clear()
        self._jobs.put((self._generation, "say", earcon_name, text))

    def stop(self) -> None:
        """Stop what is playing and drop what is queued (their ``on_spoken`` say not completed)."""
        self._generation += 1
        self._player.stop()

    def stop_if_speaking(self) -> None:
        """Stop speech if any is playing (safe from any thread)."""
        if self._player.playing:
            self.stop()

    def wait_until_quiet(self, timeout: float = 600.0) -> None:
        """Block until everything queued has been played (or dropped)."""
        self._idle.wait(timeout)

    def close(self) -> None:
        """Stop playing and end the thread."""
        self.stop()
        self._jobs.put(None)

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            generation, kind, name, text = job
            completed = generation == self._generation and self._play(generation, name, text)
            if kind == "say":
                self._on_spoken(completed)
            if self._jobs.empty():
                self._idle.set()

    def _play(self, generation: int, earcon_name: str | None, text: str | None) -> bool:
        """Play one job; True if played to the end. A missing device is told once, then retried."""
        if self._failures and time.monotonic() < self._retry_at:
            return True  # nothing can be heard; the caption has been shown
        if self._failures:
            restart_portaudio()
        settings = self._settings()
        try:
            _streams["output"] = True
            done = self._player.play_all(
                _prefetched(self._sounds(earcon_name, text, settings), lambda: generation == self._generation)
            )
        except AssistantError as err:
            return self._failed(err)
        finally:
            _streams["output"] = False
        if self._failures:
            self._failures = 0
            self._tell("Sound is working again.")
        return done and generation == self._generation

    def _failed(self, err: AssistantError) -> bool:
        if isinstance(err, AudioError):
            self._failures += 1
            self._retry_at = time.monotonic() + back_off(self._failures)
            if self._failures == 1:
                _LOGGER.warning("sound output: %s", err)
                self._tell(
                    f"No sound: {SPEAKER_ADVICE} Answers are shown on the screen until it works again."
                )
        else:
            _LOGGER.warning("could not speak: %s", err)
        return True

    def _sounds(
        self, earcon_name: str | None, text: str | None, settings: Settings
    ) -> Iterator[tuple[np.ndarray, int]]:
        if earcon_name:
            samples, rate = earcon(earcon_name)
            yield samples * np.float32(settings.volume), rate
        if text:
            for part in self._speaker.synthesize(text, rate=settings.rate, volume=settings.volume):
                yield part.samples, part.sample_rate


def _prefetched(
    sounds: Iterator[tuple[np.ndarray, int]], current: Callable[[], bool], depth: int = 2
) -> Iterator[tuple[np.ndarray, int]]:
    """Synthesise the next sentences while this one plays, so there is no gap between them."""
    ready: queue.Queue[tuple[np.ndarray, int] | BaseException | None] = queue.Queue(maxsize=depth)

    def produce() -> None:
        try:
            for sound in sounds:
                if not _offer(ready, sound, current):
                    return
            _offer(ready, None, current)
        except BaseException as err:  # handed to the player's thread, which raises it
            _offer(ready, err, current)

    threading.Thread(target=produce, name="synthesis", daemon=True).start()
    while True:
        try:
            item = ready.get(timeout=0.05)
        except queue.Empty:
            if not current():
                return  # stopped: the producer may have given up without a last item
            continue
        if item is None or not current():
            return
        if isinstance(item, BaseException):
            raise item
        yield item


def _offer(ready: queue.Queue[Any], item: Any, current: Callable[[], bool]) -> bool:
    """Put ``item`` when there is room; False (dropped) once the speech was stopped."""
    while current():
        try:
            ready.put(item, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False
