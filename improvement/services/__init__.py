"""Every write of the improvement app, one module per area: each in one transaction with its
history events and outbox rows."""
