"""``run.py ask``: one conversation of typed or recorded turns, or a batch of single questions."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.app import Assistant
from assistant.dialogue import Dialogue, Reply
from assistant.errors import AudioError, ConfigError

_LOGGER = logging.getLogger(__name__)


@dataclass
class Engines:
    """Speech engines, loaded the first time a turn needs them."""

    stt_name: str | None
    tts_name: str | None
    vocabulary: list[str]
    _recogniser: Any = None
    _speaker: Any = None

    def recogniser(self) -> Any:
        """The speech recogniser (loaded once)."""
        if self._recogniser is None:
            from assistant.stt import load_recogniser

            self._recogniser = load_recogniser(self.stt_name, vocabulary=self.vocabulary)
        return self._recogniser

    def speaker(self) -> Any:
        """The speech synthesiser (loaded once)."""
        if self._speaker is None:
            from assistant.tts import load_speaker

            self._speaker = load_speaker(self.tts_name)
            # The first synthesis pays one-off start-up costs; pay them before any timing.
            next(iter(self._speaker.synthesize("Ready.")), None)
        return self._speaker


@dataclass
class TurnResult:
    """One turn's reply with what it took."""

    heard: str
    reply: Reply
    timings_ms: dict[str, float] = field(default_factory=dict)
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The JSON object printed with --json."""
        r = self.reply
        data: dict[str, Any] = {
            "heard": self.heard, "kind": r.kind, "section": r.section, "source": r.source,
            "say": r.say, "confidence": round(r.confidence, 3),
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
        }
        if r.command is not None:
            data["command"] = r.command.value
        if self.error:
            data["error"] = self.error
        return data


def _run_turn(dialogue: Dialogue, engines: Engines, kind: str, value: str, now: Any,
              realtime: bool, speak: bool) -> TurnResult:
    timings: dict[str, float] = {}
    if kind == "audio":
        from assistant.stt import hear_again_timed, transcribe_file

        recogniser = engines.recogniser()
        transcript = transcribe_file(recogniser, value, realtime=realtime)
        again_ms: list[float] = []
        heard = dialogue.better_hearing(transcript.text, hear_again_timed(recogniser, again_ms))
        timings["stt"] = transcript.stt_ms + sum(again_ms)
    else:
        heard = value
    start = time.perf_counter()
    reply = dialogue.respond(heard, now)
    timings["match"] = (time.perf_counter() - start) * 1000
    if speak and reply.say:
        speaker = engines.speaker()  # loaded (once) before the clock starts
        start = time.perf_counter()
        first = next(iter(speaker.synthesize(reply.say, rate=dialogue.settings.rate,
                                                       volume=dialogue.settings.volume)), None)
        timings["tts_first_audio"] = (time.perf_counter() - start) * 1000 if first is not None else 0.0
    if realtime and kind == "audio":
        timings["reply_latency"] = timings["stt"] + timings["match"] + timings.get("tts_first_audio", 0.0)
    return TurnResult(heard, reply, timings)


def _print(result: TurnResult, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result.as_json(), ensure_ascii=False), flush=True)
        return
    r = result.reply
    print(f"You: {result.heard}")
    print(f"Assistant: {r.say}" if r.say else "Assistant: (stops)")
    if r.section:
        print(f"  [{r.kind}: section '{r.section}' of \"{r.source}\"]")
    else:
        print(f"  [{r.kind}]")
    print(flush=True)


def _write_say_to(engines: Engines, dialogue: Dialogue, reply: Reply, path: str) -> None:
    engines.speaker().write_wav(reply.say or " ", path, rate=dialogue.settings.rate,
                                volume=dialogue.settings.volume)


def _batch_lines(path: Path) -> list[tuple[str, str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"cannot read batch file {path}: {err}") from err
    turns = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if line.startswith("@"):
            audio = Path(line[1:].strip())
            turns.append(("audio", str(audio if audio.is_absolute() else path.parent / audio)))
        else:
            turns.append(("text", line))
    return turns


def cmd_ask(args: argparse.Namespace) -> int:
    """Run ``ask``: print one reply per turn; exit 0, or 1 if any batch recording was unreadable."""
    turns: list[tuple[str, str]] = list(args.turns or [])
    if args.batch:
        turns_batch = _batch_lines(Path(args.batch))
    elif not turns:
        raise ConfigError("nothing to ask: give --text, --audio or --batch")
    assistant = Assistant.load(args.content, args.home, args.tz)
    now = assistant.now(args.now)
    engines = Engines(args.stt, args.tts, assistant.library.vocabulary())
    speak = bool(args.say_to) or bool(args.realtime)
    if args.batch:
        return _run_batch(assistant, engines, turns_batch, now, args, speak)
    dialogue = assistant.new_dialogue()
    last: TurnResult | None = None
    for kind, value in turns:
        last = _run_turn(dialogue, engines, kind, value, now, args.realtime, speak)
        _print(last, args.json)
    if args.say_to and last is not None:
        _write_say_to(engines, dialogue, last.reply, args.say_to)
    return 0


def _run_batch(assistant: Assistant, engines: Engines, turns: list[tuple[str, str]], now: Any,
               args: argparse.Namespace, speak: bool) -> int:
    failures = 0
    for kind, value in turns:
        dialogue = assistant.new_dialogue()
        try:
            result = _run_turn(dialogue, engines, kind, value, now, args.realtime, speak)
        except AudioError as err:
            failures += 1
            reply = Reply("unknown", "Sorry, I couldn't read that recording. Please try again.",
                          confidence=0.0)
            result = TurnResult("", reply, {}, error=str(err))
        _print(result, True if args.json or args.batch else args.json)
    if failures:
        print(f"error: {failures} of {len(turns)} recordings could not be read", file=sys.stderr)
        return 1
    return 0

