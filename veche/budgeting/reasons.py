"""The default reasons to reject an application at the technical review, as English message ids
shown translated (`{% translate reason.text %}`); an admin may add reasons of his own."""

from django.utils.translation import gettext_noop

DEFAULT_REASONS = [
    ("incomplete", gettext_noop("The application is incomplete and was not completed in time.")),
    ("not-eligible", gettext_noop("The project does not fit the contest's directions.")),
    ("not-municipal", gettext_noop("The project concerns property that is not municipal.")),
    ("cost", gettext_noop("The cost estimate is not justified or exceeds the subsidy cap.")),
    ("cofinancing", gettext_noop("The co-financing does not meet the contest's minimums.")),
    ("duplicate", gettext_noop("The same project is already financed or applied for.")),
]
