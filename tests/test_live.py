"""The live loop's decisions, driven with synthetic chunks and a fake clock (no devices, no engines)."""

from __future__ import annotations

import numpy as np

from assistant import phrases
from assistant.commands import Command
from assistant.dialogue import Reply
from assistant.live import EARCON_GUARD, SCHEDULE_EVERY, THINKING_EARCON_AFTER, LiveConfig, LiveLoop, Phase
from assistant.live_actions import (
    PlayEarcon,
    Respond,
    RunSchedule,
    ShowCaption,
    Speak,
    StopSpeaking,
    Transcribe,
    TypeMode,
)

RATE = 16000
CHUNK = RATE // 10


def speech(seconds: float, seed: int = 0) -> list[np.ndarray]:
    """Loud noise in 100 ms chunks: speech as far as the segmenter can tell."""
    rng = np.random.default_rng(seed)
    return [(rng.standard_normal(CHUNK) * 0.1).astype(np.float32) for _ in range(int(seconds * 10))]


def silence(seconds: float) -> list[np.ndarray]:
    """Digital silence in 100 ms chunks."""
    return [np.zeros(CHUNK, np.float32) for _ in range(int(seconds * 10))]


class Clock:
    """A fake monotonic clock that advances 100 ms per chunk fed."""

    def __init__(self) -> None:
        self.now = 1000.0

    def feed(self, loop: LiveLoop, chunks: list[np.ndarray]) -> list[object]:
        actions: list[object] = []
        for chunk in chunks:
            self.now += 0.1
            actions += loop.on_audio(chunk, self.now)
        return actions


def kinds(actions: list[object]) -> list[str]:
    return [type(a).__name__ for a in actions]


def started(config: LiveConfig) -> tuple[LiveLoop, Clock]:
    """A loop that has greeted and finished speaking the greeting."""
    loop, clock = LiveLoop(config), Clock()
    first = loop.start(clock.now)
    assert any(isinstance(a, Speak) for a in first) and RunSchedule() in first
    loop.on_spoken(True, clock.now)
    assert loop.phase is Phase.IDLE
    assert clock.feed(loop, silence(1.0)) == []  # the room's background, before anyone speaks
    return loop, clock


def answer(text: str) -> Reply:
    return Reply("answer", text, "driving", "Leaflet", 0.9)


def test_push_to_talk_turn_from_key_to_answer_and_stop() -> None:
    loop, clock = started(LiveConfig())
    assert clock.feed(loop, speech(1.0) + silence(1.0)) == []  # no key: push-to-talk ignores sound
    on_key = loop.on_key("space", clock.now)
    assert PlayEarcon("listening") in on_key and loop.phase is Phase.LISTENING
    actions = clock.feed(loop, speech(1.5) + silence(1.5))
    assert kinds(actions) == ["Transcribe", "PlayEarcon"] and actions[1] == PlayEarcon("heard")
    assert loop.phase is Phase.THINKING
    assert loop.on_transcript("when can I drive", False, clock.now, early=True) == [
        ShowCaption("you", "when can I drive"), Respond("when can I drive")]
    said = loop.on_reply(answer("Your specialist decides."), clock.now)
    assert Speak("Your specialist decides.") in said and loop.phase is Phase.SPEAKING
    assert loop.on_key("enter", clock.now) == [StopSpeaking()]
    after = loop.on_spoken(False, clock.now)
    assert ShowCaption("status", "Stopped") in after and loop.phase is Phase.IDLE


def test_listening_waits_for_speech_as_long_as_it_takes() -> None:
    loop, clock = started(LiveConfig())
    loop.on_key("space", clock.now)
    actions = clock.feed(loop, silence(600.0))
    assert actions == [] and loop.phase is Phase.LISTENING
    assert kinds(clock.feed(loop, speech(1.0) + silence(1.5))) == ["Transcribe", "PlayEarcon"]


def test_sound_just_after_the_key_is_the_earcon_not_speech() -> None:
    loop, clock = started(LiveConfig())
    loop.on_key("space", clock.now)
    guard = speech(EARCON_GUARD)
    assert clock.feed(loop, guard + silence(3.0)) == []
    assert loop.phase is Phase.LISTENING


def test_second_key_press_ends_a_push_to_talk_question() -> None:
    loop, clock = started(LiveConfig())
    loop.on_key("space", clock.now)
    clock.feed(loop, silence(0.5) + speech(1.0))
    actions = loop.on_key("space", clock.now)
    assert kinds(actions) == ["PlayEarcon", "Transcribe"]
    transcribe = actions[1]
    assert isinstance(transcribe, Transcribe) and len(transcribe.samples) >= CHUNK * 10


def test_hands_free_answers_without_a_key() -> None:
    loop, clock = started(LiveConfig(hands_free=True))
    actions = clock.feed(loop, silence(1.0) + speech(1.2) + silence(1.5))
    assert kinds(actions) == ["Transcribe", "PlayEarcon"]
    assert loop.on_transcript("how long in hospital", False, clock.now, early=True)[-1] == \
        Respond("how long in hospital")


def test_words_recognised_in_a_pause_are_used_when_it_ends_the_question() -> None:
    loop, clock = started(LiveConfig(hands_free=True))
    early = clock.feed(loop, speech(1.2) + silence(0.5))
    assert len(early) == 1 and isinstance(early[0], Transcribe) and early[0].early
    assert loop.on_transcript("when can I drive", False, clock.now, early=True) == []
    at_end = clock.feed(loop, silence(1.0))
    assert at_end == [ShowCaption("you", "when can I drive"), Respond("when can I drive")]
    said = loop.on_reply(answer("Your specialist decides."), clock.now)
    assert Speak("Your specialist decides.", earcon="heard") in said  # one sound: earcon, then answer


def test_speech_after_a_pause_makes_the_early_words_stale() -> None:
    loop, clock = started(LiveConfig(hands_free=True))
    clock.feed(loop, speech(1.0) + silence(0.6))
    more = clock.feed(loop, speech(1.0, seed=2) + silence(0.5))
    assert kinds(more) == ["Transcribe"]  # a second early try, for the longer question
    assert loop.on_transcript("when can I", False, clock.now, early=True) == []  # the first: stale
    clock.feed(loop, speech(0.5, seed=3))
    at_end = clock.feed(loop, silence(1.5))
    assert kinds(at_end) == ["Transcribe", "PlayEarcon"]  # a third try, then the end: wait for it
    assert loop.on_transcript("when can I drive", False, clock.now, early=True) == []  # the second
    assert loop.on_transcript("when can I drive again", False, clock.now, early=True)[-1] == \
        Respond("when can I drive again")


def test_hands_free_noise_gets_only_the_didnt_catch_earcon() -> None:
    loop, clock = started(LiveConfig(hands_free=True))
    clock.feed(loop, speech(0.5) + silence(1.5))
    assert loop.on_transcript("", False, clock.now) == [PlayEarcon("didnt_catch")]
    assert loop.phase is Phase.IDLE


def test_push_to_talk_with_nothing_heard_says_so_after_its_earcon() -> None:
    loop, clock = started(LiveConfig())
    loop.on_key("space", clock.now)
    clock.feed(loop, silence(0.5) + speech(0.5) + silence(1.5))
    assert loop.on_transcript("", False, clock.now) == [ShowCaption("you", "(nothing heard)"), Respond("")]
    said = loop.on_reply(Reply("unknown", phrases.DIDNT_CATCH, confidence=0.0), clock.now)
    assert Speak(phrases.DIDNT_CATCH, earcon="didnt_catch") in said


def test_wake_phrase_alone_then_the_question() -> None:
    loop, clock = started(LiveConfig(hands_free=True, wake="assistant"))
    clock.feed(loop, speech(1.0) + silence(1.5))
    assert loop.on_transcript("what's the weather like", False, clock.now) == []
    clock.feed(loop, speech(1.0) + silence(1.5))
    assert loop.on_transcript("assistant", False, clock.now) == [PlayEarcon("listening")]
    clock.feed(loop, speech(1.0) + silence(1.5))
    assert loop.on_transcript("when can I drive", False, clock.now)[-1] == Respond("when can I drive")


def test_only_stop_counts_while_speaking_hands_free() -> None:
    loop, clock = started(LiveConfig(hands_free=True))
    loop.phase = Phase.THINKING
    loop.on_reply(answer("A long answer."), clock.now)
    short = clock.feed(loop, speech(0.6) + silence(1.0))
    assert len(short) == 1 and isinstance(short[0], Transcribe) and short[0].barge_in
    assert loop.on_transcript("stop", True, clock.now) == [StopSpeaking()]
    assert loop.on_transcript("what about driving", True, clock.now) == []
    assert clock.feed(loop, speech(4.0) + silence(1.0)) == []  # too long for "stop": our own echo


def test_push_to_talk_does_not_listen_while_speaking() -> None:
    loop, clock = started(LiveConfig())
    loop.phase = Phase.THINKING
    loop.on_reply(answer("An answer."), clock.now)
    assert clock.feed(loop, speech(0.6) + silence(1.0)) == []


def test_a_reminder_due_during_a_turn_waits_for_its_end() -> None:
    loop, clock = started(LiveConfig(hands_free=True))
    clock.feed(loop, speech(1.0) + silence(1.5))
    assert loop.on_announcements(["Reminder: take your painkillers."], clock.now) == []
    loop.on_transcript("when can I drive", False, clock.now)
    said = loop.on_reply(answer("Your specialist decides."), clock.now)
    assert [a for a in said if isinstance(a, Speak)] == [Speak("Your specialist decides.")]
    after = loop.on_spoken(True, clock.now)
    assert Speak("Reminder: take your painkillers.", earcon="reminder") in after


def test_reminders_are_not_checked_while_the_patient_is_talking() -> None:
    loop, clock = started(LiveConfig(hands_free=True))
    clock.now += SCHEDULE_EVERY
    assert loop.on_tick(clock.now) == [RunSchedule()]
    clock.feed(loop, speech(1.0))  # mid-question
    clock.now += SCHEDULE_EVERY
    assert loop.on_tick(clock.now) == []


def test_idle_reminders_are_said_at_once_with_their_earcon() -> None:
    loop, clock = started(LiveConfig())
    actions = loop.on_announcements(["Reminder: walk for ten minutes."], clock.now)
    assert Speak("Reminder: walk for ten minutes.", earcon="reminder") in actions
    assert loop.phase is Phase.SPEAKING


def test_thinking_earcon_once_when_slow() -> None:
    loop, clock = started(LiveConfig())
    loop.on_line("when can I drive", clock.now)
    assert loop.on_tick(clock.now + 0.5) == []
    assert loop.on_tick(clock.now + THINKING_EARCON_AFTER + 0.1) == [PlayEarcon("thinking")]
    assert loop.on_tick(clock.now + 5.0) == []


def test_commands_that_say_nothing_end_the_turn() -> None:
    loop, clock = started(LiveConfig())
    loop.on_line("stop", clock.now)
    actions = loop.on_reply(Reply("command", "", command=Command.STOP), clock.now)
    assert not any(isinstance(a, Speak) for a in actions) and loop.phase is Phase.IDLE


def test_type_key_switches_to_typing_and_back() -> None:
    loop, clock = started(LiveConfig())
    assert TypeMode(True) in loop.on_key("t", clock.now) and loop.phase is Phase.TYPING
    actions = loop.on_line("when can I drive", clock.now)
    assert actions[0] == TypeMode(False) and actions[-1] == Respond("when can I drive")


def test_microphone_lost_and_back() -> None:
    loop, clock = started(LiveConfig(hands_free=True))
    lost = loop.on_microphone(False, "no microphone was found; check it.", clock.now)
    assert TypeMode(True) in lost
    spoken = [a for a in lost if isinstance(a, Speak)]
    assert spoken and "no microphone" in spoken[0].text and spoken[0].earcon == "error"
    assert loop.on_microphone(False, "still gone", clock.now) == []  # told once
    loop.on_spoken(True, clock.now)
    assert loop.phase is Phase.TYPING
    assert loop.on_line("when can I drive", clock.now)[-1] == Respond("when can I drive")
    loop.on_reply(answer("Your specialist decides."), clock.now)
    back = loop.on_microphone(True, "", clock.now)
    assert TypeMode(False) in back and not any(isinstance(a, Speak) for a in back)  # not over speech
    after = loop.on_spoken(True, clock.now)
    assert any(isinstance(a, Speak) and "working again" in a.text for a in after)
    loop.on_spoken(True, clock.now)
    assert loop.phase is Phase.IDLE


def test_greeting_without_a_microphone_asks_for_typing() -> None:
    loop = LiveLoop(LiveConfig())
    loop.microphone = False
    assert "Type your question" in loop.greeting()
    loop.start(0.0)
    loop.on_spoken(True, 0.0)
    assert loop.phase is Phase.TYPING


def test_speech_heard_while_idle_does_not_leak_into_the_next_utterance() -> None:
    loop, clock = started(LiveConfig(hands_free=True))
    clock.feed(loop, speech(1.5) + silence(1.5))
    loop.on_transcript("when can I drive", False, clock.now)
    loop.on_reply(answer("Your specialist decides."), clock.now)
    assert clock.feed(loop, silence(2.0)) == []  # nothing heard while speaking
    loop.on_spoken(True, clock.now)
    assert clock.feed(loop, silence(3.0)) == []  # and nothing after


def test_a_line_typed_while_speaking_stops_the_speech_and_is_answered() -> None:
    loop, clock = started(LiveConfig())
    loop.on_announcements(["Reminder: walk for ten minutes."], clock.now)
    assert loop.on_line("when can I drive", clock.now) == [StopSpeaking()]
    after = loop.on_spoken(False, clock.now)
    assert after[-1] == Respond("when can I drive") and loop.phase is Phase.THINKING


def test_spoken_state_is_not_heard_as_the_question() -> None:
    loop, clock = started(LiveConfig(spoken_state=True))
    actions = loop.on_key("space", clock.now)
    assert Speak("I'm listening.") in actions
    assert clock.feed(loop, speech(1.0) + silence(1.5)) == []  # our own "I'm listening"
    loop.on_spoken(True, clock.now)
    clock.feed(loop, silence(0.5))
    assert kinds(clock.feed(loop, speech(1.0) + silence(1.5))) == ["Transcribe", "PlayEarcon"]


def test_a_whole_question_ends_after_a_shorter_pause() -> None:
    loop, clock = started(LiveConfig(hands_free=True))
    clock.feed(loop, speech(1.2) + silence(0.5))
    assert loop.on_transcript("When can I drive?", False, clock.now, early=True) == []  # 0.5 s: too soon
    assert clock.feed(loop, silence(0.2)) == [ShowCaption("you", "When can I drive?"),
                                             Respond("When can I drive?")]


def test_an_unfinished_sentence_waits_for_the_full_pause() -> None:
    loop, clock = started(LiveConfig(hands_free=True))
    clock.feed(loop, speech(1.2) + silence(0.5))
    assert loop.on_transcript("When can I", False, clock.now, early=True) == []
    assert clock.feed(loop, silence(0.5)) == []
    assert kinds(clock.feed(loop, silence(0.3))) == ["ShowCaption", "Respond"]


def test_a_question_recognised_late_in_the_pause_ends_it_at_once() -> None:
    loop, clock = started(LiveConfig(hands_free=True))
    clock.feed(loop, speech(1.2) + silence(0.9))
    assert kinds(loop.on_transcript("How long in hospital?", False, clock.now, early=True)) == [
        "ShowCaption", "Respond"]


def test_heard_earcon_alone_when_the_reply_says_nothing() -> None:
    loop, clock = started(LiveConfig(hands_free=True))
    clock.feed(loop, speech(1.0) + silence(0.5))
    loop.on_transcript("stop", False, clock.now, early=True)
    clock.feed(loop, silence(1.0))
    after = loop.on_reply(Reply("command", "", command=Command.STOP), clock.now)
    assert after[0] == PlayEarcon("heard") and loop.phase is Phase.IDLE


def test_waiting_for_the_wake_phrase_other_sound_gets_no_earcon() -> None:
    loop, clock = started(LiveConfig(hands_free=True, wake="assistant"))
    at_end = clock.feed(loop, speech(1.0) + silence(1.5))
    assert kinds(at_end) == ["Transcribe"]  # no "heard" earcon for the television
    assert loop.on_transcript("and now the weather", False, clock.now) == []
    clock.feed(loop, speech(1.0) + silence(1.5))
    loop.on_transcript("assistant when can I drive", False, clock.now)
    said = loop.on_reply(answer("Your specialist decides."), clock.now)
    assert Speak("Your specialist decides.", earcon="heard") in said


def test_hands_free_noise_recognised_early_gets_only_the_didnt_catch_earcon() -> None:
    loop, clock = started(LiveConfig(hands_free=True))
    clock.feed(loop, speech(1.0) + silence(0.5))
    loop.on_transcript("", False, clock.now, early=True)
    assert clock.feed(loop, silence(1.0)) == [PlayEarcon("didnt_catch")]
