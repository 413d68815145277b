"""Helpers for the staff test matrices."""

LOGIN = "login"  # redirected to the login page
OK = "ok"  # the page is shown (200)
DONE = "done"  # the change was made and the browser redirected onwards
FORBIDDEN = "forbidden"  # 403
RESIDENTS = ["unconfirmed", "resident", "verified"]


def outcome(response) -> str:
    if response.status_code == 302:
        return LOGIN if response["Location"].startswith("/accounts/login/") else DONE
    return {200: OK, 403: FORBIDDEN}.get(response.status_code, str(response.status_code))
