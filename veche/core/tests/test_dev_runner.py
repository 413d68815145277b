"""The local runner (dev.py): links in the e-mails it writes point at the port it serves."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
_spec = importlib.util.spec_from_file_location("dev_runner", ROOT / "dev.py")
dev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dev)


def test_site_url_follows_the_port(tmp_path):
    env = dev.serve_environment({"PORT": "8301", "HOME": "/home/x"}, dotenv=tmp_path / ".env")
    assert env["SITE_URL"] == "http://127.0.0.1:8301"
    assert env["PORT"] == "8301" and env["HOME"] == "/home/x"


def test_default_port_and_its_site_url(tmp_path):
    env = dev.serve_environment({}, dotenv=tmp_path / ".env")
    assert env["PORT"] == "8000" and env["SITE_URL"] == "http://127.0.0.1:8000"


def test_an_explicit_site_url_wins(tmp_path):
    explicit = {"PORT": "8301", "SITE_URL": "https://portal.example.ru"}
    env = dev.serve_environment(explicit, dotenv=tmp_path / ".env")
    assert env["SITE_URL"] == "https://portal.example.ru"

    dotenv = tmp_path / ".env"
    dotenv.write_text("SECRET_KEY=x\nSITE_URL=http://veche.local:9000\n", encoding="utf-8")
    assert "SITE_URL" not in dev.serve_environment({"PORT": "8301"}, dotenv=dotenv)
    dotenv.write_text("SECRET_KEY=x\nSITE_URL=\n", encoding="utf-8")  # empty counts as unset
    env = dev.serve_environment({"PORT": "8301"}, dotenv=dotenv)
    assert env["SITE_URL"] == "http://127.0.0.1:8301"
