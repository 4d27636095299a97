"""The demo cases as data files (TOML), read and checked by `schema.py` for `load_demo`."""
