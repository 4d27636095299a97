"""Django's database sessions, read and written with one SQL statement each.

The same table, format (signed JSON), expiry and errors as
`django.contrib.sessions.backends.db`; only reading a session and updating an existing one
skip the ORM: building their queries cost several times the statements themselves, on every
step of the feedback form and twice in a submission. Creating a session, checking a key and
clearing expired sessions stay Django's own (`SESSION_ENGINE = "portal.sessions"`).
"""

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import DatabaseError, connections, router
from django.utils import timezone

_STATEMENTS: dict[str, tuple[str, str]] = {}


def _statements(connection, model) -> tuple[str, str]:
    if connection.vendor not in _STATEMENTS:
        _STATEMENTS[connection.vendor] = _build(connection, model)
    return _STATEMENTS[connection.vendor]


def _build(connection, model) -> tuple[str, str]:
    quote = connection.ops.quote_name
    meta = model._meta
    table = quote(meta.db_table)
    key, data, expires = (
        quote(meta.get_field(name).column)
        for name in ("session_key", "session_data", "expire_date")
    )
    # Identifiers from the model's metadata; values are always parameters.
    select = f"SELECT {data} FROM {table} WHERE {key} = %s AND {expires} > %s"  # noqa: S608
    update = f"UPDATE {table} SET {data} = %s, {expires} = %s WHERE {key} = %s"  # noqa: S608
    return select, update


class SessionStore(DatabaseSessionStore):
    def load(self):
        if self.session_key is None:
            return {}
        connection = connections[router.db_for_read(self.model)]
        select, _update = _statements(connection, self.model)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(select, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:  # unknown or expired, as Django's own store
            self._session_key = None
            return {}
        return self.decode(row[0])

    def save(self, must_create=False):
        if self.session_key is None or must_create:
            return super().save(must_create=must_create)
        data = self.encode(self._get_session(no_load=False))
        connection = connections[router.db_for_write(self.model)]
        _select, update = _statements(connection, self.model)
        expires = connection.ops.adapt_datetimefield_value(self.get_expiry_date())
        try:
            with connection.cursor() as cursor:
                cursor.execute(update, [data, expires, self.session_key])
                updated = cursor.rowcount
        except DatabaseError as error:
            raise UpdateError from error
        if updated != 1:  # deleted meanwhile (a logout elsewhere, the expiry sweep)
            raise UpdateError
        return None
