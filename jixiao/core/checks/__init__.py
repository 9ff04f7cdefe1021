"""The checks a form must pass (FORM.md §7).

Every module in this package is imported by ``run_checks`` and registers its checks by calling
``register(check)`` at its end (not as a decorator: mutmut does not mutate decorated functions);
adding a check is adding (or editing) one file here.
"""

from jixiao.core.checks.registry import CheckContext, register, registered_checks, run_checks

__all__ = ["CheckContext", "register", "registered_checks", "run_checks"]
