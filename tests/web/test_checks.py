"""The browser libraries are installed and served by the app itself."""

from __future__ import annotations


def test_it_serves_the_static_files_itself(client):
    # WhiteNoise serves htmx and ECharts from the app: nothing comes from a CDN.
    for path in ("/static/vendor/htmx.min.js", "/static/vendor/echarts.min.js", "/static/jixiao/app.css"):
        response = client.get(path)
        assert response.status_code == 200, path
        b"".join(response.streaming_content)


def test_it_reports_a_missing_browser_library(monkeypatch, tmp_path):
    from jixiao.web import checks

    monkeypatch.setattr(checks, "WEB_DIR", tmp_path)
    errors = checks.vendor_files_present()
    assert [e.id for e in errors] == ["jixiao.E001", "jixiao.E001"]
    assert "npm ci" in errors[0].hint


def test_it_serves_the_chinese_web_font_itself(client):
    import re

    response = client.get("/static/vendor/fonts/noto-sans-sc.css")
    assert response.status_code == 200
    css = b"".join(response.streaming_content).decode()
    files = re.findall(r"url\(\./([^)]+\.woff2)\)", css)
    assert len(files) > 100 and "//" not in "".join(files)  # local files, no remote URL
    assert "font-weight: 700" in css and "unicode-range" in css
    font = client.get(f"/static/vendor/fonts/{files[0]}")
    assert font.status_code == 200
    assert b"".join(font.streaming_content)[:4] == b"wOF2"


def test_the_pages_ask_for_the_web_font(client):
    page = client.get("/accounts/login/").content.decode()
    assert "vendor/fonts/noto-sans-sc.css" in page


def test_it_warns_when_the_web_font_is_missing(monkeypatch, tmp_path):
    from jixiao.web import checks

    monkeypatch.setattr(checks, "WEB_DIR", tmp_path)
    [warning] = checks.web_font_present()
    assert warning.id == "jixiao.W001" and "npm ci" in warning.hint
