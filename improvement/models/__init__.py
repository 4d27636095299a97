"""The improvement app's models, one module per area (each imported here)."""

from .objectives import Objective

__all__ = ["Objective"]
