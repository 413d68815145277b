"""Production: DEBUG off, secrets required, HTTPS. `manage.py check --deploy` prints no warning.

Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto (docs/deployment.md).
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY
from .env import env_bool, env_int, env_str

DEBUG = False
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random string of 50+ characters.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe the app servers over plain HTTP; a redirect would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^api/v1/health$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Media: a folder shared by every app server (MEDIA_ROOT), or S3-compatible object storage
# with MEDIA_STORAGE=s3 (needs `pip install "veche[s3]"`, i.e. django-storages with boto3).
if env_str("MEDIA_STORAGE", "filesystem") == "s3":
    _MEDIA = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID"),
            "secret_key": env_str("S3_SECRET_ACCESS_KEY"),
            "custom_domain": env_str("S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,  # the bucket's policy decides; never public-read by default
            "file_overwrite": False,  # two uploads with one name never replace each other
            "querystring_auth": env_bool("S3_QUERYSTRING_AUTH", False),
        },
    }
else:
    _MEDIA = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    **STORAGES,  # noqa: F405 - keeps aliases other apps add (e.g. "verification")
    "default": _MEDIA,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
