"""Reports keep the Snowball stems of their text, topic and address (`Report.search_stems`); the
functions live in the platform's search app (veche/search/text.py), shared by every module."""

from veche.search.text import matching, stems

__all__ = ["matching", "stems"]
