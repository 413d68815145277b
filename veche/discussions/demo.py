"""Demo data of discussions (filled below)."""


def seed(**kwargs):
    return None
