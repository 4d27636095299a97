"""The public tracking document: what a search engine may hold to answer the public lookup.

It holds no personal data and none of the case's words: the tracking number, the case id,
the fingerprint of the case's access salt (what the signed link carries) and keyed
verifiers of the second factors. A verifier is an HMAC (SHA-256) keyed with SECRET_KEY over
the tracking number, the salt's fingerprint, the kind of factor and its normalised value:
without SECRET_KEY nobody can test guesses against it, the same email gives unrelated
verifiers on two cases, and a new access salt (which revokes the access code and every
link) changes them all. The normalisation is the database lookup's (`workflow.references`), so
both paths accept the same answers.
"""

from django.utils.crypto import constant_time_compare, salted_hmac

from workflow.models import Case
from workflow.references import (
    access_code_for,
    normalised_code,
    normalised_email,
    normalised_phone,
    salt_fingerprint,
)


def verifier(*, kind: str, reference: str, fingerprint: str, value: str) -> str:
    """The keyed verifier of one second factor ("" for an empty value: matches nothing)."""
    if not value:
        return ""
    message = f"{kind}:{reference}:{fingerprint}:{value}"
    return salted_hmac("search.tracking-verifier", message, algorithm="sha256").hexdigest()


def tracking_fields(case: Case) -> dict:
    """The public document of a case (its complainant read if there is one)."""
    fingerprint = salt_fingerprint(case.access_salt)
    person = getattr(case, "complainant", None)
    email = normalised_email(person.email) if person else ""
    phone = normalised_phone(person.phone) if person else ""
    code = normalised_code(access_code_for(reference=case.reference, salt=case.access_salt))
    values = {"email": email, "phone": phone, "code": code}
    return {
        "case_id": case.pk,
        "reference": case.reference,
        "fingerprint": fingerprint,
        "updated_at": case.updated_at,
        **{
            f"{kind}_verifier": verifier(
                kind=kind, reference=case.reference, fingerprint=fingerprint, value=value
            )
            for kind, value in values.items()
        },
    }


def second_factor_matches(document: dict, given: str) -> bool:
    """Whether `given` (an email, a mobile number or the access code) verifies against the
    public document, comparing in constant time."""
    given = (given or "").strip()
    if not given:
        return False
    reference, fingerprint = document.get("reference", ""), document.get("fingerprint", "")
    candidates = {"code": normalised_code(given)}
    if "@" in given:
        candidates["email"] = normalised_email(given)
    else:
        candidates["phone"] = normalised_phone(given)
    matched = False
    for kind, value in candidates.items():
        stored = document.get(f"{kind}_verifier") or ""
        computed = verifier(kind=kind, reference=reference, fingerprint=fingerprint, value=value)
        # Every candidate is compared, so the time taken does not tell which one matched.
        matched |= bool(stored and computed) and constant_time_compare(stored, computed)
    return matched
