"""The benchmark (make bench): key pages under load and PDF work, on PostgreSQL with gunicorn.

Builds a large partnership (manage.py seed_scale) in a scratch database, and the same with
four times the years of meetings and invoices in a second one. Starts a gunicorn with two
workers and persistent connections on each, loads each key page with wrk from a second process
for a fixed time at one size and right after at the other, and prints requests/s, p50 and p99,
each also as a ratio to the reference page (a logged-in page with the base layout and a 50-row
table from one query, benchmark.views) and to /robots.txt, measured in the same run; then the
growth of p50 and the query counts from one size to the other. Then times PDF work against
raw WeasyPrint and reports the peak memory of the web and Celery workers. The report is
written to docs/performance.md.
"""

import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8765"))
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
DB_NAME = os.environ.get("BENCH_DB", "helsefellesskap_bench")
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
WORKER_PROCESSES = 2
# The growth run: this many times the years of meetings and invoices.
GROWTH = 4
REFERENCE, ROBOTS = "reference page", "robots.txt"
TARGET_RATIO, TARGET_GROWTH = 0.5, 0.20


def run(*args, env, **kwargs):
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=False,
                          text=True, capture_output=True, **kwargs)
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def fresh_database(name):
    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def analyse(name):
    """Vacuum the freshly loaded tables and gather the planner's statistics, as autovacuum
    does within minutes on a running server: without it the first plans are guesses, and
    autovacuum would do the work while the pages are measured."""
    with psycopg.connect(dbname=name, autocommit=True, **PG) as conn:
        conn.execute("VACUUM ANALYZE")


def drop_database(name):
    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wrk(url, cookie):
    command = ["wrk", "-t2", "-c8", f"-d{DURATION}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, check=True, text=True, capture_output=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": latency(out, "50%"), "p99": latency(out, "99%"),
            "errors": int(non_2xx.group(1)) if non_2xx else 0}


def latency(out, percentile):
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", out).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def peak_memory_mb(pid):
    """VmHWM (peak resident set) of a process and its children, in MB, the largest of them."""
    pids = [pid] + [int(p) for p in subprocess.run(
        ["pgrep", "-P", str(pid)], text=True, capture_output=True).stdout.split()]
    peaks = []
    for each in pids:
        status = Path(f"/proc/{each}/status")
        if status.exists():
            match = re.search(r"VmHWM:\s+(\d+) kB", status.read_text())
            if match:
                peaks.append(int(match.group(1)) / 1024)
    return max(peaks) if peaks else 0.0


def wait_for(url, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - our own local server
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer at {url}")


def loadavg():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


LOAD_AT_START = loadavg()


def machine():
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1).strip() if found else cpu
    memory = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)
    gib = int(memory) // 1024 // 1024
    return f"{cpu}, {os.cpu_count()} cores, {gib} GiB, {platform.platform()}"


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    work = Path(tempfile.mkdtemp(prefix="hf-bench-"))
    base = {**os.environ, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "0",
            "SITE_URL": f"http://127.0.0.1:{PORT}",
            "CONN_MAX_AGE": "600", "REDIS_URL": REDIS_URL, "BENCHMARK_REFERENCE_PAGE": "1",
            "MEDIA_ROOT": str(work / "media"), "STATIC_ROOT": str(work / "static"),
            "LOG_LEVEL": "WARNING"}
    sizes = {}
    for index, history in enumerate((1, GROWTH)):
        name = f"{DB_NAME}_{history}"
        env = {**base, "DATABASE_URL": f"postgresql://postgres@127.0.0.1:5432/{name}"}
        print(f"Building the large partnership ({history}× the years) in {name} …", flush=True)
        fresh_database(name)
        run("migrate", "--verbosity", "0", env=env)
        run("seed_scale", "--history", str(history), env=env)
        analyse(name)
        if history == 1:
            run("collectstatic", "--noinput", "--verbosity", "0", env=env)
        setup = json.loads(run("bench_setup", env=env))
        sizes[history] = {"setup": setup, "env": env, "port": PORT + index}
    measure(sizes)
    env, setup = sizes[1]["env"], sizes[1]["setup"]
    # The worker as docker-compose.yml runs it: two processes.
    worker = subprocess.Popen(
        [str(Path(PYTHON).parent / "celery"), "-A", "helsefellesskap", "worker",
         "--concurrency", str(WORKER_PROCESSES), "--loglevel", "WARNING"],
        cwd=ROOT, env=env, start_new_session=True)
    try:
        pdf = json.loads(run("bench_pdf", env=env)) if setup.get("pdf") else {}
        memory = {"web": max(size["memory"] for size in sizes.values()),
                  "celery": peak_memory_mb(worker.pid)}
    finally:
        stop(worker)
    report, failures = render(sizes, pdf, memory)
    print(report)
    (ROOT / "docs" / "performance.md").write_text(report + kept_notes(), encoding="utf-8")
    for history in sizes:
        drop_database(f"{DB_NAME}_{history}")
    shutil.rmtree(work, ignore_errors=True)
    if failures:
        raise SystemExit("Targets missed: " + "; ".join(failures))


def measure(sizes):
    """Each page under load at each size, on a gunicorn of its own for each size: the sizes
    one right after the other for each page (which one first, in turn), so that the machine
    getting faster or slower during the run does not count as growth. Fills each size's
    "results" ({label: wrk}) and "memory"."""
    servers = {history: subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "helsefellesskap.wsgi", "--workers", "2",
         "--bind", f"127.0.0.1:{size['port']}", "--log-level", "warning"],
        cwd=ROOT, env=size["env"], start_new_session=True) for history, size in sizes.items()}
    try:
        pages = {}
        for history, size in sizes.items():
            wait_for(f"http://127.0.0.1:{size['port']}/robots.txt")
            size["results"] = {}
            pages[history] = {label: (path, role) for label, path, role in size["setup"]["pages"]}
        for index, label in enumerate(pages[1]):
            for history in list(sizes)[::1 if index % 2 == 0 else -1]:
                size, (path, role) = sizes[history], pages[history][label]
                size["results"][label] = wrk(f"http://127.0.0.1:{size['port']}{path}",
                                             size["setup"]["cookies"][role])
            print(f"  {label}: " + ", ".join(
                f"{sizes[history]['results'][label]['rps']:.0f} requests/s at {history}×"
                for history in sizes), flush=True)
        for history, size in sizes.items():
            size["memory"] = peak_memory_mb(servers[history].pid)
    finally:
        for server in servers.values():
            stop(server)


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


NOTES = re.compile(r"^## Notes$", re.MULTILINE)


def kept_notes():
    """The hand-written notes from the heading «## Notes» on in docs/performance.md survive a
    new run (the heading as a line of its own, not the words in a sentence)."""
    existing = ROOT / "docs" / "performance.md"
    text = existing.read_text(encoding="utf-8") if existing.exists() else ""
    found = NOTES.search(text)
    return text[found.start():] if found else ""


def render(sizes, pdf, memory):
    """The report, and the targets it misses."""
    one, grown = sizes[1], sizes[GROWTH]
    reference, robots = one["results"][REFERENCE]["rps"], one["results"][ROBOTS]["rps"]
    lines = [
        "# Performance", "",
        f"Measured by `make bench` on {time.strftime('%d.%m.%Y %H:%M')}: {machine()}.",
        f"gunicorn with 2 workers on PostgreSQL, wrk with 2 threads and 8 connections for "
        f"{DURATION} s per page, data from `manage.py seed_scale` (and `--history {GROWTH}` for "
        f"the last columns, each page measured at both sizes one right after the other); no "
        f"page is cached. Load average at the start of the run: "
        f"{LOAD_AT_START}; at the end: {loadavg()} (other work on the machine lowers every "
        "figure, the ratios less so).", "",
        f"| page | requests/s | p50 ms | p99 ms | ratio to reference | ratio to robots.txt "
        f"| p50 ms at {GROWTH}× | growth | queries (1× / {GROWTH}×) | non-2xx |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    failures = []
    for label, path, _role in one["setup"]["pages"]:
        r, g = one["results"][label], grown["results"][label]
        ratio, growth = r["rps"] / reference, g["p50"] / r["p50"] - 1
        queries = (one["setup"]["queries"][label], grown["setup"]["queries"][label])
        errors = r["errors"] + g["errors"]
        key = label not in (REFERENCE, ROBOTS)
        if key and ratio < TARGET_RATIO:
            failures.append(f"{label} at {ratio:.2f} of the reference page")
        if key and growth > TARGET_GROWTH:
            failures.append(f"{label}: p50 grew {growth:.0%}")
        if queries[0] != queries[1]:
            failures.append(f"{label}: {queries[0]} queries at 1×, {queries[1]} at {GROWTH}×")
        if errors:
            failures.append(f"{label}: {errors} error answers")
        lines.append(f"| {label} (`{path}`) | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} "
                     f"| {ratio:.2f} | {r['rps'] / robots:.2f} | {g['p50']:.1f} | {growth:+.0%} "
                     f"| {queries[0]} / {queries[1]} | {errors} |")
    lines += ["", f"Targets: every key page at least {TARGET_RATIO} × the reference page's "
              f"requests/s; p50 at {GROWTH}× the history at most {TARGET_GROWTH:.0%} above "
              "p50 at 1×, with the same number of queries. "
              + ("All met." if not failures else "Missed: " + "; ".join(failures) + "."), ""]
    if pdf:
        lines += ["| PDF work | product | raw WeasyPrint | ratio | target |",
                  "|---|---:|---:|---:|---|"]
        for row in pdf["rows"]:
            lines.append(f"| {row['label']} | {row['product']:.3f} s | {row['raw']:.3f} s "
                         f"| {row['ratio']:.2f} | {row['target']} |")
        lines.append("")
    lines += [f"Peak memory: web worker {memory['web']:.0f} MB, Celery worker "
              f"{memory['celery']:.0f} MB (target: under 250 MB each).", ""]
    return "\n".join(lines), failures


if __name__ == "__main__":
    main()
