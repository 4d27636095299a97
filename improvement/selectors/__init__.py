"""One module per area of the improvement app."""
