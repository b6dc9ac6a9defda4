"""Type stubs for tonelint (the classes are defined in Rust, in tonelint._tonelint).

tests/test_stubs.py checks that these stubs and the module name the same things.
"""

import os
from collections.abc import Iterable, Mapping
from typing import Literal, final

_Category = Literal["aggressive", "demanding", "accusatory", "vague", "passive"]
_Severity = Literal["info", "warning", "error"]
_Verdict = Literal["assertive", "aggressive", "demanding", "accusatory", "vague", "passive"]

__version__: str
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

class Error(ValueError):
    """A rule name, severity or lexicon that tonelint cannot use. The message says which, and
    for a lexicon, the file and the line and column of the problem."""

@final
class Rewrite:
    """An assertive way to say what a flagged phrase was trying to say."""

    @property
    def text(self) -> str:
        """The suggested wording."""
    @property
    def source(self) -> str:
        """Where the wording comes from: a seed document's file name, or "project"."""
    @property
    def source_title(self) -> str | None:
        """The seed article's title, or None for the project's own wording."""
    @property
    def context(self) -> str:
        """The kind of message the wording was written for: "clinical", "payer", "family",
        "workplace" or "general"."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Finding:
    """One flagged phrase: `text[finding.start:finding.end]` is the flagged text."""

    @property
    def rule(self) -> str:
        """The id of the rule that matched, such as "aggressive.unacceptable"."""
    @property
    def category(self) -> _Category:
        """The rule's category."""
    @property
    def severity(self) -> _Severity:
        """The rule's severity, unless the linter overrides it."""
    @property
    def start(self) -> int:
        """Where the flagged text starts, as an index into the checked str."""
    @property
    def end(self) -> int:
        """Where the flagged text ends (exclusive), as an index into the checked str."""
    @property
    def line(self) -> int:
        """The 1-based line where the flagged text starts."""
    @property
    def column(self) -> int:
        """The 1-based column where the flagged text starts, in terminal cells."""
    @property
    def text(self) -> str:
        """The flagged text, exactly as it appears in the input."""
    @property
    def message(self) -> str:
        """Why the phrasing lands badly, in one line."""
    @property
    def rewrites(self) -> list[Rewrite]:
        """Assertive ways to say it, best first (a new list on each access)."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Strength:
    """A recognised strength (acknowledging the reader, gratitude, a collaborative question, a
    concrete date). Strengths lower the score; they are not findings."""

    @property
    def id(self) -> str:
        """The strength's id, such as "strength.collaborative-question"."""
    @property
    def rule(self) -> str:
        """The same as `id`."""
    @property
    def start(self) -> int:
        """Where the recognised text starts, as an index into the checked str."""
    @property
    def end(self) -> int:
        """Where the recognised text ends (exclusive), as an index into the checked str."""
    @property
    def line(self) -> int:
        """The 1-based line where the recognised text starts."""
    @property
    def column(self) -> int:
        """The 1-based column where the recognised text starts, in terminal cells."""
    @property
    def text(self) -> str:
        """The recognised text, exactly as it appears in the input."""
    @property
    def message(self) -> str:
        """What the move does for the reader, in one line."""
    @property
    def source(self) -> str:
        """The seed document the move comes from, or "project"."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Report:
    """Everything one check found in one message."""

    @property
    def findings(self) -> list[Finding]:
        """The findings, in text order (a new list on each access)."""
    @property
    def strengths(self) -> list[Strength]:
        """The strengths recognised, in text order (a new list on each access)."""
    @property
    def score(self) -> int:
        """The harshness score: 2 per warning, 5 per error, minus 1 per distinct strength."""
    @property
    def verdict(self) -> _Verdict:
        """"assertive", or the category whose findings weigh most."""
    @property
    def words(self) -> int:
        """Words in the message."""

@final
class Linter:
    """Checks messages against a fixed set of rules; build it once and reuse it. Safe to share
    across threads; a check releases the GIL.

    Raises Error for an unknown rule or category name or a malformed lexicon, and OSError
    (FileNotFoundError, ...) for a lexicon file that cannot be read.
    """

    def __new__(
        cls,
        *,
        enable: Iterable[str] | None = None,
        disable: Iterable[str] | None = None,
        only: Iterable[str] | None = None,
        allow: Iterable[str] | None = None,
        severity: Mapping[str, _Severity] | None = None,
        lexicons: Iterable[str | os.PathLike[str]] | None = None,
    ) -> Linter: ...
    def check(self, text: str) -> Report:
        """Checks one message."""
    def rules(self) -> list[str]:
        """Every loaded rule id, enabled or not, built-in rules first."""
    def is_enabled(self, rule: str) -> bool:
        """Whether the rule with this id is loaded and switched on."""

def check(
    text: str,
    *,
    enable: Iterable[str] | None = None,
    disable: Iterable[str] | None = None,
    only: Iterable[str] | None = None,
    allow: Iterable[str] | None = None,
    severity: Mapping[str, _Severity] | None = None,
    lexicons: Iterable[str | os.PathLike[str]] | None = None,
) -> Report:
    """Checks one message, with a default linter unless options are given."""
