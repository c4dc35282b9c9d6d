"""Where a user's settings, reminder database and logs live."""

from __future__ import annotations

import os
from pathlib import Path

from assistant.errors import ConfigError

APP_NAME = "recovery-assistant"
HOME_ENV = "ASSISTANT_HOME"
PROJECT_DIR = Path(__file__).resolve().parent.parent
CONTENT_DIR = PROJECT_DIR / "content"
MODELS_DIR = PROJECT_DIR / "models"


def resolve_home(explicit: str | None = None, *, create: bool = True) -> Path:
    """Return the data folder: ``--home``, else ``$ASSISTANT_HOME``, else the platform's user data dir.

    Raises:
        ConfigError: the folder cannot be created or is not a folder.
    """
    if explicit:
        home = Path(explicit).expanduser()
    elif os.environ.get(HOME_ENV):
        home = Path(os.environ[HOME_ENV]).expanduser()
    else:
        import platformdirs

        home = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    if home.exists() and not home.is_dir():
        raise ConfigError(f"home folder {home} is a file: expected a folder (or a new path)")
    if create:
        try:
            home.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise ConfigError(f"cannot create home folder {home}: {err.strerror}") from err
    return home
