"""The improvement app's models, one module per area (each imported here)."""

from .actions import ActionLogEntry, CorrectiveAction  # noqa: F401
