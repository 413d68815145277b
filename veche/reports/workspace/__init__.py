"""The officials' workspace for reports: the moderators' queue, the agency's inbox, a report's staff
page with one small view per action, and filing by a contact-centre operator. Its named
permissions (reports.view_workspace, …) live in reports/rules.py with the others.
"""
