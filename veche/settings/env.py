"""Reading settings from environment variables, with an optional `.env` file at the project root."""

import json
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def _load_dotenv(path: Path) -> None:
    # A tiny KEY=VALUE reader: the first-run command writes `.env`; real environment variables win.
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip("'\""))


_load_dotenv(BASE_DIR / ".env")


def env_str(name: str, default: str = "") -> str:
    """The variable's value; an empty one counts as unset (DATABASE_URL= means the default)."""
    return os.environ.get(name) or default


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def load_portal_config(folder: Path, name: str) -> dict[str, str]:
    """The settings' defaults of configuration `name` (`<folder>/<name>/portal.json`); {} for none.

    An unknown name is an error at start-up rather than a portal silently under another name."""
    if not name:
        return {}
    path = folder / name / "portal.json"
    if not path.is_file():
        raise RuntimeError(f"VECHE_CONFIG={name!r}: there is no {path}.")
    return json.loads(path.read_text(encoding="utf-8"))
