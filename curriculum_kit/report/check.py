"""What `check` prints: one line per preflight finding, then the count."""

from __future__ import annotations

from ..preflight.issues import Issue
from ..wording import count_text


def check_report(issues: list[Issue], checked: int) -> dict[str, object]:
    noun = count_text(checked, "document")
    summary = (f"{count_text(len(issues), 'finding')} in {noun}" if issues
               else f"no findings in {noun}")
    text = "\n".join([*(str(issue) for issue in issues), summary])
    return {"text": text, "documents": checked, "count": len(issues),
            "findings": [issue.to_json() for issue in issues]}
