"""Locust users for ``bench/bench_load.py``: fillers saving their own forms, and a /healthz baseline.

Started by bench_load.py only (it passes the prepared sessions in ``JIXIAO_LOAD_SLOTS``, the think
time in ``JIXIAO_LOAD_THINK`` as ``low-high`` seconds, and collects what each filler saw
acknowledged from ``JIXIAO_LOAD_RESULTS``).

Each filler posts exactly what the edit page (``jixiao/web/static/jixiao/edit.js``) posts after a
pause in typing: the one field that changed, ``base:<path>`` with the value the page last knew the
server had for it, the revision the page holds and the structure token. From the answer it takes
what edit.js takes: a field not listed in ``X-Jixiao-Unsaved`` becomes the new base, and the new
revision comes from the hidden ``revision`` input swapped in out of band (sent only when the page
was in step with the stored form).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import threading
from pathlib import Path
from typing import Any

from locust import HttpUser, between, constant, events, task

SLOTS: list[dict[str, Any]] = json.loads(Path(os.environ["JIXIAO_LOAD_SLOTS"]).read_text(encoding="utf-8"))
RESULTS = Path(os.environ["JIXIAO_LOAD_RESULTS"])
THINK = tuple(float(x) for x in os.environ.get("JIXIAO_LOAD_THINK", "5-15").split("-", 1))
_next = itertools.count()
_lock = threading.Lock()
CSRF = "b" * 32  # an unmasked CSRF secret: sent as the cookie and as the header, as a page does
REVISION = re.compile(r'<input type="hidden" name="revision" id="revision" value="(\d+)"')

# The fields a filler edits in turn: two texts and an amount.
FIELDS = ("goals.achieved", "tasks[0].achieved", "funds.actual")


def save_field(user: Filler, path: str, value: str) -> str:
    """Save one field of the filler's form as the edit page does and take from the answer what the
    page takes. Return "saved" (acknowledged: 200 with ``X-Jixiao-Saved``, the field not unsaved),
    "conflict" (409), "server" (5xx) or "other". The one place that knows the save protocol."""
    slot = user.slot
    assert slot is not None
    with user.client.post(
        f"/forms/{slot['form']}/save/",
        data={
            "structure": slot["structure"],
            "revision": str(slot["revision"]),
            path: value,
            "base:" + path: user.base[path],
        },
        headers={"HX-Request": "true", "X-CSRFToken": CSRF, "Referer": user.host + f"/forms/{slot['form']}/"},
        name="save one field",
        catch_response=True,
    ) as response:
        status = response.status_code
        saved = response.headers.get("X-Jixiao-Saved")
        if status in (200, 409) and saved:
            unsaved = json.loads(response.headers.get("X-Jixiao-Unsaved") or "[]")
            found = REVISION.search(response.text or "")
            if found:
                slot["revision"] = int(found.group(1))
            if path not in unsaved:
                user.base[path] = value
            if status == 200 and path not in unsaved:
                response.success()
                return "saved"
        response.failure(f"HTTP {status}")
        if status == 409:
            return "conflict"
        return "server" if status >= 500 else "other"


class Filler(HttpUser):
    weight = 200
    wait_time = between(*THINK)  # a pause in typing, then the page saves (bench_load.py --think)

    def on_start(self) -> None:
        with _lock:
            number = next(_next)
        if number >= len(SLOTS):
            self.slot: dict[str, Any] | None = None
            return
        self.slot = SLOTS[number]
        self.base: dict[str, str] = dict(self.slot["base"])  # what the page loaded
        self.client.cookies.set("sessionid", self.slot["session"])
        self.client.cookies.set("csrftoken", CSRF)
        self.count = 0
        self.acknowledged: dict[str, str] = {}
        # Values sent since the last acknowledged one of their field whose answer this filler did not
        # take (in flight when locust stopped it, or refused): the server may hold one of them.
        self.unanswered: dict[str, list[str]] = {}
        self.outcomes = {"saved": 0, "conflict": 0, "server": 0, "other": 0, "exception": 0}

    @task
    def edit(self) -> None:
        if self.slot is None:
            return
        self.count += 1
        path = FIELDS[self.count % len(FIELDS)]
        value = (
            f"{self.count}.{self.count % 100:02d}"
            if path == "funds.actual"
            else f"{self.slot['user']} 第{self.count}次"
        )
        self.unanswered.setdefault(path, []).append(value)
        try:
            outcome = save_field(self, path, value)
        except Exception:  # a connection reset is a failed save, not an acknowledged one
            outcome = "exception"
        self.outcomes[outcome] += 1
        if outcome == "saved":
            self.acknowledged[path] = value
            self.unanswered[path] = []

    def on_stop(self) -> None:
        if self.slot is None:
            return
        record = {
            "form": self.slot["form"],
            "acknowledged": self.acknowledged,
            "unanswered": self.unanswered,
            "outcomes": self.outcomes,
        }
        (RESULTS / f"{self.slot['user']}.json").write_text(
            json.dumps(record, ensure_ascii=False), encoding="utf-8"
        )


class Health(HttpUser):
    weight = 1
    fixed_count = 1
    wait_time = constant(0.5)

    @task
    def healthz(self) -> None:
        self.client.get("/healthz", name="/healthz")


@events.request.add_listener
def _count_server_errors(request_type: str, name: str, response: Any, exception: Any, **kwargs: Any) -> None:
    if response is not None and getattr(response, "status_code", 0) >= 500:
        with _lock:
            _server_errors[0] += 1


_server_errors = [0]


@events.quitting.add_listener
def _write_totals(environment: Any, **kwargs: Any) -> None:
    (RESULTS / "_totals.txt").write_text(str(_server_errors[0]), encoding="utf-8")
