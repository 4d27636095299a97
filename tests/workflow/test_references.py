import re

import pytest

from workflow.references import (
    ALPHABET,
    access_code_for,
    access_code_matches,
    new_access_salt,
    new_reference,
    normalise_reference,
)


@pytest.mark.iso("7.2")
def test_references_are_random_readable_and_prefixed_by_kind():
    references = {new_reference("complaint") for _ in range(2000)}
    assert len(references) == 2000
    for reference in references:
        assert re.fullmatch(rf"CMP-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}", reference)
    assert new_reference("suggestion").startswith("SUG-")
    assert new_reference("compliment").startswith("CPL-")
    assert not set("01ILOU") & set(ALPHABET)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("CMP-7K3Q-9XD2", "CMP-7K3Q-9XD2"),
        ("cmp7k3q9xd2", "CMP-7K3Q-9XD2"),
        (" cmp 7k3q 9xd2 ", "CMP-7K3Q-9XD2"),
        ("CMP-7K3Q-9XD", None),
        ("XYZ-7K3Q-9XD2", None),
        ("CMP-7K3Q-9XD0", None),
        ("", None),
        ("'; DROP TABLE", None),
    ],
)
def test_normalise_reference(typed, expected):
    assert normalise_reference(typed) == expected


@pytest.mark.iso("4.10")
def test_access_code_depends_on_reference_and_salt(settings):
    salt = new_access_salt()
    code = access_code_for(reference="CMP-7K3Q-9XD2", salt=salt)
    assert re.fullmatch(rf"[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}", code)
    assert access_code_matches(reference="CMP-7K3Q-9XD2", salt=salt, given=code.lower())
    assert access_code_matches(reference="CMP-7K3Q-9XD2", salt=salt, given=code.replace("-", " "))
    assert not access_code_matches(reference="CMP-7K3Q-9XD3", salt=salt, given=code)
    # A new salt revokes the old code.
    assert not access_code_matches(reference="CMP-7K3Q-9XD2", salt=new_access_salt(), given=code)
    settings.SECRET_KEY = "another-secret"
    assert access_code_for(reference="CMP-7K3Q-9XD2", salt=salt) != code
