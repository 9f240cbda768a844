"""``powermap backup FILE`` and ``powermap restore FILE``: a whole database, safely copied.

Both use SQLite's online backup API (:meth:`sqlite3.Connection.backup`):

* ``backup`` copies the database in one read transaction, so the copy is
  the database as it was at one moment even while the web app writes (WAL
  readers do not block writers). It is written to a temporary file next to
  FILE and renamed over it only when complete, and never replaces an
  existing file without ``--force``.
* ``restore`` first checks FILE: SQLite's ``integrity_check``, powermap's
  tables and its migration record. A database from a newer powermap (one
  with migrations this powermap does not know) is refused; an older one is
  copied into memory and upgraded there by :mod:`powermap.migrations`. Then
  the backup API copies it into the target in one write transaction, so other
  connections see the old database or the restored one, never a mixture. A
  target that holds any record is only replaced with ``--yes``.

The checks are plain functions (:func:`check_backup`; :func:`powermap.database.newer_migrations`)
so tests and other modules can call them. sqlite3, the store and the
migrations are imported inside them: ``powermap --help`` stays fast.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..i18n import _, _l, ngettext
from . import database_path, fail
from .help import command, option

if TYPE_CHECKING:
    import sqlite3

__all__ = ["COMMANDS", "BackupRefused", "backup_database", "restore_database", "check_backup",
           "record_counts"]


class BackupRefused(Exception):
    """A backup or restore that would lose data or cannot be done; the message says why."""


def _connect(path: str | Path, *, read_only: bool = False) -> sqlite3.Connection:
    import sqlite3

    if read_only:
        return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True,
                               timeout=10, isolation_level=None)
    return sqlite3.connect(str(path), timeout=10, isolation_level=None)


def _has_table(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        [table]).fetchone() is not None


def _applied(conn: sqlite3.Connection) -> int:
    from ..migrations import migrations

    if not _has_table(conn, "_sqlite_migrations"):
        return 0
    return conn.execute("SELECT count(*) FROM _sqlite_migrations WHERE migration_set = ?",
                        [migrations.name]).fetchone()[0]


def record_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Records per entity in a powermap database (entities whose table is missing: 0)."""
    from ..schema import ENTITIES

    return {name: (conn.execute(f"SELECT count(*) FROM {ent.table}").fetchone()[0]
                   if _has_table(conn, ent.table) else 0)
            for name, ent in ENTITIES.items()}


def check_backup(conn: sqlite3.Connection, file: str) -> None:
    """Refuse (:class:`BackupRefused`) a file that is not a whole powermap database this
    powermap can read."""
    import sqlite3

    from ..schema import ENTITIES

    not_powermap = _("%(file)s is not a powermap database.", file=file)
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError:
        raise BackupRefused(not_powermap) from None
    if result != ["ok"]:
        raise BackupRefused(_("%(file)s is damaged (SQLite's integrity check: %(result)s).",
                              file=file, result="; ".join(map(str, result[:3]))))
    from ..database import newer_migrations

    if newer_migrations(conn):
        raise BackupRefused(_newer_message(conn, file))
    if not _applied(conn) or not all(_has_table(conn, e.table) for e in ENTITIES.values()):
        raise BackupRefused(not_powermap)


def _newer_message(conn: sqlite3.Connection, file: str) -> str:
    from ..migrations import SCHEMA_VERSION

    return _("%(file)s was written by a newer powermap (schema version %(found)s; this "
             "powermap knows version %(known)s). Upgrade powermap to restore it.",
             file=file, found=_applied(conn), known=SCHEMA_VERSION)


def backup_database(source: str | Path, target: str | Path, *, force: bool = False
                    ) -> dict[str, int]:
    """Copy the database ``source`` to the new file ``target``; the copy's record counts."""
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise BackupRefused(_("There is no database at %(file)s.", file=source))
    if target.exists() and not force:
        raise BackupRefused(_("%(file)s already exists; add --force to overwrite it.",
                              file=target))
    if target.exists() and target.resolve() == source.resolve():
        raise BackupRefused(_("The backup file must not be the database itself."))
    if not target.resolve().parent.is_dir():
        raise BackupRefused(_("The folder %(folder)s does not exist.", folder=target.parent))
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    src = _connect(source, read_only=True)
    try:
        check_backup(src, str(source))
        dst = _connect(partial)
        try:
            src.backup(dst)  # one step: one read transaction, one moment of the database
            counts = record_counts(dst)
        finally:
            dst.close()
        os.replace(partial, target)
    finally:
        src.close()
        partial.unlink(missing_ok=True)
    return counts


def restore_database(backup: str | Path, target: str | Path, *, yes: bool = False
                     ) -> tuple[dict[str, int], int]:
    """Replace the database ``target`` with the backup ``backup``.

    Returns the restored record counts and the schema version the backup
    had (older ones are upgraded on the way).
    """
    import sqlite3

    from sqlite_utils import Database

    from ..migrations import migrations

    backup, target = Path(backup), Path(target)
    if not backup.is_file():
        raise BackupRefused(_("There is no backup file at %(file)s.", file=backup))
    if target.exists() and target.resolve() == backup.resolve():
        raise BackupRefused(_("The backup file must not be the database itself."))
    src = _connect(backup, read_only=True)
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        check_backup(src, str(backup))
        version = _applied(src)
        src.backup(memory)
        migrations.apply(Database(memory))  # an older backup is upgraded before it is written
        if not yes and _holds_records(target):
            raise BackupRefused(_("%(file)s already holds records; add --yes to replace them "
                                  "with the backup.", file=target))
        dst = _connect(target)
        try:
            dst.execute("PRAGMA busy_timeout = 10000")
            memory.backup(dst)  # one write transaction: readers see all of it or none
        finally:
            dst.close()
        return record_counts(memory), version
    finally:
        src.close()
        memory.close()


def _holds_records(path: Path) -> bool:
    """Whether the file at ``path`` has anything a restore would lose (an unreadable file has)."""
    import sqlite3

    if not path.exists() or path.stat().st_size == 0:
        return False
    try:
        conn = _connect(path, read_only=True)
    except sqlite3.Error:
        return True
    try:
        return any(record_counts(conn).values())
    except sqlite3.DatabaseError:
        return True
    finally:
        conn.close()


def _echo_counts(counts: dict[str, int]) -> None:
    from ..i18n import format_number
    from ..labels import entity_label

    for name, count in counts.items():
        click.echo(f"  {entity_label(name)}: {format_number(count)}")


@command(help=_l("Copy the database to FILE with SQLite's online backup (safe while "
                 "`powermap serve` runs)."))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@option("--force", is_flag=True, help=_l("Overwrite FILE if it exists."))
def backup(file: Path, force: bool) -> None:
    source = database_path()
    try:
        counts = backup_database(source, file, force=force)
    except BackupRefused as exc:
        fail(str(exc))
    from ..i18n import format_number

    total = sum(counts.values())
    click.echo(ngettext("Backed up %(db)s to %(file)s: %(size)s kB, %(num)s record.",
                        "Backed up %(db)s to %(file)s: %(size)s kB, %(num)s records.", total,
                        db=source, file=file, size=format_number(file.stat().st_size / 1024),
                        num=format_number(total)))
    _echo_counts(counts)


@command(help=_l("Replace the database with the backup FILE (checked first; a backup from "
                 "an older powermap is upgraded)."))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@option("--yes", is_flag=True, help=_l("Replace a database that already holds records."))
def restore(file: Path, yes: bool) -> None:
    target = database_path()
    try:
        counts, version = restore_database(file, target, yes=yes)
    except BackupRefused as exc:
        fail(str(exc))
    from ..i18n import format_number
    from ..migrations import SCHEMA_VERSION

    total = sum(counts.values())
    click.echo(ngettext("Restored %(file)s into %(db)s: %(num)s record.",
                        "Restored %(file)s into %(db)s: %(num)s records.", total,
                        file=file, db=target, num=format_number(total)))
    if version < SCHEMA_VERSION:
        click.echo(_("The backup had schema version %(found)s; it was upgraded to version "
                     "%(known)s.", found=version, known=SCHEMA_VERSION))
    _echo_counts(counts)


COMMANDS = [backup, restore]
