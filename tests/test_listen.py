"""The live session wired to fakes: a scripted recogniser, a sound output that records what it was
asked to say, a fake microphone and typed lines through a pipe; the real dialogue and reminders."""

from __future__ import annotations

import io
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from assistant.app import Assistant
from assistant.captions import Captions
from assistant.keys import Keyboard
from assistant.listen import Event, LiveSession
from assistant.live import LiveConfig, LiveLoop
from assistant.reminders.schedule import to_utc
from assistant.reminders.store import Reminder, Store
from assistant.stt.base import Recogniser, Transcript
from tests.conftest import LONDON


class ScriptedRecogniser(Recogniser):
    """Hears the next scripted sentence in every utterance."""

    name = "scripted"

    def __init__(self, texts: list[str]) -> None:
        self.texts = list(texts)

    def transcribe_stream(self, chunks: Iterable[np.ndarray], *, live: bool | None = None
                          ) -> Transcript:
        seconds = sum(len(c) for c in chunks) / self.sample_rate
        text = self.texts.pop(0) if self.texts else ""
        return Transcript(text, 0.9, seconds, 1.0, bool(text))


class RecordingSound:
    """Sound output that records earcons and words, and finishes each at once."""

    def __init__(self, session: LiveSession) -> None:
        self.session = session
        self.played: list[tuple[str, str]] = []
        self.settings: list[tuple[float, float]] = []

    def earcon(self, name: str) -> None:
        self.played.append(("earcon", name))

    def say(self, text: str, earcon_name: str | None = None) -> None:
        if earcon_name:
            self.earcon(earcon_name)
        self.played.append(("say", text))
        s = self.session.dialogue.settings
        self.settings.append((s.rate, s.volume))
        self.session.on_spoken(True)

    def said(self) -> list[str]:
        return [text for kind, text in self.played if kind == "say"]

    def stop(self) -> None: ...
    def stop_if_speaking(self) -> None: ...
    def wait_until_quiet(self, timeout: float = 0.0) -> None: ...
    def close(self) -> None: ...


class FakeMicrophone:
    """A microphone that is there (or not); chunks are pushed by the test."""

    def __init__(self, missing: str | None) -> None:
        self.missing = missing

    def open(self) -> str | None:
        return self.missing

    def watch(self) -> None: ...
    def close(self) -> None: ...


class Harness:
    """A session running on a thread, its typed input a pipe, its captions a string."""

    def __init__(self, make_assistant: Callable[[], Assistant], config: LiveConfig, heard: list[str],
                 microphone: str | None) -> None:
        read_fd, self.write_fd = os.pipe()
        self.stdin = os.fdopen(read_fd, "r")
        self.screen = io.StringIO()
        self.sound: RecordingSound | None = None
        self.told: list[str] = []

        def sound(session: LiveSession) -> RecordingSound:
            self.sound = RecordingSound(session)
            return self.sound

        self.started = threading.Event()

        def run() -> None:
            # Built on the session's own thread: SQLite connections belong to one thread.
            assistant = make_assistant()
            self.session = LiveSession(
                assistant, assistant.new_dialogue(), LiveLoop(config), Captions(self.screen, "plain"),
                ScriptedRecogniser(heard), sound=sound,  # type: ignore[arg-type]
                microphone=lambda s: FakeMicrophone(microphone),
                keyboard=lambda s: Keyboard(s.on_key_event, stream=self.stdin))
            self.session.tell = self.told.append  # type: ignore[method-assign]
            self.started.set()
            self.session.run()

        self.thread = threading.Thread(target=run, daemon=True)

    def type(self, *lines: str) -> None:
        os.write(self.write_fd, "".join(f"{line}\n" for line in lines).encode())

    def finish(self) -> None:
        """End typed input; with no microphone, the session ends after the last answer."""
        os.close(self.write_fd)
        self.thread.join(timeout=30)
        assert not self.thread.is_alive(), self.screen.getvalue()

    def stop(self) -> None:
        self.session.events.put(Event("closed"))
        self.thread.join(timeout=30)
        assert not self.thread.is_alive()


@pytest.fixture
def assistant(library, matcher, tmp_path: Path) -> Callable[[], Assistant]:  # type: ignore[no-untyped-def]
    """Makes the assistant (with its reminder store) on the thread that will use it."""
    return lambda: Assistant(library, matcher, tmp_path, LONDON, Store.open(tmp_path))


@pytest.fixture
def harnesses() -> Iterator[list[Harness]]:
    made: list[Harness] = []
    yield made
    for h in made:
        if h.thread.is_alive():
            h.session.events.put(Event("closed"))
            h.thread.join(timeout=10)


def start(harnesses: list[Harness], assistant: Callable[[], Assistant],
          config: LiveConfig | None = None, heard: list[str] | None = None,
          microphone: str | None = None) -> Harness:
    h = Harness(assistant, config or LiveConfig(), heard or [], microphone)
    harnesses.append(h)
    h.thread.start()
    assert h.started.wait(30)
    return h


def test_no_microphone_says_so_and_answers_typed_questions(assistant, harnesses) -> None:
    h = start(harnesses, assistant, microphone="no microphone was found; check it is plugged in.")
    h.type("when can I drive again")
    h.finish()
    assert any("No microphone" in t and "plugged in" in t for t in h.told)
    assert h.sound is not None
    said = h.sound.said()
    assert "Type your question" in said[0]
    assert any("specialist" in s for s in said[1:])
    assert "You: when can I drive again" in h.screen.getvalue()


def test_rate_changed_by_voice_is_used_and_remembered(assistant, harnesses) -> None:
    h = start(harnesses, assistant, microphone="none")
    h.type("slower", "when can I drive again")
    h.finish()
    assert h.sound is not None
    assert h.sound.settings[-1][0] < 1.0  # the answer after "slower" is slower
    saved = json.loads((h.session.assistant.home / "settings.json").read_text())
    assert saved["rate"] == h.sound.settings[-1][0]


def test_hands_free_speech_is_heard_and_answered(assistant, harnesses) -> None:
    h = start(harnesses, assistant, LiveConfig(hands_free=True), heard=["when can I drive again"])
    rng = np.random.default_rng(1)
    quiet = [np.zeros(1600, np.float32)] * 15
    talk = [(rng.standard_normal(1600) * 0.1).astype(np.float32) for _ in range(12)]
    _wait_for(lambda: "[Ready]" in h.screen.getvalue())  # the greeting has been said
    for chunk in quiet + talk + quiet:
        h.session.on_audio(chunk)
    _wait_for(lambda: h.sound is not None and any("specialist" in s for s in h.sound.said()))
    h.stop()
    assert h.sound is not None
    assert ("earcon", "heard") in h.sound.played
    assert "You: when can I drive again" in h.screen.getvalue()


def test_reminder_due_while_off_is_announced_after_the_greeting(assistant, harnesses, tmp_path) -> None:
    now = datetime.now(LONDON).replace(second=0, microsecond=0)
    start_local = (now - timedelta(minutes=2)).replace(tzinfo=None)
    store = Store.open(tmp_path)
    store.add_reminder(Reminder("", "Take your painkillers", "medication", start_local, None),
                       to_utc(start_local, LONDON))
    store.close()
    h = start(harnesses, assistant)
    _wait_for(lambda: h.sound is not None and len(h.sound.said()) >= 2)
    h.stop()
    assert h.sound is not None
    assert h.sound.said()[0].startswith("Hello")
    assert "painkillers" in h.sound.said()[1]
    index = h.sound.played.index(("say", h.sound.said()[1]))
    assert h.sound.played[index - 1] == ("earcon", "reminder")


def _wait_for(condition, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError("timed out waiting for the session")
