"""What a check says about a form: a finding with a code, a severity, a FORMAT.md path and a message."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One thing wrong or worth a look.

    ``path`` uses FORMAT.md paths (``funds.execution_rate``, ``tasks[2].funds``); ``message`` is
    Chinese, for the filler; ``detail`` may be English, for developers and researchers.
    """

    code: str
    severity: Severity
    path: str
    message: str
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
