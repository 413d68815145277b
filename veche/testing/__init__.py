"""Shared pytest plugins for Veche's test suite (registered from veche/conftest.py)."""
