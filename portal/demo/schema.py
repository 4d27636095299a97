"""The demo content as data: the files of portal/demo/, read and checked.

Why TOML: Python reads it without a dependency (tomllib), it has comments (JSON has none),
dates (a policy's effective date) and exact multi-line strings, and none of YAML's implicit
typing (a version "1.0" stays text). Every text is written in each language of site.toml.

`read()` returns the content in the shapes `load_demo` works with; a file that does not fit
raises DataFileError naming the file and the key.
"""

from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from modeltranslation.translator import translator
from wagtail.contrib.settings.models import BaseGenericSetting
from wagtail.fields import StreamField

from portal.models import PAGE_MODELS
from workflow import roles
from workflow.datafiles import (
    SCALAR,
    AnyOf,
    DataFile,
    ListOf,
    OneOf,
    Table,
    Translated,
    language_codes,
)
from workflow.datafiles import (
    read as read_file,
)

DIRECTORY = Path(__file__).resolve().parent
ALL_TEAMS = "*"
STEP_HOURS = (
    "assess",
    "investigate",
    "respond",
    "approve",
    "review",
    "close",
    "second_level",
    "reminder",
)


@dataclass
class DemoContent:
    languages: tuple[str, ...]
    password: str
    email_domain: str
    priorities: list[dict]
    teams: list[dict]
    categories: list[dict]
    staff: list[dict]
    # Setting model → {"fields": {...}, "text": {language: {...}}}.
    settings: dict
    home_page: dict
    # The children of the home page, in menu order. A page: {"model", "slug", "fields",
    # "text"}; a stream field's value is a list of (block type, value) pairs.
    child_pages: list[dict]


def site_schema() -> Table:
    return Table(required={"languages": ListOf(OneOf(language_codes())), "menu": ListOf(str)})


def configuration_schema(languages) -> Table:
    name = Translated(languages)
    return Table(
        required={
            "priorities": ListOf(
                Table(
                    required={
                        "code": str,
                        "rank": int,
                        "is_default": bool,
                        "hours": Table(required=dict.fromkeys(STEP_HOURS, int)),
                        "name": name,
                    }
                )
            ),
            "teams": ListOf(Table(required={"code": str, "name": name})),
            "categories": ListOf(
                Table(required={"code": str, "team": str, "order": int, "name": name})
            ),
        }
    )


def staff_schema() -> Table:
    teams = AnyOf((OneOf((ALL_TEAMS,)), ListOf(str)), f'a list of team codes or "{ALL_TEAMS}"')
    return Table(
        required={
            "password": str,
            "email_domain": str,
            "staff": ListOf(
                Table(
                    required={
                        "username": str,
                        "first_name": str,
                        "last_name": str,
                        "group": OneOf(tuple(roles.PERMISSIONS)),
                    },
                    optional={
                        "teams": teams,
                        "supervises": teams,
                        "superuser": bool,
                    },
                )
            ),
        }
    )


def _translated_fields(model) -> tuple[str, ...]:
    return tuple(translator.get_options_for_model(model).fields)


def _stream_schema() -> ListOf:
    # A block: its `type` and the block's fields (a struct block's children).
    return ListOf(Table(required={"type": str}, other=object))


def _text_schema(model, languages, *, title: bool) -> Table:
    fields = _translated_fields(model)
    per_language = {
        name: _stream_schema() if _is_stream(model, name) else str
        for name in (("title",) if title else ()) + fields
    }
    return Table(required={language: Table(required=per_language) for language in languages})


def _is_stream(model, name: str) -> bool:
    return isinstance(model._meta.get_field(name), StreamField)


def _fields_check(file: DataFile, model, fields: dict, key: str) -> None:
    """Untranslated values: fields of the model that are not translated."""
    translated = set(_translated_fields(model)) | {"title", "slug"}
    for name, value in fields.items():
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            file.fail(f"{key}.{name}", f"{model.__name__} has no such field")
        if name in translated:
            file.fail(f"{key}.{name}", "a translated field: write it under text.<language>")
        file.check(SCALAR, value, f"{key}.{name}")


def _page_read(path: Path, languages) -> dict:
    models = {model.__name__: model for model in PAGE_MODELS}
    page, file = read_file(
        path,
        Table(
            required={"model": OneOf(tuple(models)), "slug": str, "text": object},
            optional={"fields": Table(other=object)},
        ),
    )
    model = models[page["model"]]
    file.check(_text_schema(model, languages, title=True), page["text"], "text")
    _fields_check(file, model, page.get("fields", {}), "fields")
    if page["slug"] != path.stem:
        file.fail("slug", f"expected {path.stem!r}, the file's name")
    text = {
        language: {
            name: _stream_value(value) if isinstance(value, list) else value
            for name, value in texts.items()
        }
        for language, texts in page["text"].items()
    }
    return {
        "model": page["model"],
        "slug": page["slug"],
        "fields": page.get("fields", {}),
        "text": text,
    }


def _stream_value(blocks: list[dict]) -> list[tuple[str, dict]]:
    return [
        (block["type"], {name: value for name, value in block.items() if name != "type"})
        for block in blocks
    ]


def _settings_read(path: Path, languages) -> dict:
    data, file = read_file(path, Table(other=Table(optional={"fields": object, "text": object})))
    result = {}
    for name, spec in data.items():
        model = _setting_model(name)
        if model is None:
            file.fail(name, "not a setting of the portal")
        file.check(
            _text_schema(model, languages, title=False), spec.get("text", {}), f"{name}.text"
        )
        file.check(Table(other=object), spec.get("fields", {}), f"{name}.fields")
        _fields_check(file, model, spec.get("fields", {}), f"{name}.fields")
        result[model] = {"fields": spec.get("fields", {}), "text": spec.get("text", {})}
    return result


def _setting_model(name: str):
    """The portal's setting called `name`, or the process's (the organisation's name is a
    setting of workflow: notifications say it too)."""
    for app_label in ("portal", "workflow"):
        try:
            model = apps.get_model(app_label, name)
        except LookupError:
            continue
        return model if issubclass(model, BaseGenericSetting) else None
    return None


def read(directory: Path | None = None) -> DemoContent:
    """The demo content of `directory` (portal/demo/), checked (DataFileError names the file
    and key)."""
    directory = directory or DIRECTORY
    site, site_file = read_file(directory / "site.toml", site_schema())
    languages = tuple(site["languages"])
    configuration, configuration_file = read_file(
        directory / "configuration.toml", configuration_schema(languages)
    )
    teams = {team["code"] for team in configuration["teams"]}
    for index, category in enumerate(configuration["categories"]):
        if category["team"] not in teams:
            configuration_file.fail(f"categories[{index}].team", "no team has this code")
    if sum(priority["is_default"] for priority in configuration["priorities"]) != 1:
        configuration_file.fail("priorities", "exactly one priority is the default")
    staff, staff_file = read_file(directory / "staff.toml", staff_schema())
    for index, account in enumerate(staff["staff"]):
        for key in ("teams", "supervises"):
            codes = account.get(key, [])
            unknown = [] if codes == ALL_TEAMS else sorted(set(codes) - teams)
            if unknown:
                staff_file.fail(f"staff[{index}].{key}", f"no team has the code {unknown[0]!r}")
    pages = directory / "pages"
    home = _page_read(pages / "home.toml", languages)
    children = []
    for index, slug in enumerate(site["menu"]):
        if not (pages / f"{slug}.toml").exists():
            site_file.fail(f"menu[{index}]", f"no page file pages/{slug}.toml")
        children.append(_page_read(pages / f"{slug}.toml", languages))
    return DemoContent(
        languages=languages,
        password=staff["password"],
        email_domain=staff["email_domain"],
        priorities=configuration["priorities"],
        teams=configuration["teams"],
        categories=configuration["categories"],
        staff=staff["staff"],
        settings=_settings_read(directory / "settings.toml", languages),
        home_page=home,
        child_pages=children,
    )
