"""Data files (TOML) read against a schema: the demo content and demo cases are data, not code.

A schema is built from a few pieces: a Python type (`str`, `int`, `bool`, `date`), `OneOf`
(one of some strings), `AnyOf` (any of some schemas), `Amount` (a decimal amount written as
text), `ListOf`, `Table` (known keys, each required or optional) and `Translated` (one text per
language). `read` parses a file and checks it; whatever does not fit raises DataFileError, whose
message names the file and the key, e.g. `portal/demo/pages/policy.toml: text.ar.title:
missing`. Checks that need more than the shape of the data (a page type's fields, a code
defined elsewhere) call `DataFile.fail`.
"""

import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings


class DataFileError(ValueError):
    """A data file that cannot be read or does not fit its schema."""


@dataclass(frozen=True)
class OneOf:
    values: tuple[str, ...]


@dataclass(frozen=True)
class AnyOf:
    """Any of these schemas (`description` says what is expected)."""

    options: tuple
    description: str


SCALAR = AnyOf((str, int, bool, date), "a text, a number, true or false, or a date")


@dataclass(frozen=True)
class Amount:
    """A decimal amount written as text ("150.00"): TOML's floats are not exact."""


@dataclass(frozen=True)
class ListOf:
    item: object


@dataclass(frozen=True)
class Table:
    required: dict = field(default_factory=dict)
    optional: dict = field(default_factory=dict)
    # Any other key, checked against this schema (None: other keys are errors).
    other: object = None


def Translated(languages, item=str) -> Table:  # named like a type: it reads as one in the schemas
    """One value per language, for exactly these languages."""
    return Table(required=dict.fromkeys(languages, item))


_TYPE_NAMES = {str: "a text", int: "a whole number", bool: "true or false", date: "a date"}


def _describe(value) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value)


@dataclass(frozen=True)
class DataFile:
    """One file: its path, shown relative to the project in errors."""

    path: Path

    @property
    def name(self) -> str:
        try:
            return str(self.path.relative_to(settings.BASE_DIR))
        except ValueError:
            return str(self.path)

    def fail(self, key: str, problem: str):
        raise DataFileError(f"{self.name}: {key}: {problem}" if key else f"{self.name}: {problem}")

    def load(self) -> dict:
        try:
            with self.path.open("rb") as handle:
                return tomllib.load(handle)
        except FileNotFoundError:
            self.fail("", "no such file")
        except tomllib.TOMLDecodeError as error:
            self.fail("", f"not valid TOML ({error})")

    def check(self, schema, value, key: str = "") -> None:
        if isinstance(schema, Table):
            if not isinstance(value, dict):
                self.fail(key, f"expected a table, found {_describe(value)}")
            for name in schema.required:
                if name not in value:
                    self.fail(_join(key, name), "missing")
            for name, item in value.items():
                sub = schema.required.get(name, schema.optional.get(name, schema.other))
                if sub is None:
                    known = sorted({*schema.required, *schema.optional})
                    self.fail(_join(key, name), f"unknown key (known: {', '.join(known)})")
                self.check(sub, item, _join(key, name))
        elif isinstance(schema, ListOf):
            if not isinstance(value, list):
                self.fail(key, f"expected a list, found {_describe(value)}")
            for index, item in enumerate(value):
                self.check(schema.item, item, f"{key}[{index}]")
        elif isinstance(schema, OneOf):
            if value not in schema.values:
                self.fail(key, f"expected one of {', '.join(schema.values)}, found {value!r}")
        elif isinstance(schema, Amount):
            try:
                valid = isinstance(value, str) and Decimal(value).is_finite()
            except InvalidOperation:
                valid = False
            if not valid:
                self.fail(key, f'expected an amount written as text ("150.00"), found {value!r}')
        elif isinstance(schema, AnyOf):
            for option in schema.options:
                try:
                    self.check(option, value, key)
                except DataFileError:
                    continue
                return
            self.fail(key, f"expected {schema.description}, found {_describe(value)}")
        elif schema is object:
            return
        else:
            # bool is an int in Python, not in TOML.
            wrong = not isinstance(value, schema) or (schema is int and isinstance(value, bool))
            if wrong:
                self.fail(key, f"expected {_TYPE_NAMES[schema]}, found {_describe(value)}")


def _join(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name


def read(path: Path, schema) -> tuple[dict, DataFile]:
    """The data of the file at `path`, checked against `schema` (DataFileError otherwise); the
    DataFile too, for further checks."""
    file = DataFile(path)
    data = file.load()
    file.check(schema, data)
    return data, file


def language_codes() -> tuple[str, ...]:
    return tuple(code for code, _name in settings.LANGUAGES)
