import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veche.settings.production")
application = get_wsgi_application()

from veche.core.startup import settle  # noqa: E402  (needs the apps loaded)

settle()
