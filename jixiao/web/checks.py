"""Django system checks: the browser libraries the pages need are installed (they come from no CDN)."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, Warning, register

from jixiao.web.settings import WEB_DIR

VENDOR_FILES = ("vendor/htmx.min.js", "vendor/echarts.min.js")


@register()
def vendor_files_present(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Report each missing browser library, with the command that installs it."""
    return [
        Error(
            f"缺少网页所需的 {name}",
            hint="在项目目录运行 npm ci && npm run vendor(复制 htmx 与 ECharts 到 jixiao/web/static/vendor)",
            id="jixiao.E001",
        )
        for name in VENDOR_FILES
        if not (WEB_DIR / "static" / name).is_file()
    ]


FONT_CSS = "vendor/fonts/noto-sans-sc.css"


@register()
def web_font_present(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """Warn when the Chinese web font is not installed: pages then fall back to the computer's fonts."""
    if (WEB_DIR / "static" / FONT_CSS).is_file():
        return []
    return [
        Warning(
            "未安装网页中文字体 Noto Sans SC,页面将使用本机字体显示",
            hint="在项目目录运行 npm ci(会复制字体到 jixiao/web/static/vendor/fonts)",
            id="jixiao.W001",
        )
    ]


@register("security", deploy=True)
def secrets_from_environment(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """Report a production server whose secret key is not given by the environment."""
    import os

    if "JIXIAO_SECRET_KEY" in os.environ:
        return []
    return [
        Warning(
            "密钥取自数据目录中的文件(secret_key.txt),而不是环境变量",
            hint="生产环境请用环境变量 JIXIAO_SECRET_KEY 提供密钥(例如由服务管理程序从受保护的文件读入),"
            "不要与数据一起备份或复制",
            id="jixiao.W010",
        )
    ]
