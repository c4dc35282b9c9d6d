"""One error hierarchy: every failure a user can cause is an ``AssistantError``.

The library never exits the process; the CLI turns these into one plain line on stderr.
Messages name the bad value and what would be accepted.
"""


class AssistantError(Exception):
    """Base class for every error the assistant reports to a person."""


class ConfigError(AssistantError):
    """A setting, option or folder is not usable."""


class ContentError(AssistantError):
    """A content pack is missing or invalid."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems: list[str] = problems or []

    def __str__(self) -> str:
        base = super().__str__()
        if not self.problems:
            return base
        return base + "\n" + "\n".join(f"  {p}" for p in self.problems)


class AudioError(AssistantError):
    """An audio file or device cannot be read or written."""


class RecognitionError(AssistantError):
    """The speech recogniser could not be loaded or failed."""


class SynthesisError(AssistantError):
    """The speech synthesiser could not be loaded or failed."""


class ReminderError(AssistantError):
    """A reminder, time or schedule is not valid, or the store failed."""


class ModelFetchError(AssistantError):
    """A model could not be downloaded, verified or unpacked."""
