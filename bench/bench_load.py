"""Load: many fillers saving their forms at once against the production set-up, then every
acknowledged value checked in the database.

What it starts, on 127.0.0.1 only, and stops again whatever happens:
- a throwaway PostgreSQL cluster (``scripts/with-postgres``; this script re-runs itself under it),
- its own Redis (the task queue, ``JIXIAO_QUEUE_URL``),
- ``jixiao serve --workers N`` (gunicorn, gthread workers),
- locust, headless, for a bounded number of users and a bounded time; it stops by itself.

Each simulated filler owns one form (a copy of the seed) in its own unit and saves one field at a
time exactly as the edit page does (``save_field`` in ``bench/locust_fillers.py``: the changed field,
its base, the revision the page holds, the structure token; the new revision taken from the answer
as edit.js takes it). Between two saves of one filler it waits ``--think`` seconds, 5–15 by default:
the page saves after a pause in typing, and a person filling a form changes a field every few
seconds, not continuously. One more simulated user asks ``/healthz`` twice a second, the baseline.

At the end every filler's last acknowledged value of each field must be in the database (a later
value of the same filler, sent but not answered when locust stopped it, also counts as kept and is
reported apart). Printed: saves done and per second, server errors (5xx or broken connections),
409s (a filler edits only their own form, so any 409 is a bug), other refusals, lost acknowledged
writes, save p50/p95/max, /healthz p50/p95, the ratios, and the load average during the run (the
machine may be shared). Exit 1 on a loss, a server error or a 409.

    .venv/bin/python bench/bench_load.py                       # 200 fillers, 2 minutes
    .venv/bin/python bench/bench_load.py --users 50 --duration 60 --think 5-15 --workers 3

Figures: see docs/web.md, 「部署」 → 「负载」.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
GOAL_P95_MS = 300

SETUP = r"""
import json, sys
from jixiao.web import setup
setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from jixiao.core.form import Form as CoreForm
from jixiao.web.accounts.models import User
from jixiao.web.accounts.services import user_ensure
from jixiao.web.forms import convert, editing
from jixiao.web.forms.services import form_create
from jixiao.web.orgs.models import Organisation
from jixiao.web.orgs.services import evaluation_year_ensure, organisation_ensure, region_ensure
users, seed_path = int(sys.argv[1]), sys.argv[2]
FIELDS = ("goals.achieved", "tasks[0].achieved", "funds.actual")  # as in locust_fillers.py
seed = CoreForm.from_json(open(seed_path, encoding="utf-8").read())
region = region_ensure(code="440106", name="天河区")
finance = organisation_ensure(region=region, kind=Organisation.FINANCE, name="广州市天河区财政局")
dept = organisation_ensure(region=region, kind=Organisation.DEPARTMENT, name="压测部门", parent=finance)
evaluation_year_ensure(region=region, year=2021, deadline=None)
slots = []
for n in range(users):
    unit = organisation_ensure(region=region, kind=Organisation.UNIT, name=f"压测单位{n:03d}", parent=dept)
    user = user_ensure(username=f"load{n:03d}", password=f"pw-{n}-unused", role=User.FILLER, organisation=unit)
    form = form_create(organisation=unit, year=2021, data=seed.model_copy(update={"department": unit.name}), user=user)
    data = convert.to_core(form)
    # A logged-in session made here: the bench measures saves, not 200 password hashings.
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    slots.append({"user": user.username, "form": form.pk, "session": session.session_key,
                  "structure": editing.structure_token(data), "revision": form.revision,
                  "base": {path: editing.shown(entry, editing.stored_reading(value, path, form.pending or {}))
                           for path, (entry, value) in editing.editable_fields(data).items() if path in FIELDS}})
print(json.dumps(slots))
"""

VERIFY = r"""
import json, sys
from decimal import Decimal
from jixiao.web import setup
setup()
from jixiao.web.forms import convert
from jixiao.web.forms.models import Form
acknowledged, unanswered = json.load(open(sys.argv[1], encoding="utf-8"))
lost, checked, later = [], 0, 0
forms = {f.pk: convert.to_core(f) for f in convert.prefetched(Form.objects.filter(pk__in=[int(k) for k in acknowledged]))}
for pk, fields in acknowledged.items():
    data = forms[int(pk)]
    for path, value in fields.items():
        checked += 1
        maybe = unanswered.get(pk, {}).get(path, [])
        if path == "goals.achieved":
            stored = data.goals.achieved
        elif path == "tasks[0].achieved":
            stored = data.tasks[0].achieved
        else:
            stored, value, maybe = data.funds.actual, Decimal(value), [Decimal(v) for v in maybe]
        if stored == value:
            continue
        if stored in maybe:  # a later save of this filler, sent but its answer not taken: not a loss
            later += 1
            continue
        lost.append([pk, path, str(value), str(stored)])
print(json.dumps({"checked": checked, "lost": lost, "later": later}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"bench_load: {url} did not answer within {seconds:.0f} s")


def percentile_row(path: Path, name: str) -> dict[str, str]:
    with path.open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            if row["Name"] == name:
                return row
    return {}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200, help="concurrent fillers (default 200)")
    parser.add_argument("--duration", type=int, default=120, help="seconds of load (default 120)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes (default 4)")
    parser.add_argument("--threads", type=int, default=8, help="threads per worker (default 8)")
    parser.add_argument("--spawn-rate", type=float, default=20, help="fillers started per second")
    parser.add_argument(
        "--think", default="5-15", help="seconds between two saves of one filler, low-high (default 5-15)"
    )
    args = parser.parse_args()
    if args.users < 1 or not 1 <= args.duration <= 1800:
        raise SystemExit("bench_load: --users ≥ 1 and --duration between 1 and 1800 seconds")
    low, _, high = args.think.partition("-")
    try:
        think = (float(low), float(high or low))
    except ValueError:
        raise SystemExit("bench_load: --think is low-high in seconds, e.g. 5-15") from None
    if not 0 <= think[0] <= think[1]:
        raise SystemExit("bench_load: --think is low-high in seconds with 0 ≤ low ≤ high")

    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        # Re-run under a throwaway PostgreSQL cluster made for this run only.
        return subprocess.call([str(ROOT / "scripts" / "with-postgres"), sys.executable, *sys.argv])

    # Killed (SIGTERM): still stop Redis and the server below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    work = Path(tempfile.mkdtemp(prefix="jixiao-load-"))
    redis_port, web_port = free_port(), free_port()
    env = {
        **os.environ,
        "JIXIAO_DATA_DIR": str(work / "data"),
        "JIXIAO_SECRET_KEY": secrets.token_urlsafe(50),
        "JIXIAO_QUEUE_URL": f"redis://127.0.0.1:{redis_port}/0",
        "JIXIAO_LOG_LEVEL": "WARNING",
        "JIXIAO_CONN_MAX_AGE": "60",
    }
    children: list[subprocess.Popen[bytes]] = []
    redis_started = False
    try:
        subprocess.run(
            ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--daemonize", "yes",
             "--save", "", "--appendonly", "no", "--dir", str(work)],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        redis_started = True
        seed = ROOT.parent / "shared" / "spec" / "seed.expected.json"
        if not seed.exists():
            seed = ROOT / "jixiao" / "web" / "demo_data" / "seed.json"
        print(f"preparing {args.users} fillers, each with a copy of the seed form …", flush=True)
        started = time.perf_counter()
        prepared = subprocess.run(
            [sys.executable, "-c", SETUP, str(args.users), str(seed)],
            env=env, cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
        if prepared.returncode != 0:
            raise SystemExit(f"bench_load: preparing the fillers failed:\n{prepared.stderr[-3000:]}")
        slots_file = work / "slots.json"
        slots_file.write_text(prepared.stdout.strip().splitlines()[-1], encoding="utf-8")
        print(f"  ready in {time.perf_counter() - started:.1f} s", flush=True)

        server = subprocess.Popen(
            [str(BIN / "jixiao"), "serve", "--no-migrate", "--host", "127.0.0.1", "--port", str(web_port),
             "--workers", str(args.workers), "--threads", str(args.threads), "--server", "gunicorn"],
            env=env, cwd=work, stdout=subprocess.DEVNULL, stderr=(work / "server.log").open("wb"),
        )  # fmt: skip
        children.append(server)
        host = f"http://127.0.0.1:{web_port}"
        wait_for(f"{host}/healthz", 60)

        results = work / "acknowledged"
        results.mkdir()
        locust_env = {
            **env,
            "JIXIAO_LOAD_SLOTS": str(slots_file),
            "JIXIAO_LOAD_RESULTS": str(results),
            "JIXIAO_LOAD_THINK": f"{think[0]}-{think[1]}",
        }
        print(
            f"locust: {args.users} fillers + 1 /healthz user for {args.duration} s against {host} "
            f"(gunicorn {args.workers}×{args.threads}), {think[0]:g}–{think[1]:g} s between saves …",
            flush=True,
        )
        load = LoadAverage()
        load.start()
        locust = subprocess.run(
            [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locust_fillers.py"), "--headless",
             "--users", str(args.users + 1), "--spawn-rate", str(args.spawn_rate),
             "--run-time", f"{args.duration}s", "--stop-timeout", "30", "--host", host,
             "--csv", str(work / "locust"), "--only-summary", "--loglevel", "WARNING"],
            env=locust_env, cwd=work, capture_output=True, text=True, timeout=args.duration + 300,
        )  # fmt: skip
        load.stop()
        if locust.returncode not in (0, 1):  # 1: some requests failed (counted below)
            print(locust.stdout[-3000:], locust.stderr[-3000:], file=sys.stderr)
            return 2

        acknowledged: dict[str, dict[str, str]] = {}
        unanswered: dict[str, dict[str, list[str]]] = {}
        outcomes: dict[str, int] = {}
        for file in results.glob("*.json"):
            record = json.loads(file.read_text(encoding="utf-8"))
            acknowledged.setdefault(str(record["form"]), {}).update(record["acknowledged"])
            unanswered.setdefault(str(record["form"]), {}).update(record["unanswered"])
            for kind, count in record["outcomes"].items():
                outcomes[kind] = outcomes.get(kind, 0) + count
        totals = results / "_totals.txt"
        # 5xx answers (counted once, by the request listener) and connections that broke.
        errors = (int(totals.read_text()) if totals.exists() else 0) + outcomes.get("exception", 0)
        server.terminate()
        server.wait(timeout=60)
        children.remove(server)
        verified = subprocess.run(
            [sys.executable, "-c", VERIFY, str(write_json(work / "ack.json", [acknowledged, unanswered]))],
            env=env, cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
        if verified.returncode != 0:
            raise SystemExit(f"bench_load: reading the database back failed:\n{verified.stderr[-3000:]}")
        outcome = json.loads(verified.stdout.strip().splitlines()[-1])

        stats = work / "locust_stats.csv"
        save = percentile_row(stats, "save one field")
        health = percentile_row(stats, "/healthz")
        saves, failures = int(save.get("Request Count", 0)), int(save.get("Failure Count", 0))
        p50, p95, worst = (float(save.get(k, "nan") or "nan") for k in ("50%", "95%", "Max Response Time"))
        h50, h95 = (float(health.get(k, "nan") or "nan") for k in ("50%", "95%"))
        print()
        print(
            f"fillers {args.users}, {args.duration} s, gunicorn {args.workers} workers × {args.threads} threads, "
            f"{think[0]:g}–{think[1]:g} s between saves; {os.cpu_count()} CPUs, load average during the run "
            f"{load.summary()}"
        )
        print(
            f"saves {saves} ({saves / args.duration:.1f}/s), acknowledged {outcomes.get('saved', 0)}, "
            f"failed {failures}: server errors (5xx or broken connection) {errors}, "
            f"conflicts (409) {outcomes.get('conflict', 0)}, other refusals {outcomes.get('other', 0)}"
        )
        print(
            f"acknowledged values checked {outcome['checked']}, lost {len(outcome['lost'])} "
            f"(held a later value whose answer the filler did not take when stopped: {outcome['later']})"
        )
        failures_csv = work / "locust_failures.csv"
        if failures_csv.exists():
            with failures_csv.open(encoding="utf-8") as stream:
                for row in csv.DictReader(stream):
                    print(f"  failed {row['Name']}: {row['Error']} × {row['Occurrences']}")
        for pk, path, wanted, stored in outcome["lost"][:10]:
            print(f"  LOST form {pk} {path}: acknowledged {wanted!r}, stored {stored!r}")
        print(
            f"save     p50 {p50:7.0f} ms   p95 {p95:7.0f} ms   max {worst:7.0f} ms   (goal p95 ≤ {GOAL_P95_MS} ms)"
        )
        print(f"/healthz p50 {h50:7.0f} ms   p95 {h95:7.0f} ms   (baseline, same run)")
        if h50 > 0 and h95 > 0:
            print(f"ratio save/healthz: p50 {p50 / h50:.1f}×, p95 {p95 / h95:.1f}×")
        # A filler edits only their own form: a 409 there would be a bug, as a 5xx is.
        return 0 if not outcome["lost"] and errors == 0 and not outcomes.get("conflict") else 1
    finally:
        for child in children:
            child.terminate()
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
        if redis_started:
            subprocess.run(["redis-cli", "-p", str(redis_port), "shutdown", "nosave"], capture_output=True)
        if os.environ.get("JIXIAO_LOAD_KEEP"):
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


class LoadAverage(threading.Thread):
    """Samples the 1-minute load average every 5 s while locust runs (other work shares the machine)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.samples: list[float] = []
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(5):
            self.samples.append(os.getloadavg()[0])

    def stop(self) -> None:
        self.done.set()
        self.join(timeout=10)

    def summary(self) -> str:
        if not self.samples:
            return "not sampled"
        return f"mean {sum(self.samples) / len(self.samples):.1f}, max {max(self.samples):.1f}"


def write_json(path: Path, value: object) -> Path:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path


if __name__ == "__main__":
    sys.exit(main())
