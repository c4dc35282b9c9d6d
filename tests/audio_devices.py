"""A private PulseAudio with a virtual microphone and a virtual speaker, for tests without a sound card.

Devices: sink ``vspeaker`` (what programs play; ``vspeaker.monitor`` is recorded), sink
``vmic_feed`` (recordings are played into it) and source ``vmic`` (its monitor, the default
microphone). Needs the Debian packages pulseaudio, pulseaudio-utils, libasound2-plugins and
libportaudio2. Lessons built in: ``norewinds=1`` (else the first microphone data comes seconds
late); start the daemon before a program imports sounddevice; feed the microphone only once the
program is recording from it (as with a real microphone, earlier sound is lost); ``parecord``
finishes its WAV header on SIGTERM.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:
    import pytest
except ImportError:  # benchmarks/live.py uses VirtualAudio where pytest is not installed
    pytest: Any = None  # type: ignore[no-redef]

REQUIRED = ("pulseaudio", "pactl", "paplay", "parecord")
SPEAKER, MIC_FEED, MIC = "vspeaker", "vmic_feed", "vmic"


def missing_tools() -> list[str]:
    """The PulseAudio programs that are not installed."""
    return [tool for tool in REQUIRED if shutil.which(tool) is None]


def _script(run: Path, cookie: Path, socket: Path) -> str:
    # The socket comes last: a client connecting earlier would get whatever source existed then.
    return "\n".join([
        f"load-module module-null-sink sink_name={SPEAKER} rate=48000 channels=2 norewinds=1 "
        "sink_properties=device.description=VirtualSpeaker",
        f"load-module module-null-sink sink_name={MIC_FEED} rate=16000 channels=1 norewinds=1 "
        "sink_properties=device.description=VirtualMicFeed",
        f"load-module module-remap-source master={MIC_FEED}.monitor source_name={MIC} channels=1 "
        "source_properties=device.description=VirtualMic",
        f"set-default-sink {SPEAKER}",
        f"set-default-source {MIC}",
        f"load-module module-native-protocol-unix auth-anonymous=1 auth-cookie={cookie} socket={socket}",
        "",
    ])


@dataclass
class VirtualAudio:
    """A running private PulseAudio; ``env`` points a child process at it."""

    root: Path
    env: dict[str, str]
    process: subprocess.Popen[bytes]

    @classmethod
    def start(cls, root: Path) -> VirtualAudio:
        """Start the daemon under ``root`` and wait until it answers (a few tenths of a second)."""
        run = root / "run"
        (run / "xdg").mkdir(parents=True, exist_ok=True)
        (run / "home").mkdir(exist_ok=True)
        (run / "xdg").chmod(0o700)
        cookie = run / "home" / "cookie"
        cookie.write_bytes(os.urandom(256))
        socket = run / "xdg" / "pulse" / "native"
        env = {**os.environ, "XDG_RUNTIME_DIR": str(run / "xdg"),
               "PULSE_SERVER": f"unix:{socket}", "PULSE_COOKIE": str(cookie)}
        (run / "virtual.pa").write_text(_script(run, cookie, socket))
        log = open(run / "pulseaudio.log", "wb")  # noqa: SIM115 - lives as long as the daemon
        process = subprocess.Popen(
            ["pulseaudio", "-n", "-F", str(run / "virtual.pa"), "--daemonize=no",
             "--exit-idle-time=-1", "--disallow-exit=yes", "--resample-method=speex-float-5",
             "--log-target=stderr", "--log-level=notice"],
            env={**env, "HOME": str(run / "home")}, stdout=log, stderr=log)
        audio = cls(root, env, process)
        audio.wait_ready()
        return audio

    def restart(self) -> None:
        """Start the daemon again after ``stop``, at the same socket (a device coming back)."""
        started = VirtualAudio.start(self.root)
        self.env, self.process = started.env, started.process

    def pactl(self, *args: str) -> str:
        """Run pactl against this daemon; its output."""
        done = subprocess.run(["pactl", *args], env=self.env, capture_output=True, text=True,
                              timeout=10)
        return done.stdout if done.returncode == 0 else ""

    def wait_ready(self, timeout: float = 10.0) -> None:
        """Wait until the daemon answers; RuntimeError with its log if it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            if self.pactl("info"):
                return
            time.sleep(0.05)
        log = (self.root / "run" / "pulseaudio.log").read_text(errors="replace")
        raise RuntimeError(f"private PulseAudio did not start:\n{log}")

    def wait_recording(self, timeout: float = 60.0) -> bool:
        """Wait until a program records from the virtual microphone."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.pactl("list", "short", "source-outputs").strip():
                return True
            time.sleep(0.1)
        return False

    def speak_into_mic(self, wav: Path) -> None:
        """Play a recording into the virtual microphone; returns when it has been played."""
        subprocess.run(["paplay", f"--device={MIC_FEED}", str(wav)], env=self.env, check=True,
                       timeout=120)

    def record_speaker(self, wav: Path) -> subprocess.Popen[bytes]:
        """Start capturing the virtual speaker to ``wav``; stop with ``stop_recording``."""
        return subprocess.Popen(["parecord", f"--device={SPEAKER}.monitor", "--file-format=wav",
                                 "--rate=16000", "--channels=1", str(wav)], env=self.env)

    @staticmethod
    def stop_recording(recorder: subprocess.Popen[bytes]) -> None:
        """Stop a capture; parecord completes the WAV header on SIGTERM."""
        recorder.send_signal(signal.SIGTERM)
        try:
            recorder.wait(timeout=10)
        except subprocess.TimeoutExpired:
            recorder.kill()

    def stop(self) -> None:
        """Stop this daemon (only this one, by its process)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def _virtual_audio(tmp_path_factory: Any) -> Iterator[VirtualAudio]:
    """A private PulseAudio for this test module; skipped only when PulseAudio is not installed."""
    missing = missing_tools()
    if missing:
        pytest.skip(f"needs PulseAudio programs {', '.join(missing)} "
                    "(Debian: apt-get install pulseaudio pulseaudio-utils libasound2-plugins)")
    audio = VirtualAudio.start(tmp_path_factory.mktemp("pulse"))
    try:
        yield audio
    finally:
        audio.stop()


if pytest is not None:
    virtual_audio = pytest.fixture(scope="module", name="virtual_audio")(_virtual_audio)
