"""The improvement app's models, one module per area (each imported here)."""

from .traceability import Traceability  # noqa: F401
