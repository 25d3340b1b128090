"""Single-row inserts and updates for the archive's write path, without per-call introspection.

sqlite-utils' ``Table.insert`` and ``Table.update`` look the table up on every
call (``table_names``, ``PRAGMA table_info``, primary keys, a savepoint, a read
of the row before an update): right for occasional writes, but the archive
writes several rows per article inside one batch transaction. ``insert`` and
``update`` build the same statements once per column set and run them on the
open connection; values that are lists or dicts become JSON, as sqlite-utils
stores them. The caller holds the transaction (``db.atomic()``); the schema
itself stays in ``pipelines.archive.schema``. Settings read: none.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any


def _value(value: Any) -> Any:
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False, default=repr)
    return value


@lru_cache(maxsize=256)
def _insert_sql(table: str, columns: tuple[str, ...], ignore: bool) -> str:
    names = ", ".join(f"[{c}]" for c in columns)
    verb = "INSERT OR IGNORE" if ignore else "INSERT"
    return f"{verb} INTO [{table}] ({names}) VALUES ({', '.join('?' * len(columns))})"


@lru_cache(maxsize=256)
def _update_sql(table: str, columns: tuple[str, ...], key: str) -> str:
    assignments = ", ".join(f"[{c}] = ?" for c in columns)
    return f"UPDATE [{table}] SET {assignments} WHERE [{key}] = ?"


def insert(db: Any, table: str, row: dict[str, Any], *, ignore: bool = False) -> int | None:
    """Insert one row; returns its rowid (``None`` when ``ignore`` skipped a conflict)."""
    columns = tuple(row)
    cursor = db.conn.execute(_insert_sql(table, columns, ignore), [_value(row[c]) for c in columns])
    return cursor.lastrowid if cursor.rowcount == 1 else None


def update(db: Any, table: str, key: str, value: Any, values: dict[str, Any]) -> int:
    """Set ``values`` on the row whose ``key`` column is ``value``; returns rows changed."""
    if not values:
        return 0
    columns = tuple(values)
    cursor = db.conn.execute(
        _update_sql(table, columns, key), [*(_value(values[c]) for c in columns), value]
    )
    return cursor.rowcount
