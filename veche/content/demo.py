"""Demo content (filled in step 5)."""


def seed():
    return None
