"""Local development: the first-run command (`python3 dev.py serve`) uses these."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-insecure-key-only-for-this-machine")
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
# The demo CA of `manage.py budgeting_demo_ca`, once it is made (docs/budgeting-signatures.md).
_DEMO_CA = BASE_DIR / "var" / "demo-ca" / "ca.crt"  # noqa: F405
if "BUDGETING_TRUSTED_CAS" not in __import__("os").environ and _DEMO_CA.is_file():
    BUDGETING_TRUSTED_CAS = [str(_DEMO_CA)]
