"""The improvement app's views, one module per area."""
