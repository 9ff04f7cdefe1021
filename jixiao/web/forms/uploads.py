"""Uploaded files for import: one size limit (``JIXIAO_MAX_UPLOAD_BYTES``) for the screens and the API.

``LimitedUploadHandler`` stands first in Django's upload handlers: past the limit it stops passing
the file on (nothing more is kept in memory or on disk) while counting the rest, and hands the view
a stand-in that knows the file's true size, so the refusal can state it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from jixiao.ingest.limits import sizes


class OversizedUpload(UploadedFile):
    """A file refused for its size: its name and true size, none of its content."""

    oversized = True

    def __init__(self, name: str, content_type: str | None, size: int, charset: str | None) -> None:
        import io

        super().__init__(io.BytesIO(), name, content_type, size, charset)


class LimitedUploadHandler(FileUploadHandler):
    """Stop keeping an uploaded file once it passes the upload limit."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > settings.JIXIAO_MAX_UPLOAD_BYTES:
            return None  # later handlers get nothing more of this file
        return raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.received > settings.JIXIAO_MAX_UPLOAD_BYTES:
            return OversizedUpload(self.file_name or "", self.content_type, self.received, self.charset)
        return None


def too_large(upload: UploadedFile) -> str | None:
    """Return the refusal of a file over the upload limit (with its true size), or None."""
    limit = settings.JIXIAO_MAX_UPLOAD_BYTES
    size = upload.size or 0
    if not getattr(upload, "oversized", False) and size <= limit:
        return None
    shown, bound = sizes(size, limit)
    return f"{upload.name}: 文件有 {shown},超过导入上限 {bound},没有上传。"


def upload_bytes(upload: UploadedFile) -> bytes:
    """Return an uploaded file's content; raise ``FormError`` for a file over the upload limit."""
    from jixiao.web.forms.services import FormError

    refusal = too_large(upload)
    if refusal:
        raise FormError(refusal)
    return upload.read()
