"""Settings shared by every environment. Every value comes from an environment variable with a safe
default; docs/configuration.md lists them all."""

from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from .env import BASE_DIR, env_bool, env_int, env_list, env_str, load_portal_config

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # The portal's apps come first: an earlier app's templates, static files and translations win,
    # so Django's catalogues («имя», «активный») never replace the apps' own words.
    "veche.core",
    "veche.territory",
    "veche.workdays",
    "veche.agencies",
    "veche.accounts",
    "veche.media",
    "veche.verification",
    "veche.staff",
    "veche.events",
    "veche.supports",
    "veche.voting",
    "veche.reports",
    "veche.ideas",
    "veche.polls",
    "veche.discussions",
    "veche.budgeting",
    "veche.realized",
    "veche.activities",
    "veche.directline",
    "veche.content",
    "veche.infrastructure",
    "veche.analytics",
    "veche.open311",
    "veche.notifications",
    "veche.api",
    "veche.moderation",
    "veche.search",
    "veche.chatbot",
    "veche.comments",
    "veche.ledger",
    "veche.points",
    "veche.community",
    "veche.warehouse",
    "veche.opendata",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # its templates and static files: Swagger UI served from here, not from a CDN
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "veche.core.middleware.RussianByDefaultMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "veche.core.middleware.AccessibilityMiddleware",
    # Unique visitors per day: a daily-rotated keyed hash in the cache, no cookie, no address.
    "veche.analytics.visitors.VisitorMiddleware",
]

ROOT_URLCONF = "veche.urls"
WSGI_APPLICATION = "veche.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "veche.core.context_processors.portal",
            ],
        },
    },
]

# SQLite in WAL mode is the embedded default; PostgreSQL (DATABASE_URL=postgres://…) in production.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'veche.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Kept open like PostgreSQL's: a new connection costs the PRAGMAs below and the schema read
    # on every request (0.5–2 ms); one process's connection serves its requests one at a time.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Prepared statements for what asks for one (Django's own cursors bind on the client and never
    # do): the support's one statement (veche/supports) is planned once per connection instead of
    # on every support, which costs more than running it. Django turns them off by default for
    # poolers in transaction mode (PgBouncer before 1.21): set DATABASE_PREPARED_STATEMENTS=0 there.
    prepared = env_bool("DATABASE_PREPARED_STATEMENTS", True)
    DATABASES["default"]["OPTIONS"] = {"prepare_threshold": 5 if prepared else None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:cabinet"
LOGOUT_REDIRECT_URL = "core:home"

# Russian is the default language; English is complete. Translations live in each app's locale/
# (LOCALE_PATHS stays empty: an app's catalogue sits beside its code).
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Russian")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "veche_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
# The flags of every preference cookie (language, version for the visually impaired; see
# veche/core/cookies.py). No script reads them; production adds Secure.
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
USE_I18N = True
USE_TZ = True
# Stored in UTC; shown and counted in the region's zone (Yugra is UTC+5).
TIME_ZONE = env_str("TIME_ZONE", "Asia/Yekaterinburg")

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Third-party front-end code comes from npm (package.json) and is served from node_modules.
_NODE = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    (prefix, _NODE / path)
    for prefix, path in [
        ("vendor/htmx", "htmx.org/dist"),
        ("vendor/leaflet", "leaflet/dist"),
        ("vendor/leaflet.markercluster", "leaflet.markercluster/dist"),
    ]
    if (_NODE / path).is_dir()
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Upload caps (veche/media, docs/media.md): size per file, and pixels checked before decoding —
# per image and for all the images of one request together.
MEDIA_MAX_PHOTO_MB = env_int("MEDIA_MAX_PHOTO_MB", 15)
MEDIA_MAX_VIDEO_MB = env_int("MEDIA_MAX_VIDEO_MB", 100)
MEDIA_MAX_VIDEO_SECONDS = env_int("MEDIA_MAX_VIDEO_SECONDS", 180)
MEDIA_MAX_DOCUMENT_MB = env_int("MEDIA_MAX_DOCUMENT_MB", 20)
MEDIA_MAX_IMAGE_PIXELS = env_int("MEDIA_MAX_IMAGE_PIXELS", 40_000_000)
MEDIA_MAX_REQUEST_PIXELS = env_int("MEDIA_MAX_REQUEST_PIXELS", 60_000_000)

# Cache: local memory by default; REDIS_URL for several app servers (rate limits must be shared).
if env_str("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("REDIS_URL"),
        }
    }
else:
    # Room for every active API token, rate-limit window and cached fragment of a busy server:
    # at Django's default of 300 entries they evict one another and each request reads again.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": env_int("LOCMEM_CACHE_MAX_ENTRIES", 20_000)},
        }
    }

# E-mail: console by default, a file folder with EMAIL_FILE_PATH, SMTP with EMAIL_HOST.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Вече <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# SMS (phone verification codes, notices): a pluggable backend (dotted path), console by default.
SMS_BACKEND = env_str("SMS_BACKEND", "veche.core.sms.ConsoleSmsBackend")

# Web push (VAPID): off unless both keys are set; `manage.py webpush_keys` prints a new pair.
WEBPUSH_VAPID_PRIVATE_KEY = env_str("WEBPUSH_VAPID_PRIVATE_KEY")
WEBPUSH_VAPID_PUBLIC_KEY = env_str("WEBPUSH_VAPID_PUBLIC_KEY")
# Who push services may write to about this sender (mailto: or https:).
WEBPUSH_CONTACT = env_str("WEBPUSH_CONTACT", f"mailto:{parseaddr(DEFAULT_FROM_EMAIL)[1]}")
# Push services that browsers' subscriptions may name (host suffixes); nothing else is posted to.
WEBPUSH_ENDPOINT_HOSTS = env_list(
    "WEBPUSH_ENDPOINT_HOSTS",
    "fcm.googleapis.com,push.services.mozilla.com,notify.windows.com,push.apple.com",
)

# OpenID Connect identity provider (e.g. ЕСИА through a gateway); off unless OIDC_ISSUER is set.
OIDC_ISSUER = env_str("OIDC_ISSUER")
OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID")
OIDC_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET")

# Open311 GeoReport v2: the jurisdiction_id this server answers to (empty: any), and contacts.
OPEN311_JURISDICTION = env_str("OPEN311_JURISDICTION", "")
OPEN311_CONTACT = env_str("OPEN311_CONTACT", "open311@localhost")
# A contact-centre operator's filings are published and routed at once, like a trusted API key's.
OPERATOR_FILINGS_SKIP_MODERATION = env_bool("OPERATOR_FILINGS_SKIP_MODERATION", False)

# Background work: the Django Tasks API with the durable database backend.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Rate limits: attempts per window (seconds) per client address.
RATE_LIMIT_LOGIN = env_str("RATE_LIMIT_LOGIN", "10/300")
RATE_LIMIT_REGISTER = env_str("RATE_LIMIT_REGISTER", "5/3600")
# Exports of the list (CSV/XLSX) per client address: a heavy read.
RATE_LIMIT_EXPORT = env_str("RATE_LIMIT_EXPORT", "20/600")
# Approvals and rejections on the moderation page per staff member (not per address).
RATE_LIMIT_MODERATION = env_str("RATE_LIMIT_MODERATION", "200/600")
# Changes on the voting points' staff pages per staff member (veche/voting).
RATE_LIMIT_VOTING_POINTS = env_str("RATE_LIMIT_VOTING_POINTS", "60/600")
# Comments written or edited, and likes and complaints given, per person (veche/comments).
RATE_LIMIT_COMMENT = env_str("RATE_LIMIT_COMMENT", "10/600")
# How long the thread's HTML for visitors who are not logged in is kept (keyed by its content).
COMMENT_THREAD_CACHE_SECONDS = env_int("COMMENT_THREAD_CACHE_SECONDS", 300)
# Guests' busiest pages kept whole, keyed by the event log's last id (veche/core/pagecache.py).
GUEST_PAGE_CACHE_SECONDS = env_int("GUEST_PAGE_CACHE_SECONDS", 60)
RATE_LIMIT_COMMENT_REACT = env_str("RATE_LIMIT_COMMENT_REACT", "120/600")
# Ideas filed per person (web and API), and the ideas API's other writes per person.
RATE_LIMIT_IDEA_FILING = env_str("RATE_LIMIT_IDEA_FILING", "10/3600")
RATE_LIMIT_IDEA_WRITES = env_str("RATE_LIMIT_IDEA_WRITES", "120/60")
# Ballots cast per person (web and API; a refused ballot does not count), and the organizers'
# edits of polls per person (veche/polls).
RATE_LIMIT_POLL_BALLOT = env_str("RATE_LIMIT_POLL_BALLOT", "20/600")
RATE_LIMIT_POLL_EDIT = env_str("RATE_LIMIT_POLL_EDIT", "300/600")
# Paper ballots one operator enters at a voting point (a queue at an exhibition: one a minute).
RATE_LIMIT_POLL_PAPER = env_str("RATE_LIMIT_POLL_PAPER", "120/3600")
# Comments with a passage or proposal, ratings and the organizers' edits per person
# (veche/discussions; the shared comments keep RATE_LIMIT_COMMENT as well).
RATE_LIMIT_DISCUSSION_COMMENT = env_str("RATE_LIMIT_DISCUSSION_COMMENT", "10/600")
RATE_LIMIT_DISCUSSION_RATE = env_str("RATE_LIMIT_DISCUSSION_RATE", "30/600")
RATE_LIMIT_DISCUSSION_EDIT = env_str("RATE_LIMIT_DISCUSSION_EDIT", "300/600")
# The TrueType font with Cyrillic the final report's PDF is set in (Debian: fonts-dejavu-core).
PDF_FONT_PATH = env_str("PDF_FONT_PATH", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# The organizers' edits of budgeting contests per person (veche/budgeting).
RATE_LIMIT_BUDGETING_EDIT = env_str("RATE_LIMIT_BUDGETING_EDIT", "300/600")
# Invitations to initiative groups one leader sends (each may be a letter to an address).
RATE_LIMIT_BUDGETING_INVITE = env_str("RATE_LIMIT_BUDGETING_INVITE", "30/3600")
# Staff edits of the realized projects' registry per person, and its imports (veche/realized).
RATE_LIMIT_REALIZED_EDIT = env_str("RATE_LIMIT_REALIZED_EDIT", "300/600")
RATE_LIMIT_REALIZED_IMPORT = env_str("RATE_LIMIT_REALIZED_IMPORT", "30/3600")
# Points: reward orders per resident, the rewards desk's decisions per staff member.
RATE_LIMIT_POINTS_ORDER = env_str("RATE_LIMIT_POINTS_ORDER", "10/3600")
RATE_LIMIT_POINTS_DESK = env_str("RATE_LIMIT_POINTS_DESK", "300/600")
# Referrals: a resident whose link brought this many confirmed registrations is an ambassador and
# earns the `referral` rule's points for each from then on (docs/points.md, "Referrals").
POINTS_AMBASSADOR_FROM = env_int("POINTS_AMBASSADOR_FROM", 5)
# Virtual capital: gifts to community projects per resident.
RATE_LIMIT_CAPITAL_GIVE = env_str("RATE_LIMIT_CAPITAL_GIVE", "20/600")
RATE_LIMIT_COMMUNITY_REGISTRY = env_str("RATE_LIMIT_COMMUNITY_REGISTRY", "20/3600")
# Suspicious capital (veche/community): accounts that gave their first capital within this many
# days of registering, only to one project, at least this many of them on one project.
COMMUNITY_SIGNAL_FRESH_DAYS = env_int("COMMUNITY_SIGNAL_FRESH_DAYS", 7)
COMMUNITY_SIGNAL_LEAST = env_int("COMMUNITY_SIGNAL_LEAST", 3)
# Imports of the children's activities catalogue per person (veche/activities).
RATE_LIMIT_ACTIVITIES_IMPORT = env_str("RATE_LIMIT_ACTIVITIES_IMPORT", "30/3600")
# Editors' writes per person, and residents' «helpful?» answers and «Пойду» marks (veche/content).
RATE_LIMIT_CONTENT_EDIT = env_str("RATE_LIMIT_CONTENT_EDIT", "300/600")
RATE_LIMIT_CONTENT_REACT = env_str("RATE_LIMIT_CONTENT_REACT", "60/600")
# The direct line: a resident's questions and supports, staff writes, per person (veche/directline).
RATE_LIMIT_DIRECTLINE_ASK = env_str("RATE_LIMIT_DIRECTLINE_ASK", "10/3600")
RATE_LIMIT_DIRECTLINE_SUPPORT = env_str("RATE_LIMIT_DIRECTLINE_SUPPORT", "60/600")
RATE_LIMIT_DIRECTLINE_STAFF = env_str("RATE_LIMIT_DIRECTLINE_STAFF", "600/600")
# The chatbot's messages per account or guest session (veche/chatbot).
RATE_LIMIT_CHATBOT = env_str("RATE_LIMIT_CHATBOT", "60/600")
# Staff edits of the infrastructure registry's objects per person (veche/infrastructure).
RATE_LIMIT_INFRASTRUCTURE_EDIT = env_str("RATE_LIMIT_INFRASTRUCTURE_EDIT", "300/600")
# Residents' ratings, proposals and supports on the registry's objects per person, and staff
# uploads of an object's photos and documents per person.
RATE_LIMIT_INFRASTRUCTURE_RESIDENT = env_str("RATE_LIMIT_INFRASTRUCTURE_RESIDENT", "30/600")
RATE_LIMIT_INFRASTRUCTURE_UPLOAD = env_str("RATE_LIMIT_INFRASTRUCTURE_UPLOAD", "60/600")
# The CAs whose certificates may sign budgeting's evaluation sheets: PEM or DER files, comma-
# separated (docs/budgeting-signatures.md); none by default, so no signature is accepted.
BUDGETING_TRUSTED_CAS = env_list("BUDGETING_TRUSTED_CAS", "")
# Signatures uploaded to evaluation sheets per person (each is verified with pyHanko).
RATE_LIMIT_BUDGETING_SIGN = env_str("RATE_LIMIT_BUDGETING_SIGN", "20/3600")
# Reverse proxies in front of the app servers (nginx: 1). Rate limits then key on the client's
# address from X-Forwarded-For; 0 trusts no header and uses the connection's address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Seconds an app server reuses an API token it has read (0: read it on every request).
API_TOKEN_CACHE_SECONDS = env_int("API_TOKEN_CACHE_SECONDS", 60)

# Region of this deployment: configuration, not code (the demo is Yugra). VECHE_CONFIG names a
# configuration folder, veche/territory/data/<name>/, whose portal.json gives the defaults of the
# names and emblem below (and `seed_demo` loads that configuration's data; docs/configuration.md).
VECHE_CONFIG = env_str("VECHE_CONFIG", "")
_PORTAL = load_portal_config(BASE_DIR / "veche" / "territory" / "data", VECHE_CONFIG)
REGION_NAME = env_str(
    "REGION_NAME", _PORTAL.get("REGION_NAME", "Ханты-Мансийский автономный округ – Югра")
)
PORTAL_NAME = env_str("PORTAL_NAME", _PORTAL.get("PORTAL_NAME", "Вече"))
# The emblem in the header: a static file's path, shown 40 px high (empty: none).
PORTAL_EMBLEM = env_str("PORTAL_EMBLEM", _PORTAL.get("PORTAL_EMBLEM", "core/emblem.svg"))
# Seconds the headline figures of reports (home page, dashboards) are cached; not invalidated.
REPORT_FIGURES_CACHE_SECONDS = env_int("REPORT_FIGURES_CACHE_SECONDS", 300)
REPORT_FILTER_CHOICES_CACHE_SECONDS = env_int("REPORT_FILTER_CHOICES_CACHE_SECONDS", 60)
# The chatbot's matcher over the knowledge base; forgotten when an entry is saved or deleted.
CHATBOT_KNOWLEDGE_CACHE_SECONDS = env_int("CHATBOT_KNOWLEDGE_CACHE_SECONDS", 300)
# The bot in Telegram (docs/chatbot.md, "Messengers"): the webhook answers 404 while the secret
# is empty. setWebhook with url=<SITE_URL>/chat/telegram/<WEBHOOK_SECRET>/ and
# secret_token=<SECRET_TOKEN>.
CHATBOT_TELEGRAM_WEBHOOK_SECRET = env_str("CHATBOT_TELEGRAM_WEBHOOK_SECRET", "")
CHATBOT_TELEGRAM_SECRET_TOKEN = env_str("CHATBOT_TELEGRAM_SECRET_TOKEN", "")
CHATBOT_TELEGRAM_BOT_TOKEN = env_str("CHATBOT_TELEGRAM_BOT_TOKEN", "")
CHATBOT_TELEGRAM_BOT_NAME = env_str("CHATBOT_TELEGRAM_BOT_NAME", "")
# The bot in VK (Callback API at <SITE_URL>/chat/vk/): answers 404 while the secret is empty;
# every event's `secret` field must match; `confirmation` is answered with CONFIRMATION.
CHATBOT_VK_SECRET = env_str("CHATBOT_VK_SECRET", "")
CHATBOT_VK_CONFIRMATION = env_str("CHATBOT_VK_CONFIRMATION", "")
CHATBOT_VK_TOKEN = env_str("CHATBOT_VK_TOKEN", "")
# The messengers' adapter: BySender hands each messenger to its own (Telegram, VK).
CHATBOT_MESSENGER_SENDER = env_str("CHATBOT_MESSENGER_SENDER", "veche.chatbot.adapters.BySender")
CHATBOT_LINK_CODE_MINUTES = env_int("CHATBOT_LINK_CODE_MINUTES", 15)
# Minutes a messenger chat's filing under way is kept without a new message (docs/chatbot.md).
CHATBOT_MESSENGER_STATE_MINUTES = env_int("CHATBOT_MESSENGER_STATE_MINUTES", 30)
# Seconds a public list's count (its page numbers) and the API lists' `count` are reused for the
# same filters (veche/core/paging.py); 0 counts on every view.
LIST_COUNT_CACHE_SECONDS = env_int("LIST_COUNT_CACHE_SECONDS", 60)
# A list filtered by equality only (no text search) that the planner expects this long or longer
# is not counted: its page numbers follow the planner's estimate (PostgreSQL; 0 always counts).
LIST_COUNT_ESTIMATE_ABOVE = env_int("LIST_COUNT_ESTIMATE_ABOVE", 20_000)
# Seconds a map view's cluster counts are reused for the same filters and view
# (veche/core/maps.py); 0 counts on every view.
MAP_CELLS_CACHE_SECONDS = env_int("MAP_CELLS_CACHE_SECONDS", 60)
# The operator of the portal and its contacts, in the footer of every page.
PORTAL_OPERATOR = env_str("PORTAL_OPERATOR", "Департамент общественных коммуникаций Югры (демо)")
PORTAL_CONTACT_EMAIL = env_str("PORTAL_CONTACT_EMAIL", "portal@example.org")
PORTAL_CONTACT_PHONE = env_str("PORTAL_CONTACT_PHONE", "+7 3467 00-00-00")
PORTAL_CONTACT_ADDRESS = env_str("PORTAL_CONTACT_ADDRESS", "")
# The personal-data policy: the operator's own page if it has one, otherwise the portal's.
PORTAL_PRIVACY_URL = env_str("PORTAL_PRIVACY_URL", "")
# Federal Law No. 59-FZ on citizens' appeals, which governs answers to reports.
APPEALS_LAW_URL = env_str("APPEALS_LAW_URL", "http://pravo.gov.ru/proxy/ips/?docbody=&nd=102106413")

# A refused CSRF check gets the portal's translated 403 page, not Django's English one.
CSRF_FAILURE_VIEW = "veche.core.views.csrf_failure"

SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie (HTMX sends the token from data-hx-headers); HttpOnly on it would
# add nothing (Django docs, CSRF_COOKIE_HTTPONLY), so the default stays.
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy: only our own origin; map tiles from the configured tile server.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
_TILE_ORIGIN = "/".join(MAP_TILE_URL.split("/")[:3]) if "://" in MAP_TILE_URL else SELF
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", _TILE_ORIGIN],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browsers POST violation reports here when set (e.g. a Sentry CSP endpoint).
if env_str("CSP_REPORT_URI"):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-uri"] = [env_str("CSP_REPORT_URI")]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Public voting in initiative budgeting (docs/budgeting.md, "Suspicious-account signals"): the
# key of the HMAC that stores networks and devices only as keyed hashes (by default derived from
# SECRET_KEY), how long the hashes are kept, and the thresholds of the signals.
VOTE_SIGNAL_KEY = env_str("VOTE_SIGNAL_KEY", "") or f"vote-signals:{SECRET_KEY}"
VOTE_SIGNAL_KEEP_DAYS = env_int("VOTE_SIGNAL_KEEP_DAYS", 90)
# Several accounts (at least ..._ACCOUNTS) voting from one network or one device within
# ..._MINUTES of each other.
VOTE_SIGNAL_SHARED_ACCOUNTS = env_int("VOTE_SIGNAL_SHARED_ACCOUNTS", 3)
VOTE_SIGNAL_SHARED_MINUTES = env_int("VOTE_SIGNAL_SHARED_MINUTES", 10)
# An account created less than ..._FRESH_HOURS before its first vote.
VOTE_SIGNAL_FRESH_HOURS = env_int("VOTE_SIGNAL_FRESH_HOURS", 24)
# A burst: at least ..._BURST_ACCOUNTS accounts whose first vote in the contest came from one
# network within ..._BURST_MINUTES of their registration.
VOTE_SIGNAL_BURST_ACCOUNTS = env_int("VOTE_SIGNAL_BURST_ACCOUNTS", 5)
VOTE_SIGNAL_BURST_MINUTES = env_int("VOTE_SIGNAL_BURST_MINUTES", 60)
RATE_LIMIT_BUDGETING_VOTE = env_str("RATE_LIMIT_BUDGETING_VOTE", "240/3600")

# The ClickHouse export of the event log (docs/warehouse.md): a server's URL, e.g.
# http://user:password@clickhouse:8123/veche; empty turns `warehouse_export` off.
CLICKHOUSE_URL = env_str("CLICKHOUSE_URL", "")
# Open data (docs/opendata.md): the licence of every dataset and where the nightly files go.
OPENDATA_LICENCE = env_str("OPENDATA_LICENCE", "CC BY 4.0")
OPENDATA_LICENCE_URL = env_str(
    "OPENDATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
OPENDATA_ROOT = Path(env_str("OPENDATA_ROOT", str(BASE_DIR / "opendata")))

# Analytics' covering indexes (INCLUDE) serve PostgreSQL; SQLite builds them without the extra
# columns, which is all W040 says.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
