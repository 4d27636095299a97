"""Forms of the improvement app's staff pages, one module per area."""
