"""The demo data files: every shipped file fits its schema, and a broken one is named."""

import re
import shutil
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

from portal.demo import schema
from portal.models import PAGE_MODELS, ContactSettings, FeedbackFormTexts
from workflow.datafiles import DataFileError
from workflow.demo import schema as cases_schema
from workflow.models import Case, OrganisationSettings, Priority

from ..conftest import LANGUAGES


def test_every_shipped_demo_file_fits_its_schema():
    content = schema.read()
    assert content.languages == tuple(LANGUAGES)
    # Every page file is read: the home page and the menu, nothing left over.
    files = {path.stem for path in (schema.DIRECTORY / "pages").glob("*.toml")}
    assert files == {"home"} | {page["slug"] for page in content.child_pages}
    assert {page["model"] for page in [content.home_page, *content.child_pages]} == {
        model.__name__ for model in PAGE_MODELS
    }
    assert set(content.settings) == {ContactSettings, FeedbackFormTexts, OrganisationSettings}
    assert {path.name for path in schema.DIRECTORY.glob("*.toml")} == {
        "site.toml",
        "configuration.toml",
        "staff.toml",
        "settings.toml",
    }

    cases = cases_schema.read()
    assert {path.name for path in cases_schema.DIRECTORY.glob("*.toml")} == {
        "cases.toml",
        "settings.toml",
    }
    categories = {category["code"] for category in content.categories}
    teams = {team["code"] for team in content.teams}
    usernames = {account["username"] for account in content.staff}
    for case in cases.cases:
        assert case["category"] in categories, case["slug"]
    assert set(cases.handlers) == teams
    assert set(cases.handlers.values()) <= usernames
    # Choices come back as the model's choices, amounts as Decimal.
    assert all(isinstance(case["channel"], Case.Channel) for case in cases.cases)


def _copy(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / source.parent.name / source.name
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        # A translation missing.
        (
            "pages/policy.toml",
            'title = "La nostra politica di gestione dei reclami"',
            "",
            r"pages/policy\.toml: text\.it\.title: missing$",
        ),
        # Not TOML at all.
        ("pages/faq.toml", 'slug = "faq"', 'slug = "faq', r"pages/faq\.toml: not valid TOML"),
        # A field the page type does not have.
        (
            "pages/policy.toml",
            'version = "1.0"',
            'version = "1.0", colour = "red"',
            r"pages/policy\.toml: fields\.colour: PolicyPage has no such field$",
        ),
        # A wrong type.
        (
            "configuration.toml",
            "rank = 10",
            'rank = "ten"',
            r"configuration\.toml: priorities\[0\]\.rank: expected a whole number, found 'ten'$",
        ),
        # A misspelt key.
        (
            "staff.toml",
            'first_name = "Nadia"',
            'firstname = "Nadia"',
            r"staff\.toml: staff\[0\]\.first_name: missing$",
        ),
        # A team that does not exist.
        (
            "configuration.toml",
            'team = "billing"',
            'team = "billling"',
            r"configuration\.toml: categories\[0\]\.team: no team has this code$",
        ),
        # A page type that does not exist.
        (
            "pages/faq.toml",
            'model = "StandardPage"',
            'model = "BlogPage"',
            r"pages/faq\.toml: model: expected one of HomePage, .*found 'BlogPage'$",
        ),
        # A setting that does not exist.
        (
            "settings.toml",
            "[ContactSettings]",
            "[ContactSetting]",
            r"settings\.toml: ContactSetting: not a setting of the portal$",
        ),
        # The feedback form's texts are a setting: each translated in every language.
        (
            "settings.toml",
            'title = "Bize şikâyet, öneri veya teşekkürünüzü iletin"',
            "",
            r"settings\.toml: FeedbackFormTexts\.text\.tr\.title: missing$",
        ),
        # The feedback form is no page type (a Django view; its texts are a setting).
        (
            "pages/faq.toml",
            'model = "StandardPage"',
            'model = "ComplaintFormPage"',
            r"pages/faq\.toml: model: expected one of HomePage, .*found 'ComplaintFormPage'$",
        ),
    ],
)
def test_a_broken_demo_content_file_is_named_with_its_key(tmp_path, file, old, new, message):
    directory = _copy(schema.DIRECTORY, tmp_path)
    _edit(directory / file, old, new)
    with pytest.raises(DataFileError) as error:
        schema.read(directory)
    assert re.search(message, str(error.value), flags=re.MULTILINE), str(error.value)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'action = "assess"\nseverity = "medium"',
            'action = "asess"\nseverity = "medium"',
            r"cases\.toml: cases\[2\]\.steps\[0\]\.action: expected one of assess, ",
        ),
        (
            'compensation = "150.00"',
            "compensation = 150.0",
            r"cases\.toml: cases\[6\]\.steps\[2\]\.compensation: expected an amount written as "
            r"text",
        ),
        (
            'channel = "web"',
            'channel = "fax"',
            r"cases\.toml: cases\[0\]\.channel: expected one of web, .*found 'fax'$",
        ),
        (
            'action = "reply"\naccepted = true',
            'action = "reply"\naccepted = "yes"',
            r"cases\.toml: cases\[9\]\.steps\[3\]\.accepted: expected true or false, found 'yes'$",
        ),
    ],
)
def test_a_broken_demo_cases_file_is_named_with_its_key(tmp_path, old, new, message):
    directory = _copy(cases_schema.DIRECTORY, tmp_path)
    _edit(directory / "cases.toml", old, new)
    with pytest.raises(DataFileError) as error:
        cases_schema.read(directory)
    assert re.search(message, str(error.value)), str(error.value)


@pytest.mark.django_db
def test_load_demo_stops_on_a_broken_file_before_writing_anything(tmp_path, monkeypatch):
    directory = _copy(schema.DIRECTORY, tmp_path)
    _edit(directory / "pages/privacy.toml", 'title = "Privacy notice"', "title = 1")
    monkeypatch.setattr(schema, "DIRECTORY", directory)
    with pytest.raises(CommandError, match=r"privacy\.toml: text\.en\.title: expected a text"):
        call_command("load_demo", stdout=StringIO())
    assert not Priority.objects.exists()
