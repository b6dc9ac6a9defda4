"""tonelint flags phrasing in a professional message that reads as aggressive, demanding,
accusatory or vague (and, on request, passive), explains why each phrase lands badly, and
offers assertive rewrites.

    >>> import tonelint
    >>> text = "This delay is unacceptable."
    >>> report = tonelint.check(text)
    >>> finding = report.findings[0]
    >>> finding.rule, text[finding.start:finding.end]
    ('aggressive.unacceptable', 'unacceptable')

Build a `Linter` once to check many messages with the same options; it is safe to share
across threads. The engine is the `tonelint` Rust library, compiled into `tonelint._tonelint`.
"""

from ._tonelint import (
    Error,
    Finding,
    Linter,
    Report,
    Rewrite,
    Strength,
    __version__,
    check,
)

__all__ = [
    "Error",
    "Finding",
    "Linter",
    "Report",
    "Rewrite",
    "Strength",
    "__version__",
    "check",
]
