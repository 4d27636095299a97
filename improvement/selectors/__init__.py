"""The improvement app's selectors, one module per area."""
