"""What to install when an optional part of jixiao is missing: one Chinese line instead of a traceback.

``pip install jixiao`` is the core alone (check, schema, indicators); reading and writing files and
the web system come with the ``app`` extra, OCR with the ``ocr`` extra. A command that reaches a
missing module says which package is missing, what it is needed for and the command that installs it.
"""

from __future__ import annotations

# Top-level module → (distribution, extra, what it is needed for).
OPTIONAL: dict[str, tuple[str, str, str]] = {
    "weasyprint": ("weasyprint", "app", "导出 PDF"),
    "openpyxl": ("openpyxl", "app", "读写 Excel(.xlsx)"),
    "python_calamine": ("python-calamine", "app", "读取 Excel 97-2003(.xls)"),
    "xlrd": ("xlrd", "app", "读取 Excel 97-2003(.xls)"),
    "docx": ("python-docx", "app", "读写 Word(.docx)"),
    "pdfplumber": ("pdfplumber", "app", "读取 PDF"),
    "pdfminer": ("pdfplumber", "app", "读取 PDF"),
    "pypdfium2": ("pdfplumber", "app", "读取 PDF"),
    "frictionless": ("frictionless", "app", "导出开放数据包"),
    "jinja2": ("jinja2", "app", "导出网页、PDF 和 Word"),
    "jieba": ("jieba", "app", "公开查询的中文分词"),
    "django": ("django", "app", "网页系统"),
    "ninja": ("django-ninja", "app", "网页系统的 API"),
    "axes": ("django-axes", "app", "网页系统的登录保护"),
    "huey": ("huey", "app", "网页系统的后台任务"),
    "waitress": ("waitress", "app", "网页服务"),
    "gunicorn": ("gunicorn", "app", "多进程网页服务"),
    "whitenoise": ("whitenoise", "app", "网页系统的静态文件"),
    "dj_database_url": ("dj-database-url", "app", "网页系统的数据库设置"),
    "psycopg": ("psycopg[binary]", "app", "连接 PostgreSQL"),
    "redis": ("redis", "app", "Redis 任务队列"),
    "rapidocr": ("rapidocr", "ocr", "文字识别(扫描件、无文字层的 PDF 页)"),
    "onnxruntime": ("onnxruntime", "ocr", "文字识别(扫描件、无文字层的 PDF 页)"),
    "cv2": ("opencv-python-headless", "ocr", "文字识别(扫描件、无文字层的 PDF 页)"),
    "numpy": ("numpy", "ocr", "文字识别(扫描件、无文字层的 PDF 页)"),
    "PIL": ("Pillow", "ocr", "读取图片与文字识别"),
}


def missing(exc: ImportError) -> str | None:
    """Return the line that says what to install for a missing optional module, or None when the
    module is not one of jixiao's optional parts (then the error is a real bug)."""
    root = (exc.name or "").split(".")[0]
    if root not in OPTIONAL:
        return None
    package, extra, purpose = OPTIONAL[root]
    return f"缺少可选组件 {package}(用于{purpose}),请安装:pip install 'jixiao[{extra}]'"
