"""The improvement app's forms, one module per area."""
