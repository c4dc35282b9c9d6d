"""The patient's speech settings (rate, volume, voice), remembered between runs."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from assistant.errors import ConfigError

_LOGGER = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
DEFAULT_RATE = 1.0
DEFAULT_VOLUME = 1.0
RATE_STEP = 0.15
VOLUME_STEP = 0.15
MIN_RATE, MAX_RATE = 0.55, 1.6
MIN_VOLUME, MAX_VOLUME = 0.2, 1.0


@dataclass(frozen=True)
class Settings:
    """Speech settings chosen by the patient or carer."""

    rate: float = DEFAULT_RATE
    """Speaking rate: 1.0 is the engine's normal pace; lower is slower."""
    volume: float = DEFAULT_VOLUME
    """Output volume from 0.2 to 1.0."""
    tts: str | None = None
    """Speech engine name, or None for the default."""
    voice: str | None = None
    """Voice name within the engine, or None for its default."""

    def __post_init__(self) -> None:
        if not MIN_RATE <= self.rate <= MAX_RATE:
            raise ConfigError(f"speech rate {self.rate}: expected {MIN_RATE} to {MAX_RATE}")
        if not MIN_VOLUME <= self.volume <= MAX_VOLUME:
            raise ConfigError(f"volume {self.volume}: expected {MIN_VOLUME} to {MAX_VOLUME}")

    def slower(self) -> Settings:
        """One step slower, not below the minimum."""
        return replace(self, rate=round(max(MIN_RATE, self.rate - RATE_STEP), 2))

    def faster(self) -> Settings:
        """One step faster, not above the maximum."""
        return replace(self, rate=round(min(MAX_RATE, self.rate + RATE_STEP), 2))

    def louder(self) -> Settings:
        """One step louder, not above the maximum."""
        return replace(self, volume=round(min(MAX_VOLUME, self.volume + VOLUME_STEP), 2))

    def quieter(self) -> Settings:
        """One step quieter, not below the minimum."""
        return replace(self, volume=round(max(MIN_VOLUME, self.volume - VOLUME_STEP), 2))


def load_settings(home: Path) -> Settings:
    """Read settings from ``home``; a missing or damaged file gives the defaults (logged)."""
    path = home / SETTINGS_FILE
    if not path.exists():
        return Settings()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        known = {k: data[k] for k in ("rate", "volume", "tts", "voice") if k in data}
        return Settings(**known)
    except (OSError, ValueError, TypeError, ConfigError) as err:
        _LOGGER.warning("ignoring unreadable settings file %s: %s", path, err)
        return Settings()


def save_settings(home: Path, settings: Settings) -> None:
    """Write settings atomically, so a killed process never leaves half a file."""
    path = home / SETTINGS_FILE
    tmp = path.with_suffix(".tmp")
    try:
        tmp.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as err:
        raise ConfigError(f"cannot save settings to {path}: {err.strerror}") from err
