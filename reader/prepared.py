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

The parameters must be keys (numbers or strings) compared for equality
with a field, so that each reaches the SQL's parameters as it was given
and can be swapped for the real value there.
"""

from __future__ import annotations

import inspect
import threading

from django.db import DEFAULT_DB_ALIAS, connections


class Prepared:
    """A queryset, compiled once per database, run with new parameters (see the module)."""

    def __init__(self, build):
        self.build = build
        self.names = list(inspect.signature(build).parameters)
        self.compiled: dict[str, tuple] = {}
        self.lock = threading.Lock()

    def _compile(self, alias: str) -> tuple:
        """The SQL, its parameters, which of them are whose (found by compiling twice with
        different stand-ins: the parameters that change), and each column's converters.

        Stand-ins are small numbers, in the range of any integer field (a value
        out of a field's range compiles to no query at all).
        """
        compiled = []
        for base in (101, 201):
            stand_ins = {name: base + n for n, name in enumerate(self.names)}
            compiler = self.build(**stand_ins).query.get_compiler(using=alias)
            compiled.append((compiler, *compiler.as_sql()))
        (compiler, sql, params), (_, other_sql, other_params) = compiled
        if sql != other_sql or len(params) != len(other_params):
            raise ValueError("the query's SQL depends on its parameters' values")
        names = {str(101 + n): name for n, name in enumerate(self.names)}
        slots = []
        for param, other in zip(params, other_params, strict=True):
            if param == other:
                slots.append(None)  # a constant of the query
            elif str(param) in names:
                slots.append(names[str(param)])
            else:
                raise ValueError("a parameter reaches the SQL changed: only keys can be prepared")
        missing = set(self.names) - set(slots)
        if missing:
            raise ValueError(f"parameters not found in the SQL: {sorted(missing)}")
        converters = compiler.get_converters([column for column, _, _ in compiler.select])
        return sql, params, slots, list(converters.items())

    def rows(self, **values) -> list[tuple]:
        alias = DEFAULT_DB_ALIAS
        compiled = self.compiled.get(alias)
        if compiled is None:
            with self.lock:
                compiled = self.compiled.setdefault(alias, self._compile(alias))
        sql, params, slots, converters = compiled
        arguments = [
            param if slot is None else values[slot]
            for param, slot in zip(params, slots, strict=True)
        ]
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(sql, arguments)
            rows = cursor.fetchall()
        if not converters:
            return rows
        converted = []
        for row in rows:
            row = list(row)
            for position, (functions, expression) in converters:
                for function in functions:
                    row[position] = function(row[position], expression, connection)
            converted.append(tuple(row))
        return converted

    def first(self, **values) -> tuple | None:
        """The first row, or None; the queryset should be sliced to one row (``[:1]``)."""
        rows = self.rows(**values)
        return rows[0] if rows else None
