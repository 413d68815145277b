"""The staff workspace for reports: the moderators' queue, the agency's inbox, a report's staff
page with one small view per action, and filing by a contact-centre operator.

Importing the package registers the workspace's own named permissions (permissions.py).
"""

from . import permissions  # noqa: F401
