"""Why a workflow step cannot be taken: one class per reason, each read out as one Chinese sentence."""

from __future__ import annotations


class WorkflowError(Exception):
    """A transition that was refused; ``str()`` is a sentence the user can read and act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotAllowed(WorkflowError):
    """The person's role or organisation may not take this step on this form."""


class WrongState(WorkflowError):
    """The form is not in a state where this step applies."""


class FormHasErrors(WorkflowError):
    """The check found errors (or numbers that could not be read): they block submission."""

    def __init__(self, message: str, *, findings: list[dict[str, str]] | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []


class ExplanationRequired(WorkflowError):
    """A warning has no explanation from the filler; ``missing`` lists the ``code@path`` keys."""

    def __init__(self, message: str, *, missing: list[str] | None = None) -> None:
        super().__init__(message)
        self.missing = missing or []


class UnitsNotApproved(WorkflowError):
    """汇总 while some unit is not approved at department level; ``units`` names them."""

    def __init__(self, message: str, *, units: list[str] | None = None) -> None:
        super().__init__(message)
        self.units = units or []


class CommentRequired(WorkflowError):
    """退回 (or 抽查复核) without the comment it needs."""


class InvalidScore(WorkflowError):
    """A spot-check score that is not a number from 0 to 100."""
