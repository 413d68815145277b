def seed():
    return None
