"""Semantic versions (MAJOR.MINOR.PATCH[-pre][+build]) of modules and overlays."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CHARS = 32  # 1.2.0-rc.1+build.20270301 is 25
_SEMVER = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
    r"(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
)


@dataclass(frozen=True, order=True)
class Version:
    """A parsed version; ordering ignores build metadata and ranks a pre-release first."""

    major: int
    minor: int
    patch: int
    release_rank: int  # 0 for a pre-release, 1 for a release: 1.0.0-rc.1 < 1.0.0
    pre: str = ""
    text: str = ""

    @classmethod
    def parse(cls, text: str) -> Version:
        match = _SEMVER.fullmatch(text.strip()) if isinstance(text, str) else None
        if match and len(text.strip()) > MAX_CHARS:  # it is part of every packet's file name
            raise ValueError(f"'{text.strip()[:20]}…' is {len(text.strip())} characters long; "
                             f"a version has at most {MAX_CHARS}")
        if not match:
            raise ValueError(f"'{text}' is not a semantic version like 1.2.0")
        major, minor, patch, pre, _build = match.groups()
        return cls(int(major), int(minor), int(patch), 0 if pre else 1, pre or "", text.strip())

    def __str__(self) -> str:
        return self.text or f"{self.major}.{self.minor}.{self.patch}"

    def bump_kind(self, newer: Version) -> str:
        """'major', 'minor', 'patch', 'none' or 'downgrade': how `newer` differs from self."""
        old, new = (self.major, self.minor, self.patch), (newer.major, newer.minor, newer.patch)
        if newer < self:
            return "downgrade"
        if new == old:
            return "none" if newer.pre == self.pre else "patch"
        if new[0] > old[0]:
            return "major"
        return "minor" if new[1] > old[1] else "patch"
