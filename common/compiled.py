"""Queries that the ORM builds and compiles once per process, then runs with new values.

Building a QuerySet and compiling it to SQL costs Django about a millisecond of CPU for each
query of a page, several times what PostgreSQL and the driver spend running it and reading
its rows; pages that show eight lists (a body's page, the secretariat's start page) spent most
of their time there. A CompiledQuery builds its QuerySet once per database with marker values
in place of its arguments, finds the markers among the SQL's parameters, and from then on
only puts each call's values in their places, runs the SQL and converts the rows as the ORM
does (SQLAlchemy's baked queries do the same). The query stays written with the ORM, its
managers and lookups.

Arguments are scalars (int, str, datetime.date, datetime.datetime) that reach the SQL as
parameters unchanged or adapted as the database stores dates and time stamps; a query that
transforms an argument some other way (`__year`, `__contains`, a date compared with a time
stamp), or leaves it out of the parameters, cannot be compiled once and fails with
ImproperlyConfigured the first time it runs, in the tests.
"""

import copy
import datetime
import inspect

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections

# Stand-ins for the arguments, valid for any field of their type (an integer fits a positive
# small integer field: the ORM turns an out-of-range value into an empty condition). The
# query is built twice, with the stand-ins of `variant` 0 and 1: the parameters that differ
# are the arguments', which tells them from a constant of the query with the same value.
_MARKERS = {
    int: lambda index, variant: 30_001 + 2 * index + variant,
    str: lambda index, variant: f"\x1fcompiled-query-argument-{index}-{variant}\x1f",
    datetime.date: lambda index, variant: (datetime.date(1001, 1, 1)
                                           + datetime.timedelta(days=2 * index + variant)),
    datetime.datetime: lambda index, variant: (
        datetime.datetime(1001, 1, 1, tzinfo=datetime.UTC)
        + datetime.timedelta(days=2 * index + variant)),
}


def _adapters(kind, connection):
    """How an argument of `kind` may appear among the parameters: as it is, or as the
    database stores a date or a time stamp."""
    found = [lambda value: value]
    if kind is datetime.date:
        found.append(connection.ops.adapt_datefield_value)
    elif kind is datetime.datetime:
        found.append(connection.ops.adapt_datetimefield_value)
    return found


def _same(one, other):
    return type(one) is type(other) and one == other


def _stands_for(param, value):
    """The parameter is the value, or the value wrapped by the backend."""
    return isinstance(param, type(value)) and param == value


def _kind(name, value):
    # datetime before date: a datetime is a date too (and a bool an int, refused).
    for kind in (datetime.datetime, datetime.date, int, str):
        if isinstance(value, kind) and not isinstance(value, bool):
            return kind
    raise TypeError(f"{name}: a CompiledQuery takes int, str, date or datetime values, "
                    f"not {type(value).__name__}")


class _Compiled:
    """One query compiled for one database: its QuerySet, its compiler with the SQL, and the
    places of the arguments among the SQL's parameters."""

    def __init__(self, build, kinds, alias):
        connection = connections[alias]
        markers = [{name: _MARKERS[kind](index, variant)
                    for index, (name, kind) in enumerate(kinds.items())} for variant in (0, 1)]
        try:
            self.queryset = build(**markers[0])
            # Compiling fills the compiler's select, klass_info and annotation_col_map, which
            # the QuerySet's iterable reads to make its rows.
            self.compiler = self.queryset.query.get_compiler(using=alias)
            self.sql, params = self.compiler.as_sql()
            other_sql, other_params = (build(**markers[1]).query.get_compiler(using=alias)
                                       .as_sql())
        except (EmptyResultSet, ValueError) as error:
            # The ORM decided something from the stand-ins' values (an empty condition, a
            # year out of range), as it would from the arguments'.
            raise ImproperlyConfigured("The arguments change the SQL, not only its "
                                       "parameters.") from error
        if self.queryset._known_related_objects or self.queryset._prefetch_related_lookups:
            raise ImproperlyConfigured("A CompiledQuery starts from a model's manager and "
                                       "prefetches nothing.")
        self.params = list(params)
        if other_sql != self.sql or len(other_params) != len(params):
            raise ImproperlyConfigured("The arguments change the SQL, not only its parameters.")
        pairs = list(zip(params, other_params, strict=True))
        self.places = []
        for name in kinds:
            for adapt in _adapters(kinds[name], connection):
                places = [index for index, (one, other) in enumerate(pairs)
                          if _stands_for(one, adapt(markers[0][name]))
                          and _stands_for(other, adapt(markers[1][name]))]
                if places:
                    # The backend may wrap a value to fix its SQL type (psycopg's Int2 for
                    # a small integer field): each call's value is wrapped the same way.
                    self.places.append((name, adapt, type(params[places[0]]), places))
                    break
            else:
                raise ImproperlyConfigured(
                    f"The argument {name!r} does not reach the SQL as a parameter of its own.")
        differing = {index for index, (one, other) in enumerate(pairs) if not _same(one, other)}
        if differing != {index for *_how, places in self.places for index in places}:
            raise ImproperlyConfigured("The arguments reach the SQL transformed.")
        self.kinds = kinds

    def run(self, values, alias):
        params = self.params.copy()
        for name, adapt, wrap, places in self.places:
            value = values[name]
            if _kind(name, value) is not self.kinds[name]:
                raise TypeError(f"{name} must be a {self.kinds[name].__name__}, "
                                f"not {type(value).__name__}")
            stored = adapt(value)
            if type(stored) is not wrap:
                stored = wrap(stored)
            for index in places:
                params[index] = stored
        # The QuerySet's own iterable makes the rows (models, values or tuples, with what is
        # selected with them), from a compiler that returns this SQL instead of compiling it
        # again and runs it on this thread's connection.
        compiler = copy.copy(self.compiler)
        compiler.connection = connections[alias]
        compiler.as_sql = lambda *args, **kwargs: (self.sql, params)
        queryset = self.queryset._chain()
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return list(queryset)


class CompiledQuery:
    """`build(**arguments)` returns a QuerySet; calling the CompiledQuery with the same keyword
    arguments returns its rows as a list, as list(build(**arguments)) would."""

    def __init__(self, build):
        self.build = build
        self.names = tuple(inspect.signature(build).parameters)
        self._compiled = {}

    def __call__(self, *, using=DEFAULT_DB_ALIAS, **values):
        if set(values) != set(self.names):
            raise TypeError(f"Pass {', '.join(self.names) or 'no arguments'}.")
        compiled = self._compiled.get(using)
        if compiled is None:
            kinds = {name: _kind(name, values[name]) for name in self.names}
            compiled = self._compiled[using] = _Compiled(self.build, kinds, using)
        return compiled.run(values, using)
