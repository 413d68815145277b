"""Shared checks of the workspace's tests."""

import re


def back_on_report_page(response) -> bool:
    """A failed action answered the browser with a redirect to the report's own page (which a
    reload only reads again), and that page shows the failed form. `response` comes from a post
    with follow=True."""
    chain = response.redirect_chain
    return (
        len(chain) == 1
        and chain[0][1] == 302
        and re.fullmatch(r"/workspace/reports/\d+/", chain[0][0]) is not None
        and response.status_code == 200
        and response.request["REQUEST_METHOD"] == "GET"
        and 'class="error-summary"' in response.content.decode()
    )
