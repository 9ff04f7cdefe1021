"""``manage.py check --deploy`` is clean under the production variables docs/web.md documents."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

from .conftest import ROOT

PRODUCTION = {
    "JIXIAO_HTTPS": "1",
    "JIXIAO_ALLOWED_HOSTS": "jixiao.czj.gov",
    "JIXIAO_CSRF_TRUSTED_ORIGINS": "https://jixiao.czj.gov",
    "JIXIAO_TRUSTED_PROXIES": "10.0.0.2",
}


def _check(tmp_path, **env: str) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DATABASE_URL", "DJANGO_"))}
    clean.update(JIXIAO_DATA_DIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "-m", "jixiao.web", "check", "--deploy", "--fail-level", "WARNING"],
        env=clean,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_documented_production_variables(tmp_path):
    done = _check(tmp_path, **PRODUCTION, JIXIAO_SECRET_KEY=secrets.token_urlsafe(50))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_check_deploy_asks_for_the_secret_from_the_environment(tmp_path):
    done = _check(tmp_path, **PRODUCTION)
    assert done.returncode != 0
    assert "jixiao.W010" in done.stdout + done.stderr


def test_check_deploy_warns_without_https(tmp_path):
    done = _check(tmp_path, JIXIAO_SECRET_KEY=secrets.token_urlsafe(50))
    output = done.stdout + done.stderr
    assert done.returncode != 0
    for code in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert code in output


def test_production_settings_have_the_promised_values(tmp_path):
    script = (
        "from django.conf import settings as s; import json; print(json.dumps([s.SECURE_HSTS_SECONDS,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.X_FRAME_OPTIONS,"
        " s.SESSION_COOKIE_AGE, s.JIXIAO_SESSION_IDLE_SECONDS, s.SECURE_PROXY_SSL_HEADER]))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DATABASE_URL", "DJANGO_"))}
    clean.update(PRODUCTION, JIXIAO_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="jixiao.web.settings")
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + script],
        env=clean,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.strip() == (
        '[31536000, true, true, true, "DENY", 28800, 1800, ["HTTP_X_FORWARDED_PROTO", "https"]]'
    ), done.stderr
