"""What each voice command does to a conversation (repeat, more, slower, topics...)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from assistant import phrases
from assistant.commands import Command
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.dialogue import Dialogue, Reply


def run_command(dialogue: Dialogue, command: Command) -> Reply:
    """Apply a voice command to the dialogue and return what to say."""
    handler = _HANDLERS.get(command, _simple)
    return handler(dialogue, command)


def _reply(say: str, command: Command, **kw: object) -> Reply:
    from assistant.dialogue import Reply

    return Reply("command", say, command=command, **kw)  # type: ignore[arg-type]


def _repeat(d: Dialogue, command: Command) -> Reply:
    if d.state.last is None:
        return _reply(phrases.NOTHING_TO_REPEAT, command)
    return replace(d.state.last, command=Command.REPEAT)


def _more(d: Dialogue, command: Command) -> Reply:
    st = d.state
    if not st.reading:
        return _reply(phrases.NOTHING_MORE, command)
    if st.position >= len(st.reading):
        return _reply(phrases.END_OF_SECTION, command, section=st.section_key)
    say = d._next_piece()
    section = d.library.by_key.get(st.section_key or "")
    source = d.library.pack_of(section).title if section else None
    kind = "answer" if section is not None else "command"
    from assistant.dialogue import Reply

    return Reply(kind, say, st.section_key, source, 1.0, command)


def _speech_setting(d: Dialogue, command: Command) -> Reply:
    before = d.settings
    after, done, limit = {
        Command.SLOWER: (before.slower(), phrases.SLOWER, phrases.SLOWEST),
        Command.FASTER: (before.faster(), phrases.FASTER, phrases.FASTEST),
        Command.LOUDER: (before.louder(), phrases.LOUDER, phrases.LOUDEST),
        Command.QUIETER: (before.quieter(), phrases.QUIETER, phrases.QUIETEST),
    }[command]
    if after == before:
        return _reply(limit, command)
    _save(d, after)
    return _reply(done, command)


def _save(d: Dialogue, settings: Settings) -> None:
    d.settings = settings
    if d._save_settings is not None:
        d._save_settings(settings)


def _topics(d: Dialogue, command: Command) -> Reply:
    titles = [s.title for s in d.library.sections]
    d._start_reading(None, phrases.topic_pages(titles))
    return _reply(d._next_piece(), command)


def _step_section(d: Dialogue, command: Command) -> Reply:
    keys = list(d.library.by_key)
    if not keys:
        return _reply(phrases.NOTHING_MORE, command)
    current = keys.index(d.state.section_key) if d.state.section_key in keys else -1
    step = 1 if command is Command.NEXT else -1
    key = keys[(current + step) % len(keys)] if current >= 0 else keys[0]
    section = d.library.by_key[key]
    d._start_reading(key, list(section.chunks))
    say = f"{section.title}. {d._next_piece()}"
    from assistant.dialogue import Reply

    return Reply("answer", say, key, d.library.pack_of(section).title, 1.0, command)


def _source(d: Dialogue, command: Command) -> Reply:
    packs = d.library.packs
    lines = [phrases.source_line(p.title, p.publisher, p.reviewed) for p in packs]
    return _reply(" ".join(lines), command, source="; ".join(p.title for p in packs))


def _back(d: Dialogue, command: Command) -> Reply:
    st = d.state
    if not st.history:
        return _reply(phrases.NO_PREVIOUS, command)
    st.section_key, st.reading, st.position, last = st.history.pop()
    return replace(last, command=command)


def _simple(d: Dialogue, command: Command) -> Reply:
    say = {
        Command.STOP: phrases.STOPPED,
        Command.HELP: phrases.HELP,
        Command.WAIT: phrases.WAITING,
        Command.YES: phrases.YES_NOTHING,
        Command.NO: phrases.YES_NOTHING,
    }.get(command, phrases.HELP)
    return _reply(say, command)


_HANDLERS = {
    Command.REPEAT: _repeat,
    Command.MORE: _more,
    Command.SLOWER: _speech_setting,
    Command.FASTER: _speech_setting,
    Command.LOUDER: _speech_setting,
    Command.QUIETER: _speech_setting,
    Command.TOPICS: _topics,
    Command.NEXT: _step_section,
    Command.PREVIOUS: _step_section,
    Command.BACK: _back,
    Command.SOURCE: _source,
}
