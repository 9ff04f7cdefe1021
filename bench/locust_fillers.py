"""Locust users for ``bench/bench_load.py``: fillers saving their own forms, and a /healthz baseline.

Started by bench_load.py only (it passes the prepared sessions in ``JIXIAO_LOAD_SLOTS`` and collects
what each filler saw acknowledged from ``JIXIAO_LOAD_RESULTS``).
"""

from __future__ import annotations

import itertools
import json
import os
import threading
from pathlib import Path
from typing import Any

from locust import HttpUser, between, constant, events, task

SLOTS: list[dict[str, Any]] = json.loads(Path(os.environ["JIXIAO_LOAD_SLOTS"]).read_text(encoding="utf-8"))
RESULTS = Path(os.environ["JIXIAO_LOAD_RESULTS"])
_next = itertools.count()
_lock = threading.Lock()
CSRF = "b" * 32  # an unmasked CSRF secret: sent as the cookie and as the header, as a page does

# The fields a filler edits in turn: two texts and an amount.
FIELDS = ("goals.achieved", "tasks[0].achieved", "funds.actual")


def save_field(user: HttpUser, slot: dict[str, Any], path: str, value: str) -> bool:
    """Save one field of the filler's form as the edit page does; return True when the server
    acknowledged it (HTTP 200). The one place that knows the save protocol (it changes in phase 2)."""
    with user.client.post(
        f"/forms/{slot['form']}/save/",
        data={"structure": slot["structure"], "revision": slot["revision"], path: value},
        headers={"HX-Request": "true", "X-CSRFToken": CSRF, "Referer": user.host + f"/forms/{slot['form']}/"},
        name="save one field",
        catch_response=True,
    ) as response:
        if response.status_code == 200:
            response.success()
            return True
        response.failure(f"HTTP {response.status_code}")
        return False


class Filler(HttpUser):
    weight = 200
    wait_time = between(1, 3)  # a pause in typing, then the page saves

    def on_start(self) -> None:
        with _lock:
            number = next(_next)
        if number >= len(SLOTS):
            self.slot = None
            return
        self.slot = SLOTS[number]
        self.client.cookies.set("sessionid", self.slot["session"])
        self.client.cookies.set("csrftoken", CSRF)
        self.count = 0
        self.acknowledged: dict[str, str] = {}
        self.server_errors = 0

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
        try:
            if save_field(self, self.slot, path, value):
                self.acknowledged[path] = value
        except Exception:  # a connection reset is a failed save, not an acknowledged one
            self.server_errors += 1

    def on_stop(self) -> None:
        if self.slot is None:
            return
        record = {
            "form": self.slot["form"],
            "acknowledged": self.acknowledged,
            "server_errors": self.server_errors,
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
