"""Shared set-up for the browser tests: Debian's chromium, launched offline, one tab per context.

Playwright's sync API runs an event loop in the test thread; Django's ORM calls in fixtures are
still synchronous and safe there, hence DJANGO_ALLOW_ASYNC_UNSAFE.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # WCAG 2.x A and AA, as GB/T 37668-2019 asks
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright: Any) -> Any:
    """Start Debian's chromium headless, with its calls home turned off (this machine has no network)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def offline_tab(context: Any) -> Any:
    """Open a tab that refuses every request not for the live server: the pages must work offline."""
    tab = context.new_page()
    tab.route(
        "**/*",
        lambda route: (
            route.continue_()
            if "127.0.0.1" in route.request.url or "localhost" in route.request.url
            else route.abort()
        ),
    )
    return tab


@contextmanager
def browser_tab(**context_options: Any) -> Iterator[Any]:
    """One offline tab in a fresh chromium (context_options go to new_context), closed afterwards."""
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(**context_options)
        tab = offline_tab(context)
        yield tab
        context.close()
        browser.close()
        # Code inside sync_playwright() runs in its own context, where Django opens its own database
        # connection; close it here, or PostgreSQL refuses to drop the test database at the end.
        connections.close_all()


def log_in(page: Any, base: str, username: str, password: str) -> None:
    """Sign in through the login page and wait for the form list."""
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button.primary")
    page.wait_for_url(f"{base}/forms/")


def axe_violations(tab: Any) -> list[str]:
    """Run axe-core (WCAG 2.x A and AA rules) on the tab's page; return the violations, one line each.

    Each line names the rule, what it asks and where (up to five elements), so a failing test says
    what to fix without a second run.
    """
    if not AXE.exists():
        raise AssertionError(f"axe-core is missing: {AXE} (npm ci installs it)")
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} element(s), e.g. "
        + "; ".join(
            f"{' '.join(map(str, n['target']))} [{(n.get('failureSummary') or '').replace(chr(10), ' ')[:160]}]"
            for n in v["nodes"][:5]
        )
        for v in result["violations"]
    ]
