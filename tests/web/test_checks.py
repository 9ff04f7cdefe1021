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
