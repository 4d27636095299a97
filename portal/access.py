"""Access to case pages, kept in the visitor's session (docs/decisions.md, "Access to a
case").

A lookup (tracking number and second factor), the second factor given on the case page, and
the submission of the feedback form give the session full access to that case: read it and
act on it (add information, accept or contest the decision, answer the survey). A link from
a notification gives read access only. Each access names the case, the fingerprint of the
case's access salt when it was given (a new salt, that is a revocation or a new access code,
ends it: the case page compares it with the case it reads anyway) and when it was given and
last used: it ends after TRACKING_ACCESS_IDLE_MINUTES without use and TRACKING_ACCESS_HOURS
after it was given, whatever the use.

The session holds `{tracking number: [case id, fingerprint, level, given at, used at]}`
(times in whole seconds). Use is written at most once a minute, so reading a case page
again and again does not write the session each time.
"""

import time
from typing import NamedTuple

from django.conf import settings

from workflow.selectors import CaseAccess

SESSION_KEY = "case_access"
FULL, READ = "full", "read"
# Use is recorded at most this often (the idle timeout is counted in minutes).
TOUCH_SECONDS = 60
# A session keeps access to this many cases at most (the most recently used).
MAX_CASES = 20


class Held(NamedTuple):
    case_id: int
    fingerprint: str
    full: bool


def _expired(entry, now: int) -> bool:
    _case_id, _fingerprint, _level, given, used = entry
    return (
        now - used >= settings.TRACKING_ACCESS_IDLE_MINUTES * 60
        or now - given >= settings.TRACKING_ACCESS_HOURS * 3600
    )


def grant(session, access: CaseAccess, *, full: bool, new_key: bool = True) -> None:
    """Give the session access to the case: full, or read only (a link). A link opened in
    a session that already has full access to the case keeps the full access. Full access
    gives the session a new key (a key an attacker fixed beforehand is worth nothing),
    unless `new_key` is False (the submission: see docs/decisions.md)."""
    now = int(time.time())
    grants = {
        reference: entry
        for reference, entry in (session.get(SESSION_KEY) or {}).items()
        if not _expired(entry, now)
    }
    current = grants.get(access.reference)
    keeps_full = (
        not full
        and current is not None
        and current[2] == FULL
        and current[0] == access.case_id
        and current[1] == access.fingerprint
    )
    if keeps_full:
        current[4] = now
    else:
        level = FULL if full else READ
        grants[access.reference] = [access.case_id, access.fingerprint, level, now, now]
    if len(grants) > MAX_CASES:
        newest = sorted(grants, key=lambda reference: grants[reference][4])[-MAX_CASES:]
        grants = {reference: grants[reference] for reference in newest}
    session[SESSION_KEY] = grants
    if full and new_key and session.session_key is not None:
        session.cycle_key()


def held(session, reference: str) -> tuple[Held | None, bool]:
    """(the session's access to the case with this tracking number, or None; whether an
    access it had has just ended). Records the use (at most once a minute)."""
    grants = session.get(SESSION_KEY)
    entry = (grants or {}).get(reference)
    if entry is None:
        return None, False
    now = int(time.time())
    if _expired(entry, now):
        drop(session, reference)
        return None, True
    if now - entry[4] >= TOUCH_SECONDS:
        entry[4] = now
        session.modified = True
    return Held(case_id=entry[0], fingerprint=entry[1], full=entry[2] == FULL), False


def drop(session, reference: str) -> None:
    """Forget the session's access to the case (ended, or revoked meanwhile)."""
    grants = dict(session.get(SESSION_KEY) or {})
    if grants.pop(reference, None) is not None:
        session[SESSION_KEY] = grants


# What a complainant typed into a case page's form when the session could not act (its
# access had ended, or came from a link only): kept in the session, not recorded, and put
# back into the form once the second factor has given full access. Text only: files have
# to be chosen again.
DRAFTS_KEY = "case_drafts"
DRAFT_VALUE_LIMIT = 20_000


def draft_keep(session, reference: str, *, action: str, post) -> bool:
    """Keep the fields of form `action` from a refused POST; True if there was any text."""
    prefix = f"{action}-"
    data = {
        name.removeprefix(prefix): [value[:DRAFT_VALUE_LIMIT] for value in post.getlist(name)]
        for name in post
        if name.startswith(prefix)
    }
    if not any(value.strip() for values in data.values() for value in values):
        return False
    drafts = dict(session.get(DRAFTS_KEY) or {})
    drafts[reference] = {"action": action, "data": data}
    session[DRAFTS_KEY] = drafts
    return True


def draft_take(session, reference: str) -> tuple[str, dict] | None:
    """The kept (action, initial values) for the case, forgotten as it is taken."""
    drafts = session.get(DRAFTS_KEY)
    if not drafts or reference not in drafts:
        return None
    drafts = dict(drafts)
    draft = drafts.pop(reference)
    session[DRAFTS_KEY] = drafts
    initial = {
        name: values if len(values) > 1 else values[0]
        for name, values in draft["data"].items()
        if values
    }
    return draft["action"], initial
