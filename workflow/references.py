"""Tracking numbers and access codes.

A tracking number is random, not sequential (it tells nothing about volumes and
cannot be walked), readable aloud and typed without ambiguity: no 0/O, 1/I/L, U.
The access code is derived from the number and a per-case salt with the secret key,
so it is never stored; a new salt revokes it.
"""

import re
import secrets

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIXES = {"complaint": "CMP", "suggestion": "SUG", "compliment": "CPL"}
_REFERENCE = re.compile(rf"^(CMP|SUG|CPL)([{ALPHABET}]{{4}})([{ALPHABET}]{{4}})$")
_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def _random_chars(count: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(count))


def new_reference(kind: str) -> str:
    chars = _random_chars(8)
    return f"{PREFIXES[kind]}-{chars[:4]}-{chars[4:]}"


def new_access_salt() -> str:
    return secrets.token_hex(16)


def normalise_reference(text: str) -> str | None:
    """`cmp 7k3q9xd2` → `CMP-7K3Q-9XD2`; None when it cannot be a tracking number."""
    compact = _NOT_ALNUM.sub("", (text or "").upper())
    match = _REFERENCE.match(compact)
    if not match:
        return None
    return "-".join(match.groups())


def access_code_for(*, reference: str, salt: str) -> str:
    digest = salted_hmac("workflow.access-code", f"{reference}:{salt}", algorithm="sha256").digest()
    chars = "".join(ALPHABET[byte % len(ALPHABET)] for byte in digest[:8])
    return f"{chars[:4]}-{chars[4:]}"


def access_code_matches(*, reference: str, salt: str, given: str) -> bool:
    expected = normalised_code(access_code_for(reference=reference, salt=salt))
    return constant_time_compare(normalised_code(given), expected)


# --- Second factors -------------------------------------------------------------------------
# What the public lookup accepts besides the tracking number, normalised the one way both the
# database lookup (`selectors`) and the search engine's tracking document (`search.tracking`)
# compare it: an email address ignoring case, the last nine digits of a phone number (at least
# six given), the access code without its dash, in any case. "" matches nothing.

_NOT_DIGIT = re.compile(r"\D")
PHONE_DIGITS = 9
MIN_PHONE_DIGITS = 6


def normalised_email(value: str) -> str:
    return (value or "").strip().lower() if "@" in (value or "") else ""


def normalised_phone(value: str) -> str:
    digits = _NOT_DIGIT.sub("", value or "")
    return digits[-PHONE_DIGITS:] if len(digits) >= MIN_PHONE_DIGITS else ""


def normalised_code(value: str) -> str:
    return _NOT_ALNUM.sub("", (value or "").upper())


# A new salt name (2026-12): the links issued before the short-lived, read-only links
# (180 days, full access) no longer verify at all.
_LINK_SALT = "workflow.tracking-link.read-only"


def salt_fingerprint(salt: str) -> str:
    """A fingerprint of a case's access salt (keyed: it tells nothing about the salt)."""
    return salted_hmac("workflow.link-fingerprint", salt, algorithm="sha256").hexdigest()[:12]


def tracking_token_for(*, case_id: int, salt: str) -> str:
    """A signed, timestamped token that opens one case's public status read-only, for
    TRACKING_LINK_HOURS (`portal.access`: acting on the case needs the second factor).

    It names the case and a fingerprint of its access salt: a new salt revokes it.
    """
    fingerprint = salt_fingerprint(salt)
    return signing.dumps({"c": case_id, "f": fingerprint}, salt=_LINK_SALT, compress=True)


def tracking_token_read(token: str, *, max_age_seconds: int) -> tuple[int, str] | None:
    """(case id, salt fingerprint) from a valid, unexpired token; None otherwise."""
    try:
        data = signing.loads(token, salt=_LINK_SALT, max_age=max_age_seconds)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("c"), int):
        return None
    return data["c"], str(data.get("f", ""))


def salt_matches(*, salt: str, fingerprint: str) -> bool:
    return constant_time_compare(salt_fingerprint(salt), fingerprint)
