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

The reader page reads the row in the same query as the learner's own rows
(``pages.read_page``): whose rows, it guesses from what the row held when
last read here (``guess``), and the row read anew decides (``take_row``).
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


_last_data: dict[str, str] = {}  # a session key -> the data its row held when last read here
_KEPT_KEYS = 4096


class SessionStore(db.SessionStore):
    def load(self):
        row = _ROW.first(key=self.session_key) if self.session_key else None
        return self._from_row(row)

    def _from_row(self, row) -> dict:
        if row is None or row[0] is None or row[1] <= timezone.now():
            self._session_key = None
            return {}
        data = row[0]
        session = self._remember(data)
        if session is None:
            return self.decode(data)  # Django's: an empty session, a corrupted one logged
        # The request may change its session: it gets its own copy.
        if all(isinstance(value, _SCALARS) for value in session.values()):
            return dict(session)
        return copy.deepcopy(session)

    def guess(self) -> tuple[str, dict] | None:
        """What this session's row held when a request here last read it, and what that
        says, while this request has not read the row: for a query that reads the
        row anew beside rows the guess names (the reader page's learner), then hands
        it over with ``take_row``. Only a guess: nothing is believed until the row
        read anew holds the same data. None when there is nothing to guess from."""
        if self.session_key is None or hasattr(self, "_session_cache"):
            return None
        data = _last_data.get(self.session_key)
        if data is None:
            return None
        try:
            return data, self._kept(data)
        except Exception:
            return None

    def _remember(self, data: str) -> dict | None:
        """What ``data`` says, kept decoded, and ``data`` kept for ``guess``; None when it
        is not kept (too long, or not to be decoded), and any older guess forgotten
        (it would send every page the long way)."""
        try:
            session = self._kept(data) if len(data) <= _KEPT_DATA_CHARS else None
        except Exception:
            session = None
        if session is None:
            _last_data.pop(self.session_key, None)
            return None
        if len(_last_data) >= _KEPT_KEYS:
            _last_data.clear()
        _last_data[self.session_key] = data
        return session

    def create_model_instance(self, data):
        """Django's row to save; what it will hold is the next guess (a write of the
        session, a message say, then costs the next page nothing)."""
        row = super().create_model_instance(data)
        self._remember(row.session_data)
        return row

    def _kept(self, data: str) -> dict:
        return _decoded(
            data,
            self.key_salt,
            self.serializer,
            settings.SECRET_KEY,
            tuple(settings.SECRET_KEY_FALLBACKS),
        )

    def take_row(self, data: str | None, expire_date) -> None:
        """Load the session from its row's columns, read by another query."""
        self.accessed = True
        self._session_cache = self._from_row(None if data is None else (data, expire_date))
