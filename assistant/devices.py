"""The live assistant's microphone, which comes back when it vanishes, and what sound devices share.

A vanished device is told once, retried with back-off, and told once more when it works again
(``assistant.sound_out`` does the same for speech). PortAudio lists devices only when it starts, so before a retry it is
restarted, but only while no stream is open (restarting would break a working one).
"""

from __future__ import annotations

import ctypes
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from assistant.audio import level_dbfs

_LOGGER = logging.getLogger(__name__)

BACK_OFF_SECONDS = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)
"""Waits between attempts to re-open a vanished device; the last repeats."""
STALL_SECONDS = 2.0
"""A microphone that delivers nothing for this long has gone."""
MIC_ADVICE = "check that it is plugged in and switched on, and that no other program is using it"

PORTAUDIO_LOCK = threading.Lock()
"""Held while PortAudio opens a stream or restarts: never both at once."""
_ALSA_HANDLER = ctypes.CFUNCTYPE(
    None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
)
_keep_alive: list[object] = []
_streams = {"input": False, "output": False}


def mark_stream(kind: str, is_open: bool) -> None:
    """Record that an "input" or "output" stream is open, so PortAudio is not restarted under it."""
    _streams[kind] = is_open


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
    with PORTAUDIO_LOCK:
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

            with PORTAUDIO_LOCK:
                stream = sd.InputStream(
                    samplerate=self.sample_rate,
                    channels=1,
                    dtype="float32",
                    blocksize=self._frames,
                    device=self._device,
                    callback=self._callback,
                )
                stream.start()
                mark_stream("input", True)
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
        mark_stream("input", False)

    def close(self) -> None:
        """Stop recording and the watch thread."""
        self._closing.set()
        self._close_stream()
