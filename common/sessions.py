"""Sessions kept in the database and read through the shared cache (Redis).

Reading a session from Redis instead of PostgreSQL halves what an ordinary page costs before
its view runs. The database stays the record: a session is written there first, and with the
cache server down every request reads it from there and nothing fails (Django's cached_db
store survives a failed write to the cache, but not a failed read or delete).

A copy in the cache lives at most CACHED_FOR seconds: a login that ended while the cache
server could not be reached (its copy not deleted) stays usable no longer than that.
"""

import logging

from django.contrib.sessions.backends import cached_db

logger = logging.getLogger(__name__)

CACHED_FOR = 300


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:  # noqa: BLE001 - the database has the session
            logger.warning("sessions: cache unavailable, reading the database", exc_info=True)
            data = None
        if data is not None:
            return data
        row = self._get_session_from_db()
        if not row:
            return {}
        data = self.decode(row.session_data)
        self._keep(data, self.get_expiry_age(expiry=row.expire_date))
        return data

    def save(self, must_create=False):
        cached_db.DBStore.save(self, must_create)
        self._keep(self._session, self.get_expiry_age())

    def _keep(self, data, expiry_age):
        try:
            self._cache.set(self.cache_key, data, min(expiry_age, CACHED_FOR))
        except Exception:  # noqa: BLE001 - next time it comes from the database again
            logger.warning("sessions: could not keep a session in the cache", exc_info=True)

    def exists(self, session_key):
        # Only the database says whether a key is taken (a new session's key must be unique).
        return cached_db.DBStore.exists(self, session_key)

    def delete(self, session_key=None):
        cached_db.DBStore.delete(self, session_key)
        if session_key is None:
            session_key = self.session_key
        if session_key is None:
            return
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception:  # noqa: BLE001 - the copy expires within CACHED_FOR seconds
            logger.error("sessions: an ended login stays in the cache for up to %s s",
                         CACHED_FOR, exc_info=True)
