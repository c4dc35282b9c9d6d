"""Voice commands fill the whole utterance; questions containing command words stay questions."""

from __future__ import annotations

import pytest

from assistant.commands import Command, parse_command

CASES = [
    ("repeat that please", Command.REPEAT), ("Could you say that again?", Command.REPEAT),
    ("pardon?", Command.REPEAT), ("tell me more", Command.MORE), ("carry on", Command.MORE),
    ("what else", Command.MORE), ("stop", Command.STOP), ("OK stop talking", Command.STOP),
    ("slower please", Command.SLOWER), ("can you speak more slowly", Command.SLOWER),
    ("Speed more slowly, please.", Command.SLOWER), ("peak more quickly", Command.FASTER),  # misheard verbs
    ("too fast", Command.SLOWER), ("faster", Command.FASTER), ("speed up a bit", Command.FASTER),
    ("louder", Command.LOUDER), ("I can't hear you", Command.LOUDER), ("quieter please", Command.QUIETER),
    ("turn it down", Command.QUIETER), ("help", Command.HELP), ("what can I ask?", Command.HELP),
    ("list the topics", Command.TOPICS), ("what do you know about", Command.TOPICS),
    ("next", Command.NEXT), ("next section", Command.NEXT), ("previous", Command.PREVIOUS),
    ("go back", Command.BACK), ("yes please", Command.YES), ("no thanks", Command.NO),
    ("hang on a minute", Command.WAIT), ("are you still there?", Command.WAIT),
    ("who wrote all this?", Command.SOURCE), ("where does this information come from", Command.SOURCE),
    ("what leaflet is this", Command.SOURCE), ("Who actually wrote this leaflet, is it the NHS?", Command.SOURCE),
]
QUESTIONS = [
    "should I stop smoking?", "stop drinking alcohol?", "more about drains", "can I have more painkillers",
    "help me with my stockings", "when can I go back to work", "what happens next after the operation",
    "why do I need to breathe slowly", "when can I carry shopping again",
    "who wrote my prescription", "where does the drain come from",
]


@pytest.mark.parametrize(("utterance", "command"), CASES)
def test_commands(utterance: str, command: Command) -> None:
    assert parse_command(utterance) is command


@pytest.mark.parametrize("utterance", QUESTIONS)
def test_questions_are_not_commands(utterance: str) -> None:
    assert parse_command(utterance) is None
