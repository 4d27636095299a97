"""The improvement app's services, one module per area."""
