"""Staff pages of the improvement app (under /staff/improvement/), one module per area."""
