"""Assemble the assistant from its parts: content, matcher, dialogue, settings and reminders."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from assistant.content import Library, default_pack_dirs, load_library
from assistant.dialogue import Dialogue, ReminderHooks
from assistant.errors import ReminderError
from assistant.home import CONTENT_DIR, PROJECT_DIR, resolve_home
from assistant.matcher import Matcher
from assistant.reminders.store import Store
from assistant.settings import load_settings, save_settings

_LOGGER = logging.getLogger(__name__)


def cache_dir() -> Path:
    """Where derived data (content embeddings) is cached: the project's .cache, else the user's."""
    project_cache = PROJECT_DIR / ".cache"
    if os.access(PROJECT_DIR, os.W_OK):
        return project_cache
    import platformdirs

    return Path(platformdirs.user_cache_dir("recovery-assistant", appauthor=False))


def content_folders(requested: Sequence[str] | None) -> list[Path]:
    """The pack folders to load: those asked for, else every pack under content/."""
    if requested:
        return [Path(p) for p in requested]
    return default_pack_dirs(CONTENT_DIR)


@dataclass
class Assistant:
    """Everything a conversation needs, loaded once per process."""

    library: Library
    matcher: Matcher
    home: Path
    tz: tzinfo
    store: Store | None

    @classmethod
    def load(cls, content: Sequence[str] | None = None, home: str | None = None,
             tz_name: str | None = None) -> Assistant:
        """Load content, matcher and reminder hooks.

        Raises:
            ContentError: a pack is missing or invalid.
            ConfigError: the home folder or a model is unusable.
        """
        from assistant.reminders.parse import resolve_zone

        library = load_library(content_folders(content))
        matcher = Matcher.load(library, cache_dir=cache_dir())
        home_dir = resolve_home(home)
        tz = resolve_zone(tz_name)
        return cls(library, matcher, home_dir, tz, _open_store(home_dir))

    def new_dialogue(self) -> Dialogue:
        """A fresh conversation with the patient's saved speech settings."""
        hooks: ReminderHooks | None = None
        if self.store is not None:
            from assistant.reminders.hooks import StoreHooks

            hooks = StoreHooks(self.store, self.tz)
        return Dialogue(
            self.library, self.matcher, load_settings(self.home),
            save_settings=lambda s: save_settings(self.home, s), reminders=hooks,
        )

    def now(self, text: str | None) -> datetime:
        """The current local time: ``--now`` if given, else the clock."""
        if not text:
            return datetime.now(self.tz)
        from assistant.reminders.parse import parse_local_time

        return parse_local_time(text, self.tz, what="--now")


def _open_store(home: Path) -> Store | None:
    """The reminder store; answering questions still works if it cannot be opened (logged)."""
    try:
        return Store.open(home)
    except ReminderError as err:
        _LOGGER.warning("reminders unavailable: %s", err)
        return None
