"""The default reasons a moderator removes a comment with, loaded by migration 0002. Stored as
English message ids the catalogues translate (RemovalReason.label); an admin may add his own
in any language, shown as written."""

from django.utils.translation import gettext_noop

DEFAULT_REASONS = [
    ("insults", gettext_noop("Insults or obscene language")),
    ("off-topic", gettext_noop("Off the topic of the discussion")),
    ("advertising", gettext_noop("Advertising or spam")),
    ("personal-data", gettext_noop("Personal data of other people")),
    ("illegal", gettext_noop("Breaks the law (extremism, calls to violence)")),
    ("flood", gettext_noop("Repeated messages (flood)")),
]
