"""Access to case pages, kept in a signed cookie of its own (docs/decisions.md, "Access to
a case").

A lookup (tracking number and second factor), the second factor given on the case page, and
the submission of the feedback form give the browser full access to that case: read it and
act on it (add information, accept or contest the decision, answer the survey). A link from
a notification gives read access only. Each access names the case, the fingerprint of the
case's access salt when it was given (a new salt, that is a revocation or a new access code,
ends it: the case page compares it with the case it reads anyway) and when it was given and
last used: it ends after TRACKING_ACCESS_IDLE_MINUTES without use and TRACKING_ACCESS_HOURS
after it was given, whatever the use.

The accesses are kept in the browser, in a cookie signed with the site's secret key
(`django.core.signing`; `CaseAccessMiddleware` reads it and writes it back when it
changed): `{tracking number: [case id, fingerprint, level, given at, used at]}` (times in
whole seconds). Nothing about them is stored on the server, so the lookup writes no row
and the case page reads none but the case. Use is written at most once a minute, so
reading a case page again and again does not set the cookie each time.
"""

import time
from typing import NamedTuple

from django.conf import settings
from django.core import signing

from workflow.selectors import CaseAccess

FULL, READ = "full", "read"
# Use is recorded at most this often (the idle timeout is counted in minutes).
TOUCH_SECONDS = 60
# A browser keeps access to this many cases at most (the most recently used): the cookie
# stays well under the 4 kB browsers keep.
MAX_CASES = 20
_SALT = "portal.access"


def cookie_name() -> str:
    """`__Host-` where cookies are sent over HTTPS only: the browser then refuses the
    cookie from a sibling domain or plain HTTP, so nobody can plant one."""
    return "__Host-case_access" if settings.SESSION_COOKIE_SECURE else "case_access"


class Held(NamedTuple):
    case_id: int
    fingerprint: str
    full: bool


class Grants:
    """The accesses one browser holds: read from its cookie when first asked, written back
    (by `CaseAccessMiddleware`, through `write`) only when they changed."""

    def __init__(self, cookie: str | None):
        self._cookie = cookie
        self._grants: dict | None = None
        self._drafts: list | None = None
        self.accessed = False
        self.modified = False

    def _load(self) -> None:
        if self._grants is not None:
            return
        self.accessed = True
        data = {}
        if self._cookie:
            try:
                data = signing.loads(self._cookie, salt=_SALT)
            except signing.BadSignature:
                data = {}
        grants, drafts = data.get("a"), data.get("d")
        self._grants = grants if isinstance(grants, dict) else {}
        self._drafts = drafts if isinstance(drafts, list) else []

    @property
    def grants(self) -> dict:
        self._load()
        return self._grants

    @property
    def drafts(self) -> list:
        self._load()
        return self._drafts

    def changed(self) -> None:
        self.modified = True

    def write(self, response) -> None:
        """Set (or delete) the cookie on the response, if anything changed."""
        if not self.modified:
            return
        now = int(time.time())
        grants = {ref: entry for ref, entry in self.grants.items() if not _expired(entry, now)}
        drafts = self.drafts[-MAX_CASES:]
        if not grants and not drafts:
            response.delete_cookie(cookie_name(), samesite="Lax")
            return
        # A browser-session cookie: it ends with the browser, and the times it carries
        # end each access on the server's clock whatever the browser keeps.
        response.set_cookie(
            cookie_name(),
            signing.dumps({"a": grants, "d": drafts}, salt=_SALT, compress=True),
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )


def _expired(entry, now: int) -> bool:
    try:
        _case_id, _fingerprint, _level, given, used = entry
        return (
            now - used >= settings.TRACKING_ACCESS_IDLE_MINUTES * 60
            or now - given >= settings.TRACKING_ACCESS_HOURS * 3600
        )
    except (TypeError, ValueError):  # not what this code writes: no access
        return True


def grant(held_by: Grants, access: CaseAccess, *, full: bool) -> None:
    """Give the browser access to the case: full, or read only (a link). A link opened in
    a browser that already has full access to the case keeps the full access."""
    now = int(time.time())
    grants = {
        reference: entry for reference, entry in held_by.grants.items() if not _expired(entry, now)
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
    held_by.grants.clear()
    held_by.grants.update(grants)
    held_by.changed()


def held(held_by: Grants, reference: str) -> tuple[Held | None, bool]:
    """(the browser's access to the case with this tracking number, or None; whether an
    access it had has just ended). Records the use (at most once a minute)."""
    entry = held_by.grants.get(reference)
    if entry is None:
        return None, False
    now = int(time.time())
    if _expired(entry, now):
        drop(held_by, reference)
        return None, True
    if now - entry[4] >= TOUCH_SECONDS:
        entry[4] = now
        held_by.changed()
    return Held(case_id=entry[0], fingerprint=entry[1], full=entry[2] == FULL), False


def drop(held_by: Grants, reference: str) -> None:
    """Forget the browser's access to the case (ended, or revoked meanwhile)."""
    if held_by.grants.pop(reference, None) is not None:
        held_by.changed()


# What a complainant typed into a case page's form when the browser could not act (its
# access had ended, or came from a link only): kept in the session (too long for a
# cookie), not recorded, and put back into the form once the second factor has given full
# access. The cookie names the cases with a kept draft, so a case page reads the session
# only when there is one to take. Text only: files have to be chosen again.
DRAFTS_KEY = "case_drafts"
DRAFT_VALUE_LIMIT = 20_000


def draft_keep(held_by: Grants, session, reference: str, *, action: str, post) -> bool:
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
    if reference not in held_by.drafts:
        held_by.drafts.append(reference)
        held_by.changed()
    return True


def draft_take(held_by: Grants, session, reference: str) -> tuple[str, dict] | None:
    """The kept (action, initial values) for the case, forgotten as it is taken."""
    if reference not in held_by.drafts:
        return None
    held_by.drafts.remove(reference)
    held_by.changed()
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
