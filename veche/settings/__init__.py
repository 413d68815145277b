"""Settings per environment: base (shared, from environment variables), dev, test, production."""
