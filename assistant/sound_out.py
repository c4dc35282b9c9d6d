"""Speech out for the live loop: earcons and answers played one after another, stopped at once.

Sentences are synthesised one ahead of the one playing, so there is no gap between them. A
missing output device is told once (the captions still show every answer), retried with
back-off, and told once more when it works again.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.devices import PORTAUDIO_LOCK, back_off, mark_stream, restart_portaudio
from assistant.earcons import earcon
from assistant.errors import AssistantError, AudioError
from assistant.playback import Player, StreamOpener, open_device_stream
from assistant.settings import Settings

_LOGGER = logging.getLogger(__name__)

LEAD_IN_KEPT_MS = 40
"""Engines start each sentence with ~0.3 s of silence; before the first one it only delays the answer."""
SILENCE_LEVEL = 0.01
"""-40 dBFS: quieter samples at the start of an answer are silence."""

SPEAKER_ADVICE = (
    "check that speakers or headphones are connected and switched on, and that the "
    "sound system (PulseAudio or PipeWire) is running."
)


def _device_opener() -> StreamOpener:
    def opener(rate: int) -> Any:
        with PORTAUDIO_LOCK:
            return open_device_stream()(rate)

    return opener


@dataclass
class _Job:
    """One earcon or answer waiting to be played; its sounds are being made already."""

    generation: int
    says: bool
    """True for words (``on_spoken`` follows), False for an earcon alone."""
    done: threading.Event
    sounds: Iterator[tuple[np.ndarray, int]] = iter(())
    queued: float = 0.0
    """``time.perf_counter()`` when it was queued."""


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
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
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
        self._queue(False, name, None)

    def say(self, text: str, earcon_name: str | None = None) -> None:
        """Queue words (after an optional earcon); ``on_spoken`` follows exactly once.

        Synthesis begins now, while whatever is queued before it plays.
        """
        self._queue(True, earcon_name, text)

    def _queue(self, says: bool, earcon_name: str | None, text: str | None) -> None:
        self._idle.clear()
        job = _Job(self._generation, says, threading.Event(), queued=time.perf_counter())
        current = lambda: job.generation == self._generation and not job.done.is_set()  # noqa: E731
        job.sounds = _prefetched(self._sounds(earcon_name, text, self._settings()), current)
        self._jobs.put(job)

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
            completed = False
            try:
                completed = job.generation == self._generation and self._play(job)
            except Exception:  # a bug here must not leave the loop waiting for speech to end
                _LOGGER.exception("speech output failed")
            finally:
                job.done.set()  # lets its synthesis thread end, played or not
            if job.says:
                self._on_spoken(completed)
            if self._jobs.empty():
                self._idle.set()

    def _play(self, job: _Job) -> bool:
        """Play one job; True if played to the end. A missing device is told once, then retried."""
        if self._failures and time.monotonic() < self._retry_at:
            return True  # nothing can be heard; the caption has been shown
        if self._failures:
            restart_portaudio()
        try:
            mark_stream("output", True)
            done = self._player.play_all(_logged_first(job.sounds, job.queued))
        except AssistantError as err:
            return self._failed(err)
        finally:
            mark_stream("output", False)
        if self._failures:
            self._failures = 0
            self._tell("Sound is working again.")
        return done and job.generation == self._generation

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
            parts = self._speaker.synthesize(text, rate=settings.rate, volume=settings.volume)
            for index, part in enumerate(parts):
                samples = trim_lead_in(part.samples, part.sample_rate) if index == 0 else part.samples
                yield samples, part.sample_rate


def trim_lead_in(samples: np.ndarray, rate: int, keep_ms: int = LEAD_IN_KEPT_MS) -> np.ndarray:
    """The samples without the engine's leading silence (a short natural gap is kept)."""
    loud = np.flatnonzero(np.abs(samples) > SILENCE_LEVEL)
    if not len(loud):
        return samples
    return samples[max(0, int(loud[0]) - rate * keep_ms // 1000):]


def _logged_first(sounds: Iterator[tuple[np.ndarray, int]], queued: float
                  ) -> Iterator[tuple[np.ndarray, int]]:
    """The same sounds; logs (debug) how long the first one took to be ready after queueing."""
    for index, sound in enumerate(sounds):
        if index == 0:
            _LOGGER.debug("first sound ready %.0f ms after it was queued", 1000 * (time.perf_counter() - queued))
        yield sound


def _prefetched(
    sounds: Iterator[tuple[np.ndarray, int]], current: Callable[[], bool], depth: int = 2
) -> Iterator[tuple[np.ndarray, int]]:
    """Synthesise the next sentences while this one plays, so there is no gap between them.

    Synthesis starts at once, not at the first ``next``: the first sentence is made while an
    earlier sound (the "heard" earcon) still plays.
    """
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
    return _consume(ready, current)


def _consume(ready: queue.Queue[Any], current: Callable[[], bool]) -> Iterator[tuple[np.ndarray, int]]:
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
