"""Querysets compiled to SQL once per process, then only run: for the reads every page makes.

Django compiles a queryset to SQL afresh each time it is evaluated, and for
a one-row lookup that costs far more than the lookup. Measured on the
bench database (CPU time per call, 2,000 calls): 310–470 µs for
``Profile.objects.filter(user=u).first()`` and its like, 1,230 µs for the
reading progress with its two joins, against 25–70 µs to run the same SQL
through Django's cursor. A learner's reader page made five such lookups.

``Prepared`` takes a function that builds the queryset from its
parameters, compiles it once per database with stand-in values, and on
each call runs the SQL with the real ones, converting each column as the
ORM does (SQLite's text dates become datetimes, its 0 and 1 booleans)::

    stamp = Prepared(lambda user: LearnerStamp.objects.filter(user_id=user).values_list("stamp"))
    stamp.first(user=3)   # (7,) or None

A queryset of a model's rows (with ``select_related`` if need be, but no
annotations or deferred fields) gives model instances, made as Django's
``ModelIterable`` makes them.

The parameters must be keys (numbers or strings) or aware datetimes, each
compared with a field, so that it reaches the SQL's parameters as given
(a datetime as the database adapts it) and can be swapped there for the
real value.

On SQLite the SQL is run through the driver's own cursor, its placeholders
rewritten once in the driver's style (as Django's cursor rewrites them on
every call). Django's cursor layers cost more than an indexed lookup: 50 µs
of CPU against 27 for the session's row on the bench machine. Django's
checks are kept (a working connection, used in its own thread, in no broken
transaction; Django's error classes), and when queries are logged (DEBUG,
``assertNumQueries``) or wrapped (``connection.execute_wrapper``) Django's
cursor runs them, so that they are seen as before.
"""

from __future__ import annotations

import inspect
import threading
from datetime import UTC, datetime, timedelta

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import get_related_populators


class Prepared:
    """A queryset, compiled once per database, run with new parameters (see the module)."""

    def __init__(self, build):
        self.build = build
        self.names = list(inspect.signature(build).parameters)
        self.compiled: dict[tuple, tuple] = {}
        self.lock = threading.Lock()

    def _stand_ins(self, kinds: tuple, base: int, connection) -> tuple[dict, dict]:
        """Stand-ins for the parameters, and each as the SQL's parameters will hold it.

        Numbers are small, in the range of any integer field (a value out of a
        field's range compiles to no query at all).
        """
        values, in_sql = {}, {}
        for n, (name, kind) in enumerate(zip(self.names, kinds, strict=True)):
            if kind is datetime:
                value = datetime(2000 + base // 100, 1, 1, tzinfo=UTC) + timedelta(seconds=n)
                in_sql[name] = connection.ops.adapt_datetimefield_value(value)
            else:
                value = base + n
                in_sql[name] = str(value)
            values[name] = value
        return values, in_sql

    def _compile(self, alias: str, kinds: tuple) -> tuple:
        """The SQL, its parameters, which of them are whose (found by compiling twice with
        different stand-ins: the parameters that change), each column's converters, and
        how to make model instances of the rows, when they are a model's."""
        connection = connections[alias]
        compiled = []
        for base in (101, 201):
            values, in_sql = self._stand_ins(kinds, base, connection)
            queryset = self.build(**values)
            if queryset._fields is None and (
                queryset.query.annotations
                or queryset.query.deferred_loading[0]
                or queryset._known_related_objects
                or queryset._prefetch_related_lookups
            ):
                raise ValueError("a model's rows are prepared with their columns, no more")
            compiler = queryset.query.get_compiler(using=alias)
            compiled.append((compiler, *compiler.as_sql(), in_sql))
        (compiler, sql, params, in_sql), (_, other_sql, other_params, _) = compiled
        if sql != other_sql or len(params) != len(other_params):
            raise ValueError("the query's SQL depends on its parameters' values")
        names = {str(value): name for name, value in in_sql.items()}
        slots = []
        for param, other in zip(params, other_params, strict=True):
            if param == other:
                slots.append(None)  # a constant of the query
            elif str(param) in names:
                slots.append(names[str(param)])
            else:
                raise ValueError("a parameter reaches the SQL changed: it cannot be prepared")
        missing = set(self.names) - set(slots)
        if missing:
            raise ValueError(f"parameters not found in the SQL: {sorted(missing)}")
        driver_sql = None
        if connection.vendor == "sqlite":
            from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX

            driver_sql = FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")
        converters = compiler.get_converters([column for column, _, _ in compiler.select])
        instances = None
        if queryset._fields is None:
            # As django.db.models.query.ModelIterable makes them, select_related included.
            info, select = compiler.klass_info, compiler.select
            start, end = info["select_fields"][0], info["select_fields"][-1] + 1
            columns = [column[0].target.attname for column in select[start:end]]
            related = get_related_populators(info, select, alias)
            instances = (info["model"], columns, start, end, related)
        return sql, driver_sql, params, slots, list(converters.items()), instances

    def rows(self, **values) -> list:
        alias = DEFAULT_DB_ALIAS
        kinds = tuple(
            datetime if isinstance(values[name], datetime) else int for name in self.names
        )
        compiled = self.compiled.get((alias, kinds))
        if compiled is None:
            with self.lock:
                compiled = self.compiled.setdefault((alias, kinds), self._compile(alias, kinds))
        sql, driver_sql, params, slots, converters, instances = compiled
        connection = connections[alias]
        adapt = connection.ops.adapt_datetimefield_value
        arguments = [
            param
            if slot is None
            else (adapt(values[slot]) if isinstance(values[slot], datetime) else values[slot])
            for param, slot in zip(params, slots, strict=True)
        ]
        if driver_sql is None or connection.queries_logged or connection.execute_wrappers:
            with connection.cursor() as cursor:
                cursor.execute(sql, arguments)
                rows = cursor.fetchall()
        else:
            rows = _driver_rows(connection, driver_sql, arguments)
        if converters:
            converted = []
            for row in rows:
                row = list(row)
                for position, (functions, expression) in converters:
                    for function in functions:
                        row[position] = function(row[position], expression, connection)
                converted.append(tuple(row))
            rows = converted
        if instances is None:
            return rows
        model, columns, start, end, related = instances
        objects = []
        for row in rows:
            obj = model.from_db(alias, columns, row[start:end])
            for populator in related:
                populator.populate(row, obj)
            objects.append(obj)
        return objects

    def first(self, **values):
        """The first row, or None; the queryset should be sliced to one row (``[:1]``)."""
        rows = self.rows(**values)
        return rows[0] if rows else None


def _driver_rows(connection, sql: str, arguments: list) -> list:
    """The rows of ``sql`` read with the driver's cursor, after Django's cursor's checks."""
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    connection.validate_no_broken_transaction()
    with connection.wrap_database_errors:
        cursor = connection.connection.cursor()
        try:
            cursor.execute(sql, arguments)
            return cursor.fetchall()
        finally:
            cursor.close()
