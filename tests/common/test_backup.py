"""The backup procedure of docs/backup.md works: a dump of the database, restored into an
empty database, holds the data. Runs on whichever database the suite uses (CI: PostgreSQL)."""

import os
import shutil
import sqlite3
import subprocess

import psycopg
from django.db import connection
from psycopg import sql

from common import audit
from members.models import Organisation, Person

RESTORED = {
    "organisations": "SELECT number, name FROM members_organisation ORDER BY number",
    "people": "SELECT p.name, o.number FROM members_person p "
              "JOIN members_organisation o ON o.id = p.organisation_id",
    "audit": "SELECT action, object_description FROM common_auditevent",
}


def test_a_dump_restores_into_an_empty_database(transactional_db, tmp_path):
    rana = Organisation.objects.create(kind="municipality", number="1833", name="Rana")
    Organisation.objects.create(kind="municipality", number="1824", name="Vefsn")
    Person.objects.create(name="Kari Nordmann", organisation=rana)
    audit.record(audit.Action.LOGIN_FAILED, obj="kari@example.org")

    restore = restore_postgresql if connection.vendor == "postgresql" else restore_sqlite
    assert restore(tmp_path) == {
        "organisations": [("1824", "Vefsn"), ("1833", "Rana")],
        "people": [("Kari Nordmann", "1833")],
        "audit": [("login_failed", "kari@example.org")],
    }


def restore_sqlite(tmp_path):
    """`sqlite3 db.sqlite3 ".backup file"` does this: the online backup API."""
    connection.ensure_connection()
    backup_file = tmp_path / "backup.sqlite3"
    target = sqlite3.connect(backup_file)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    restored = sqlite3.connect(backup_file)
    try:
        return {name: restored.execute(query).fetchall() for name, query in RESTORED.items()}
    finally:
        restored.close()


def restore_postgresql(tmp_path):
    """pg_dump -Fc, then pg_restore into a new, empty database."""
    db = connection.settings_dict
    server = {key: value for key, value in [("host", db["HOST"]), ("port", db["PORT"]),
                                            ("user", db["USER"]), ("password", db["PASSWORD"])]
              if value}
    options = [f"--{key}={value}" for key, value in server.items() if key != "password"]
    env = {**os.environ, "PGPASSWORD": server.get("password", "")}
    dump = tmp_path / "backup.dump"
    run(["pg_dump", "--format=custom", *options, f"--file={dump}", db["NAME"]], env)

    scratch = f"{db['NAME'][:50]}_restore"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(scratch)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
        try:
            run(["pg_restore", "--no-owner", "--exit-on-error", *options,
                 f"--dbname={scratch}", str(dump)], env)
            with psycopg.connect(dbname=scratch, **server) as restored:
                return {name: restored.execute(query).fetchall()
                        for name, query in RESTORED.items()}
        finally:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(
                sql.Identifier(scratch)))


def run(command, env):
    program = shutil.which(command[0])
    assert program, f"{command[0]} is missing: install Debian's postgresql-client"
    command[0] = program
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)  # noqa: S603
