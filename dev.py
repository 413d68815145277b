#!/usr/bin/env python3
"""Set up and run Veche with nothing but Python 3.11, pip (and npm for front-end packages).

    python3 dev.py serve    # venv, install, migrate, demo data, serve on http://127.0.0.1:$PORT
    python3 dev.py test     # install test needs, lint, run the whole suite (pytest args may follow)

Run twice, it reuses what is there: packages are reinstalled only when pyproject.toml or
package.json change. Only the standard library is used here, since nothing is installed yet.
"""

import hashlib
import os
import secrets
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"


def run(*args: str | Path, env: dict | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True, env=env)


def _fingerprint(*names: str) -> str:
    digest = hashlib.sha256()
    for name in names:
        path = ROOT / name
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def ensure_python_packages(extras: str = "") -> None:
    if not PYTHON.exists():
        run(sys.executable, "-m", "venv", VENV)
    stamp = VENV / f".installed{extras}"
    wanted = _fingerprint("pyproject.toml")
    if stamp.exists() and stamp.read_text() == wanted:
        return
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", f".{extras}")
    stamp.write_text(wanted)


def ensure_frontend_packages() -> None:
    """Leaflet, HTMX and axe-core come from npm; the pages still work without them (no JS)."""
    stamp = ROOT / "node_modules" / ".installed"
    wanted = _fingerprint("package.json", "package-lock.json")
    if stamp.exists() and stamp.read_text() == wanted:
        return
    npm = shutil.which("npm")
    if not npm:
        print("! npm not found: maps and HTMX enhancements stay off; every page still works.")
        return
    run(npm, "install", "--no-audit", "--no-fund", "--loglevel=error")
    stamp.write_text(wanted)


def ensure_dotenv() -> None:
    """A per-checkout secret key for local use; real deployments set SECRET_KEY themselves."""
    dotenv = ROOT / ".env"
    if not dotenv.exists():
        dotenv.write_text(f"SECRET_KEY={secrets.token_urlsafe(50)}\nDEBUG=1\n", encoding="utf-8")


# The local runner's schedule: (management command, every N seconds). Production uses cron or
# systemd timers for the same commands (docs/deployment.md).
PERIODIC = [
    ("report_deadlines", 15 * 60),
    ("notify_digest", 24 * 3600),
    ("budgeting_reminders", 24 * 3600),
    ("budgeting_forget_vote_traces", 24 * 3600),
    ("warehouse_export", 5 * 60),
    ("opendata_build", 24 * 3600),
    ("analytics_refresh", 60 * 60),
]


def _periodic(manage: list, env: dict[str, str], stop: threading.Event) -> None:
    last = {command: 0.0 for command, _ in PERIODIC}
    while not stop.wait(30):
        for command, every in PERIODIC:
            if time.monotonic() - last[command] >= every:
                last[command] = time.monotonic()
                subprocess.run([str(a) for a in (*manage, command)], cwd=ROOT, check=False, env=env)


def _dotenv_sets(name: str, dotenv: Path) -> bool:
    if not dotenv.is_file():
        return False
    for line in dotenv.read_text(encoding="utf-8").splitlines():
        key, _, value = line.strip().partition("=")
        if key.strip() == name and value.strip().strip("'\""):
            return True
    return False


def serve_environment(environ: dict[str, str], dotenv: Path = ROOT / ".env") -> dict[str, str]:
    """The environment of the dev server, its worker and its timers: PORT (8000 unless given) and
    SITE_URL pointing at that port unless set explicitly (in the environment or .env), so that
    the links in the e-mails the worker writes reach this server."""
    env = dict(environ)
    env["PORT"] = env.get("PORT") or "8000"
    if not env.get("SITE_URL") and not _dotenv_sets("SITE_URL", dotenv):
        env["SITE_URL"] = f"http://127.0.0.1:{env['PORT']}"
    return env


def serve() -> None:
    ensure_python_packages()
    ensure_frontend_packages()
    ensure_dotenv()
    env = serve_environment(dict(os.environ))
    port = env["PORT"]
    manage = [PYTHON, "manage.py"]
    run(*manage, "migrate", "--no-input", env=env)
    run(*manage, "seed_demo", env=env)
    # Background tasks (e-mails, notifications) need a worker, as in production.
    worker = subprocess.Popen(
        [str(a) for a in (*manage, "db_worker", "--interval", "1")], cwd=ROOT, env=env
    )
    stop = threading.Event()
    threading.Thread(target=_periodic, args=(manage, env, stop), daemon=True).start()
    print(f"\nVeche is at http://127.0.0.1:{port}/ (Ctrl+C stops it)", flush=True)
    print("E-mails are written to var/mail/.\n", flush=True)
    try:
        run(*manage, "runserver", f"127.0.0.1:{port}", env=env)
    finally:
        stop.set()
        worker.terminate()
        worker.wait(timeout=10)


def test(pytest_args: list[str]) -> None:
    ensure_python_packages("[test]")
    ensure_frontend_packages()
    run(BIN / "ruff", "check", ".")
    run(PYTHON, "-m", "pytest", *_parallel(pytest_args), *pytest_args)


def _parallel(pytest_args: list[str]) -> list[str]:
    """One pytest-xdist worker per core unless the arguments choose (-n, -p no:xdist); the
    browser tests share one worker (veche/conftest.py)."""
    chosen = any(a.startswith(("-n", "--numprocesses", "--dist")) for a in pytest_args)
    if chosen or "no:xdist" in pytest_args:
        return []
    return ["-n", "auto", "--dist", "loadgroup"]


def main() -> int:
    command, *rest = sys.argv[1:] or ["serve"]
    try:
        if command == "serve":
            serve()
        elif command == "test":
            test(rest)
        else:
            print(__doc__)
            return 2
    except subprocess.CalledProcessError as error:
        return error.returncode or 1
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
