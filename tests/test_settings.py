import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis

from helsefellesskap.env import database_from_url

ROOT = Path(__file__).resolve().parent.parent


def run_python(*args, **env):
    """Python in the project, with only the given settings in the environment."""
    clean = {k: v for k, v in os.environ.items()
             if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_SETTINGS_MODULE",
                          "DATABASE_PREPARED"}}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


def run_check(*options, **env):
    return run_python("manage.py", "check", *options, **env)


def test_without_debug_a_missing_secret_key_stops_start_up_with_a_clear_message():
    result = run_check("--deploy", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_without_debug_missing_allowed_hosts_stops_start_up():
    result = run_check("--deploy", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set when DEBUG is off" in result.stderr


def test_debug_runs_with_nothing_set():
    assert run_check(DEBUG="1").returncode == 0


def test_database_url_is_parsed_for_tcp_and_socket():
    tcp = database_from_url("postgresql://hf:s%40cret@db.example:5433/helse")
    assert (tcp["HOST"], tcp["PORT"], tcp["USER"], tcp["PASSWORD"], tcp["NAME"]) == (
        "db.example", "5433", "hf", "s@cret", "helse")
    socket = database_from_url("postgres:///helse?host=/var/run/postgresql&sslmode=disable")
    assert (socket["HOST"], socket["NAME"], socket["OPTIONS"]) == (
        "/var/run/postgresql", "helse", {"sslmode": "disable"})


def test_without_debug_the_web_server_refuses_to_start_without_a_secret_key():
    result = run_python("-c", "import helsefellesskap.wsgi", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_makemigrations_runs_without_production_settings():
    result = run_python("manage.py", "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr


SHOW_DATABASE_OPTIONS = ("from django.conf import settings; "
                         "print(sorted(settings.DATABASES['default']['OPTIONS'].items()))")


def database_options(**env):
    result = run_python("manage.py", "shell", "-c", SHOW_DATABASE_OPTIONS, DEBUG="1",
                        DATABASE_URL="postgresql://hf@db.example:5432/helse", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1]


def test_postgresql_keeps_statements_prepared_unless_told_not_to():
    """Behind a pooler in transaction mode a connection's prepared statements are lost."""
    assert database_options() == "[('prepare_threshold', 2), ('server_side_binding', True)]"
    assert database_options(DATABASE_PREPARED="0") == "[]"


SHOW_REDIS = ("from django.conf import settings; "
              "print(settings.CELERY_BROKER_URL, settings.CACHES['default']['LOCATION'])")


def redis_settings(**env):
    result = run_python("manage.py", "shell", "-c", SHOW_REDIS, DEBUG="1", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1].split()


def test_broker_and_cache_get_separate_redis_databases():
    """Security review 2, finding 11: the cache in the database after REDIS_URL's, unless told."""
    assert redis_settings(REDIS_URL="redis://r.example:6379/4") == [
        "redis://r.example:6379/4", "redis://r.example:6379/5"]
    assert redis_settings(REDIS_URL="redis://r.example:6379") == [
        "redis://r.example:6379", "redis://r.example:6379/1"]
    assert redis_settings(REDIS_URL="redis://r.example:6379/4",
                          CACHE_URL="redis://c.example:6379/0") == [
        "redis://r.example:6379/4", "redis://c.example:6379/0"]


def test_broker_and_cache_in_one_database_is_refused():
    result = run_check(DEBUG="1", REDIS_URL="redis://r.example:6379/4",
                       CACHE_URL="redis://r.example:6379/4")
    assert result.returncode != 0
    assert "common.E002" in result.stderr


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL")
def test_clearing_the_cache_keeps_the_task_queue(settings):
    from django.core.cache.backends.redis import RedisCache

    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    cache = RedisCache(settings.CACHE_URL, {})
    broker.delete("celery")
    try:
        broker.lpush("celery", b"a queued task")
        cache.set("rate-limit", 1)
        cache.clear()
        assert cache.get("rate-limit") is None
        assert broker.lrange("celery", 0, -1) == [b"a queued task"]
    finally:
        broker.delete("celery")
