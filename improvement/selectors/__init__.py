"""Reads of the improvement app, with their rules (who may see what); one module per area."""
