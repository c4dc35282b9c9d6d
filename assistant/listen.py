"""``run.py listen``: the live assistant, microphone in and speaker out.

Keys: Space or Enter (in fact any key) starts listening in push-to-talk and stops speech at once
in every mode; T switches to typing a question; Ctrl+C or Ctrl+D quits. Hands-free
(``--hands-free``, or ``--wake PHRASE``) answers whatever it hears, and "stop" said while it
speaks stops it. With no microphone it reads typed questions; with no speaker it shows answers
only as captions; either device may vanish and come back.

The decisions are in ``assistant.live``; this module only carries them out. Threads, each with
one job: the microphone (``assistant.devices``: a sounddevice callback, re-opened with back-off
when it vanishes), the keyboard (``assistant.keys``), speech out (``assistant.sound_out``) and
recognition (one utterance at a time). They all post events to one queue read by the main
thread, so every decision is taken in one place, in order.
"""

from __future__ import annotations

import argparse
import logging
import os
import queue
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np

from assistant.app import Assistant
from assistant.ask import Engines
from assistant.captions import Captions
from assistant.devices import Microphone, quiet_alsa_messages
from assistant.dialogue import Dialogue, Reply
from assistant.errors import AssistantError
from assistant.keys import InputClosed, Keyboard, KeyPress, TypedLine
from assistant.live import LiveConfig, LiveLoop, Phase
from assistant.live_actions import (
    Action,
    PlayEarcon,
    Respond,
    RunSchedule,
    ShowCaption,
    Speak,
    StopSpeaking,
    Transcribe,
    TypeMode,
)
from assistant.sound_out import SoundOut
from assistant.stt.base import HearingChoice

_LOGGER = logging.getLogger(__name__)

TICK_SECONDS = 0.1
"""Longest the main thread waits for an event before the clock moves the loop on."""


@dataclass(frozen=True)
class Event:
    """Something that happened on another thread, for the main thread to decide on."""

    kind: str
    """audio | key | line | closed | transcript | spoken | microphone"""
    value: Any = None
    flag: bool = False
    """barge_in for a transcript, completed for speech, available for the microphone."""
    early: bool = False
    """For a transcript: words recognised during a pause (see ``assistant.live``)."""


class Recognition:
    """Transcribes one utterance at a time on its own thread; busy utterances heard while speaking are dropped."""

    def __init__(self, recogniser: Any, post: Any,
                 choose: HearingChoice | None = None) -> None:
        self._recogniser = recogniser
        self._post = post
        self._choose = choose  # between the first hearing and another: Dialogue.better_hearing
        self._jobs: queue.Queue[Transcribe] = queue.Queue()
        self._busy = threading.Event()
        threading.Thread(target=self._run, name="recognition", daemon=True).start()

    def submit(self, job: Transcribe) -> None:
        """Queue one utterance (one heard while speaking is skipped if another is being decoded)."""
        if job.barge_in and self._busy.is_set():
            return
        self._busy.set()
        self._jobs.put(job)

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            text = ""
            try:
                text = _transcribe(self._recogniser, job.samples)
                if self._choose is not None:
                    text = self._choose(text, self._recogniser.hear_again).strip()
            except AssistantError as err:
                _LOGGER.warning("could not recognise speech: %s", err)
            except Exception:  # a bug here must not leave the loop thinking for ever
                _LOGGER.exception("recognition failed")
            finally:
                self._busy.clear()
            self._post(Event("transcript", text, job.barge_in, job.early))


def _transcribe(recogniser: Any, samples: np.ndarray) -> str:
    """Words in one utterance; trailing digital silence makes sure the recogniser sees its end.

    The loop already collected the audio and decides itself when to decode early, so the
    recogniser hears it as a recording (``live=False``), not as a microphone.
    """
    rate = recogniser.sample_rate
    padded = np.concatenate([samples, np.zeros(int(1.5 * rate), np.float32)])
    step = rate // 10
    chunks = [padded[i : i + step] for i in range(0, len(padded), step)]
    return str(recogniser.transcribe_stream(chunks, live=False).text).strip()


class LiveSession:
    """Carries out the live loop's actions with devices, engines, captions and reminders.

    Construction only wires; ``LiveSession.open`` makes the real devices. Tests pass fakes.
    """

    def __init__(
        self,
        assistant: Assistant,
        dialogue: Dialogue,
        loop: LiveLoop,
        captions: Captions,
        recogniser: Any,
        sound: Callable[[LiveSession], SoundOut],
        microphone: Callable[[LiveSession], Any],
        keyboard: Callable[[LiveSession], Keyboard],
    ) -> None:
        self.assistant = assistant
        self.dialogue = dialogue
        self.loop = loop
        self.captions = captions
        self.events: queue.Queue[Event] = queue.Queue()
        self.keyboard = keyboard(self)
        self.sound = sound(self)
        self.recognition = Recognition(recogniser, self.events.put, dialogue.better_hearing)
        self.microphone = microphone(self)
        self._closed = False

    @classmethod
    def open(
        cls, assistant: Assistant, dialogue: Dialogue, loop: LiveLoop, captions: Captions, engines: Engines
    ) -> LiveSession:
        """A session on the default microphone, speaker and terminal."""
        recogniser = engines.recogniser()
        return cls(
            assistant,
            dialogue,
            loop,
            captions,
            recogniser,
            sound=lambda s: SoundOut(engines.speaker(), lambda: dialogue.settings, s.on_spoken, s.tell),
            microphone=lambda s: Microphone(s.on_audio, s.on_microphone, sample_rate=recogniser.sample_rate),
            keyboard=lambda s: Keyboard(s.on_key_event),
        )

    # -- events from other threads ----------------------------------------------------------

    def on_key_event(self, event: KeyPress | TypedLine | InputClosed) -> None:
        """From the keyboard thread."""
        if isinstance(event, KeyPress):
            if event.key in ("ctrl-c", "ctrl-d"):
                self.events.put(Event("closed"))
            else:
                self.sound.stop_if_speaking()  # at once, not after the main thread wakes
                self.events.put(Event("key", event.key))
        elif isinstance(event, TypedLine):
            self.events.put(Event("line", event.text))
        else:
            self.events.put(Event("closed", flag=not self.keyboard.is_terminal))

    def on_audio(self, chunk: np.ndarray) -> None:
        """From the microphone's thread: one chunk."""
        self.events.put(Event("audio", chunk))

    def on_microphone(self, available: bool, detail: str) -> None:
        """From the microphone's thread: it vanished or came back."""
        self.events.put(Event("microphone", detail, available))

    def on_spoken(self, completed: bool) -> None:
        """From the sound thread: speech played to the end (or not)."""
        self.events.put(Event("spoken", None, completed))

    def tell(self, message: str) -> None:
        """Show a message about the devices (the only way to tell when the speaker is the problem)."""
        self.captions.show("status", message)

    # -- the main thread --------------------------------------------------------------------

    def run(self) -> int:
        """Run until Ctrl-C, Ctrl-D, or the end of piped input; return the exit code."""
        detail = self.microphone.open()
        self.loop.microphone = detail is None
        self.keyboard.start()
        try:
            if detail is not None:
                self.tell(f"No microphone: {detail}")
                self.keyboard.use_lines(True)
            self._do(self.loop.start(time.monotonic()))
            self.microphone.watch()
            return self._serve()
        finally:
            self.keyboard.close()
            self.microphone.close()
            self.sound.close()

    def _serve(self) -> int:
        while not self._closed:
            try:
                event = self.events.get(timeout=TICK_SECONDS)
            except queue.Empty:
                self._do(self.loop.on_tick(time.monotonic()))
                continue
            try:
                self._do(self._dispatch(event, time.monotonic()))
            except AssistantError as err:  # e.g. the reminder store: the patient must still be answered
                _LOGGER.warning("%s", err)
            if self.events.empty():
                self._do(self.loop.on_tick(time.monotonic()))
        return 0

    def _dispatch(self, event: Event, now: float) -> list[Action]:
        loop = self.loop
        if event.kind == "audio":
            return loop.on_audio(event.value, now)
        if event.kind == "key":
            return loop.on_key(event.value, now)
        if event.kind == "line":
            return loop.on_line(event.value, now)
        if event.kind == "transcript":
            return loop.on_transcript(event.value, event.flag, now, early=event.early)
        if event.kind == "spoken":
            return loop.on_spoken(event.flag, now)
        if event.kind == "microphone":
            return loop.on_microphone(event.flag, event.value, now)
        if event.kind == "closed":
            self._closed = self._closing(event.flag)
        return []

    def _closing(self, end_of_input: bool) -> bool:
        """Ctrl-C/Ctrl-D quit. The end of piped input quits only when there is no microphone
        (nothing else can ask), once the last answer is said; with a microphone it carries on."""
        if not end_of_input:
            return True
        if self.loop.microphone:
            _LOGGER.info("no more typed input; still listening to the microphone")
            return False
        self.wait_for_turn()
        return True

    def wait_for_turn(self) -> None:
        """Finish the turn in progress (reply and speech) before quitting."""
        while self.loop.phase in (Phase.THINKING, Phase.SPEAKING):
            try:
                event = self.events.get(timeout=TICK_SECONDS)
            except queue.Empty:
                continue
            if event.kind != "closed":
                self._do(self._dispatch(event, time.monotonic()))
        self.sound.wait_until_quiet()

    def _do(self, actions: list[Action]) -> None:
        for action in actions:
            _LOGGER.debug("action %s", type(action).__name__)
            self._do_one(action)

    def _do_one(self, action: Action) -> None:
        if isinstance(action, ShowCaption):
            self.captions.show(action.who, action.text)
        elif isinstance(action, PlayEarcon):
            self.sound.earcon(action.name)
        elif isinstance(action, Speak):
            self.sound.say(action.text, action.earcon)
        elif isinstance(action, StopSpeaking):
            self.sound.stop()
        elif isinstance(action, Transcribe):
            self.recognition.submit(action)
        elif isinstance(action, Respond):
            self._do(self.loop.on_reply(self._respond(action.heard), time.monotonic()))
        elif isinstance(action, RunSchedule):
            self._do(self.loop.on_announcements(self._run_schedule(), time.monotonic()))
        elif isinstance(action, TypeMode):
            self.keyboard.use_lines(action.on)

    def _respond(self, heard: str) -> Reply:
        started = time.perf_counter()
        try:
            reply = self.dialogue.respond(heard, datetime.now(self.assistant.tz))
            _LOGGER.debug("reply (%s) in %.0f ms", reply.kind, 1000 * (time.perf_counter() - started))
            return reply
        except AssistantError as err:
            _LOGGER.warning("no reply to %r: %s", heard, err)
            return Reply("unknown", "Sorry, something went wrong. Please ask again.", confidence=0.0)

    def _run_schedule(self) -> list[str]:
        """What fell due, read from the store afresh, so carers' changes apply at once."""
        from assistant.reminders.schedule import Scheduler

        if self.assistant.store is None:
            return []
        try:
            due = Scheduler(self.assistant.store, self.assistant.tz).run_pending(
                datetime.now(self.assistant.tz)
            )
        except AssistantError as err:
            _LOGGER.warning("reminder schedule not run: %s", err)
            return []
        return [item.say for item in due]


def cmd_listen(args: argparse.Namespace) -> int:
    """Run ``listen``: the live assistant until Ctrl-C (or the end of piped input)."""
    captions = Captions()
    captions.show("status", "Loading…")
    quiet_alsa_messages()
    assistant = Assistant.load(args.content, args.home, args.tz)
    dialogue = assistant.new_dialogue()
    engines = Engines(args.stt, args.tts, assistant.library.vocabulary())
    engines.recogniser().prepare_hearing_again()
    engines.speaker()
    config = LiveConfig(
        hands_free=bool(args.hands_free or args.wake),
        wake=args.wake,
        spoken_state=bool(args.spoken_state),
        sample_rate=engines.recogniser().sample_rate,
    )
    session = LiveSession.open(assistant, dialogue, LiveLoop(config), captions, engines)
    try:
        code = session.run()
    except KeyboardInterrupt:
        captions.show("status", "Goodbye")
        code = 0
    _exit_now(code)
    return code


def _exit_now(code: int) -> None:
    """Leave without tearing down the engines' native threads one by one.

    The audio and speech engines keep threads of their own (PortAudio, CTranslate2, ONNX Runtime);
    letting the interpreter finalise them in arbitrary order can abort the process ("terminate
    called without an active exception") after a clean goodbye. Everything the user needs is saved
    as it happens (settings, the reminder store), so flush the output and exit directly.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)
