"""Django's database sessions, read with SQL compiled once (``reader.prepared``).

Every request of a logged-in learner reads their session row; the ORM's
lookup cost 405 µs of CPU a request, the prepared one 30 µs. Everything
else is Django's ``db`` backend: the same table and cookie, so sessions
made before this engine stay valid, and logging out deletes the row, so
the session ends at once on every app server. (A signed-cookie session
cannot be ended by logging out; ``cached_db`` keeps a copy in each
process's own cache, where a logged-out session would live on in the
other workers.)

The row is read on every request, but what its signed data says is kept,
by the data itself: checking the signature and decoding took 25–55 µs of
CPU a request, and the same bytes under the same keys always say the same.
Nothing is kept that the row does not say again on each request: a deleted
or expired row is no session, and changed data is decoded afresh.
"""

import copy
from functools import lru_cache

from django.conf import settings
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.core import signing
from django.utils import timezone

from .prepared import Prepared

_ROW = Prepared(
    lambda key: (
        Session.objects.filter(session_key=key)
        .order_by()
        .values_list("session_data", "expire_date")[:1]
    )
)
_KEPT_DATA_CHARS = 2048  # longer data (an import's report) is decoded every time
_SCALARS = (str, int, float, bool, type(None))


@lru_cache(maxsize=4096)
def _decoded(data: str, salt: str, serializer, secret: str, fallbacks: tuple) -> dict:
    """The session in ``data``; the keys are arguments only so that new keys decode afresh.
    Raises as ``signing.loads`` does, and nothing is kept then."""
    return signing.loads(data, salt=salt, serializer=serializer)


class SessionStore(db.SessionStore):
    def load(self):
        row = _ROW.first(key=self.session_key) if self.session_key else None
        if row is None or row[1] <= timezone.now():
            self._session_key = None
            return {}
        data = row[0]
        if len(data) > _KEPT_DATA_CHARS:
            return self.decode(data)
        try:
            session = _decoded(
                data,
                self.key_salt,
                self.serializer,
                settings.SECRET_KEY,
                tuple(settings.SECRET_KEY_FALLBACKS),
            )
        except Exception:
            return self.decode(data)  # Django's: an empty session, a corrupted one logged
        # The request may change its session: it gets its own copy.
        if all(isinstance(value, _SCALARS) for value in session.values()):
            return dict(session)
        return copy.deepcopy(session)
