"""The public report pages: filing (filing.py), the list, the report page and the map
(public.py), and a resident's actions on a report (citizen.py). Staff pages live in staff/."""
