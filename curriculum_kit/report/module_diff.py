"""A module diff as a staff developer reads it: in the terminal, or as one HTML page.

In the terminal, changed words are marked the way ``git diff --word-diff`` marks them:
``[-removed-]{+added+}``. The HTML page marks them with ``<del>`` and ``<ins>``; every
piece of document text is escaped, so a module's text can never become markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from ..versioning.module_diff import Change, ModuleDiff, Words
from ..wording import count_text

_CONTEXT = 8  # words kept on each side of a change in the terminal; the HTML page shows all


def _marked(words: Sequence[Words]) -> str:
    """The changed words marked [-so-]{+thus+}, with long unchanged stretches cut to their ends."""
    pieces = []
    for index, word in enumerate(words):
        if word.op == "-":
            pieces.append(f"[-{word.text}-]")
        elif word.op == "+":
            pieces.append(f"{{+{word.text}+}}")
        else:
            pieces.append(_context(word.text, first=index == 0, last=index == len(words) - 1))
    return "".join(pieces)


def _context(text: str, first: bool, last: bool) -> str:
    tokens = re.split(r"(\s+)", text)  # words at even positions, spaces between
    keep = 2 * _CONTEXT
    if len(tokens) <= 2 * keep + 1:
        return text
    head, tail = "".join(tokens[:keep]), "".join(tokens[-keep:])
    if first:
        return "…" + tail
    if last:
        return head + "…"
    return head + " … " + tail


def render_module_diff(diff: ModuleDiff) -> str:
    """Each document's changes, then what they mean for the county's terms and placements."""
    lines = [f"{diff.module} {diff.old_version} -> {diff.new_version} (from {diff.old_label} to {diff.new_label})"]
    for document in diff.documents:
        if document.status == "unchanged":
            lines.append(f"  {document.file}: unchanged")
            continue
        lines.append(f"  {document.file}: {document.status}, {count_text(len(document.changes), 'change')}")
        for change in document.changes:
            text = _marked(change.words) if change.kind == "changed" else (change.new or change.old or "")
            lines.append(f"    {change.where}: {change.kind}")
            lines += [f"      {line}" for line in text.splitlines() or [""]]
            lines += [f"      ! {note}" for note in change.notes]
    lines += _impact_lines(diff)
    lines.append(f"{count_text(diff.change_count, 'change')}.")
    return "\n".join(lines)


def _impact_lines(diff: ModuleDiff) -> list[str]:
    if diff.county is None:
        return []
    lines = []
    if diff.terms:
        lines.append(f"  {diff.county}'s terms (occurrences in the module)")
        for shift in diff.terms:
            how = "no longer found" if not shift.after else "more often" if shift.after > shift.before \
                else "less often"
            lines.append(f"    {how:<16} \"{shift.term}\"  {shift.before} -> {shift.after}")
    else:
        lines.append(f"  {diff.county}'s terms: every term occurs as often as before")
    if diff.generic:
        lines.append("  Generic wording you do not map, now more often (consider a terminology row)")
        lines += [f"    \"{s.term}\"  {s.before} -> {s.after}" for s in diff.generic]
    if diff.placements:
        lines.append("  Placements (module.toml [placement]) to check")
        lines += [f"    {p}" for p in diff.placements]
    return lines


_STYLE = """body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
.change{margin:.6rem 0;padding:.4rem .7rem;border-left:4px solid #999;background:#fafafa}
.added{border-color:#2e7d32}.removed{border-color:#c62828}.changed{border-color:#1f5fa8}.moved{border-color:#6a4fa3}
.where{font-size:.85rem;color:#555}del{background:#fde0e0;color:#8a1c1c}ins{background:#dff3df;color:#1b5e20}
.note{color:#8a5a00;font-size:.9rem}.said{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
pre{overflow-x:auto}"""
# Words marked so that a screen reader says them (most do not announce <del> and <ins>) and
# without colour alone: struck through and underlined.
_REMOVED, _ADDED = '<del><span class="said">removed: </span>', '<ins><span class="said">added: </span>'



def _html_text(change: Change) -> str:
    if change.kind == "changed":
        return "".join(escape(w.text) if w.op == "=" else f"{_REMOVED}{escape(w.text)}</del>" if w.op == "-"
                       else f"{_ADDED}{escape(w.text)}</ins>" for w in change.words)
    text = escape((change.new if change.kind == "added" else change.old) or "")
    return f"{_ADDED}{text}</ins>" if change.kind == "added" else f"{_REMOVED}{text}</del>" \
        if change.kind == "removed" else text


def module_diff_html(diffs: Sequence[ModuleDiff]) -> str:
    """One self-contained page (no script, no external file) for one or more module diffs."""
    title = ", ".join(f"{d.module} {d.old_version} → {d.new_version}" for d in diffs) or "No module changed"
    body = [f"<h1>{escape(title)}</h1>"]
    for diff in diffs:
        body.append(f"<p>From {escape(diff.old_label)} to {escape(diff.new_label)}: "
                    f"{escape(count_text(diff.change_count, 'change'))}.</p>")
        for document in diff.documents:
            body.append(f"<h2>{escape(document.file)} <small>({escape(document.status)})</small></h2>")
            for change in document.changes:
                notes = "".join(f"<div class=\"note\">! {escape(n)}</div>" for n in change.notes)
                body.append(f"<div class=\"change {change.kind}\"><div class=\"where\">{escape(change.where)}: "
                            f"{change.kind}</div><div>{_html_text(change)}</div>{notes}</div>")
        impact = _impact_lines(diff)
        if impact:
            body.append("<h2>What it means for the county</h2><pre>" + escape("\n".join(impact)) + "</pre>")
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body><main>\n" + "\n".join(body)
            + "\n</main></body></html>\n")
