"""Improvement (ISO 10002 clause 8): analysis, objectives and KPIs, corrective actions,
satisfaction analysis, management review and audit evidence.

It reads and records through `workflow` (one way: workflow never imports it) and sits
below `portal`, above `search` (see .importlinter and docs/architecture.md)."""
