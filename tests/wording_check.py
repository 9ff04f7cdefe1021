"""Finding English a user would read: words of Latin letters in what is shown, apart from codes,
paths, units, the names of file formats and the form's own words (a department writes "APP")."""

from __future__ import annotations

import html
import re

from jixiao.core import fields
from jixiao.core.form import Form

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.\[\]-]*")
# Names users know as they are: file formats, OCR, units.
ALLOWED = {
    "PDF",
    "Excel",
    "Word",
    "CSV",
    "JSON",
    "OCR",
    "XLSX",
    "DOCX",
    "HTML",
    "API",
    "MB",
    "KB",
    "GB",
    "UTF-8",
}
# The protocol's own names, which a developer types as they are: methods, headers, the token scheme.
ALLOWED |= {"GET", "POST", "PUT", "PATCH", "DELETE", "OpenAPI", "ETag", "If-Match", "If-None-Match"}
ALLOWED |= {"Authorization", "Bearer", "multipart", "form-data"}
_CODE = re.compile(r"^[a-z_]+(\.[a-z_]+)+$|^[a-z_]+(\[\d+\])?(\.[a-z_]+(\[\d+\])?)*$")


def visible_text(page: str) -> str:
    """Return the text of an HTML page a person sees (no tags, attributes, scripts or styles)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    page = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(page)


def english(text: str, *forms: Form, names: tuple[str, ...] = ()) -> list[str]:
    """Return the English words in ``text`` that are neither allowed nor the forms' own words (nor
    ``names``: user names, which people choose)."""
    own = set(names) | {field.name for field in fields.catalogue()}  # FORMAT.md's field names are codes
    for form in forms:
        # The form's own texts, not its review entries: their English phrases are what must not show.
        own |= set(_WORD.findall(form.model_copy(update={"review": []}).to_json()))
    found = []
    text = re.sub(r"“[^”]*”", " ", text)  # quoted from the document itself (a sheet's name, a cell)
    text = re.sub(r"(?<![\w])/[\w/.{}-]+", " ", text)  # a URL path: /api/openapi.json
    for word in _WORD.findall(text):
        bare = word.strip(".-_")
        while bare.count("]") > bare.count("["):
            bare = bare[:-1]
        if len(bare) < 2 or bare in ALLOWED or word in own or bare in own:
            continue
        if _CODE.match(bare) and ("." in bare or "_" in bare or "[" in bare):
            continue  # a code (arithmetic.execution_rate) or a path (tasks[0].funds)
        found.append(word)
    return found
