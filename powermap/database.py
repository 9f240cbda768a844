"""Opening a database file: powermap's connection settings, and refusing a file that is
not powermap's, comes from a newer powermap, or cannot be upgraded — each with one clear
:class:`DatabaseError` instead of a traceback. :class:`powermap.store.Store` opens through
here.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator

from sqlite_utils import Database

from . import change_counter
from .errors import PowermapError
from .i18n import _
from .migrations import migrations

__all__ = ["DatabaseError", "default_db_path", "connect", "set_busy_timeout", "check_database",
           "upgrade", "newer_migrations", "roomy_cache", "BUSY_TIMEOUT"]


class DatabaseError(PowermapError):
    """The database file cannot be used: missing, not powermap's, or from a newer powermap."""


def default_db_path() -> str:
    """``$POWERMAP_DB`` or ``./powermap.db``."""
    return os.environ.get("POWERMAP_DB") or "powermap.db"


#: Seconds a write waits for another connection's write lock before "database is locked".
BUSY_TIMEOUT = 10.0


def connect(path: str, busy_timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """A connection to ``path`` with powermap's settings; :class:`DatabaseError` if it fails.

    A write waits up to ``busy_timeout`` seconds for another writer's lock.
    """
    try:
        conn = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None,
                               check_same_thread=False)
    except (sqlite3.Error, UnicodeError) as exc:
        raise DatabaseError(_("cannot open the database %(path)s: %(reason)s",
                              path=path, reason=exc)) from None
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        set_busy_timeout(conn, busy_timeout)
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc):
            raise DatabaseError(_("%(path)s is not a powermap database (it is not an SQLite "
                                  "file)", path=path)) from None
        raise DatabaseError(_("cannot open the database %(path)s: %(reason)s",
                              path=path, reason=exc)) from None
    return conn


#: Pages SQLite keeps in memory while a large import writes (KiB; the default is 2,000).
IMPORT_CACHE_KIB = 65_536


@contextlib.contextmanager
def roomy_cache(conn: sqlite3.Connection, kibibytes: int = IMPORT_CACHE_KIB) -> Iterator[None]:
    """A larger page cache on ``conn`` for the length of a large import, then the old one.

    Inserting 500,000 relationships updates four indexes; with the default
    2 MB cache their pages are written out and read back again and again
    (a tenth of a restore's time).
    """
    before = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {-int(kibibytes)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(before)}")


@contextlib.contextmanager
def read_snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """A read transaction (no write lock): every read inside sees one state of the data.

    Inside a caller's transaction it simply runs there. Imports and restores
    prepare in one; the report cache and the portfolio read their data in one.
    """
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")


def set_busy_timeout(conn: sqlite3.Connection, seconds: float) -> None:
    """Let writes on ``conn`` wait up to ``seconds`` for another writer's lock."""
    conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")


def check_database(db: Database, path: str) -> None:
    """Refuse another program's SQLite file and a file from a newer powermap."""
    tables = set(db.table_names())
    if migrations.migrations_table not in tables:
        others = sorted(t for t in tables if not t.startswith("sqlite_"))
        if others:
            raise DatabaseError(_("%(path)s is not a powermap database (it holds other "
                                  "tables: %(tables)s)", path=path, tables=", ".join(others)))
        return
    applied = [m.name for m in migrations.applied(db)]
    unknown = newer_migrations(db.conn)
    if unknown:
        raise DatabaseError(_("%(path)s was written by a newer powermap (schema change "
                              "%(name)s is unknown to this version); upgrade powermap to open "
                              "it", path=path, name=unknown[0]))
    if not applied and tables - {migrations.migrations_table}:
        others = sorted(t for t in tables if not t.startswith(("sqlite_", "_sqlite")))
        if others:
            raise DatabaseError(_("%(path)s is not a powermap database (it holds other "
                                  "tables: %(tables)s)", path=path, tables=", ".join(others)))


def upgrade(db: Database, path: str) -> None:
    """Apply the pending migrations; a failing one is named and leaves the file as it was.

    A migration may rewrite records outside the store, so after any has run the shared
    change counter is bumped: no report cached before the upgrade is served after it.
    """
    pending = migrations.pending(db)
    try:
        migrations.apply(db)
    except sqlite3.Error as exc:
        failed = migrations.pending(db)[0].name
        raise DatabaseError(_("cannot upgrade the database %(path)s: schema change %(name)s "
                              "failed (%(reason)s); the file was left as it was",
                              path=path, name=failed, reason=exc)) from None
    if pending:
        change_counter.bump(db.conn)


def newer_migrations(conn: sqlite3.Connection) -> list[str]:
    """Migrations recorded in a database that this powermap does not have (a newer powermap's).

    An empty list means this powermap can open the database: it has the
    same migrations or fewer (those are applied when it is opened).
    """
    known = {m.name for m in migrations._migrations}
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                    [migrations.migrations_table]).fetchone() is None:
        return []
    rows = conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ? "
                        "ORDER BY rowid", [migrations.name]).fetchall()
    return [name for (name,) in rows if name not in known]
