"""Screenshots of the officials' workspace at 1280 and 390 px, from the demo data, in Chromium.

    DATABASE_URL=sqlite:///var/shot.sqlite3 python manage.py migrate && python manage.py seed_demo
    python manage.py runserver 127.0.0.1:8731 &
    python scripts/screenshots_workspace.py [BASE_URL] [OUT_DIR]

Logs in as the demo moderator, official and municipal admin (docs/demo.md) and saves
workspace-*.png: the landing cards, the moderation queue, the inbox, the staff report page, the
admin's dashboard and his territory's reports.
"""

import sys

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8731"
OUT = sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots"
PERSONAS = {
    "moderator": ("moderator@demo.veche", "demo-moderator-2026"),
    "official": ("official@demo.veche", "demo-official-2026"),
    "admin": ("municipal-admin@demo.veche", "demo-municipal-admin-2026"),
}


def login(page, who: str) -> None:
    email, password = PERSONAS[who]
    page.goto(BASE + "/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state()


def shoot(page, name: str, width: int, path: str | None = None) -> None:
    if path:
        page.goto(BASE + path)
    page.wait_for_timeout(500)  # the map's tiles, if any
    page.screenshot(path=f"{OUT}/workspace-{name}-{width}.png", full_page=True)


def first_report(page) -> str:
    return page.locator("table th a[href^='/workspace/reports/']").first.get_attribute("href")


def main() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=sys.argv[3] if len(sys.argv) > 3 else None, args=["--no-sandbox"]
        )
        for width in (1280, 390):
            for who in PERSONAS:
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                login(page, who)  # staff land on the workspace's cards
                shoot(page, f"index-{who}", width)
                if who == "moderator":
                    shoot(page, "queue", width, "/workspace/reports/moderation/")
                    shoot(page, "report-moderator", width, first_report(page))
                elif who == "official":
                    shoot(page, "inbox", width, "/workspace/reports/inbox/?tab=all")
                    shoot(page, "report-official", width, first_report(page))
                else:
                    shoot(page, "dashboard-admin", width, "/staff/")
                    shoot(page, "territory", width, "/workspace/reports/territory/")
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
