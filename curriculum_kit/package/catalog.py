"""index.html: the download page trainers open, straight from disk or from any web server.

Plain HTML with semantic headings and tables, no JavaScript, relative links only.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from ..outputs import atomic_output
from .manifest import MANIFEST, read_manifest

_STYLE = """body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{border:1px solid #bbb;padding:.4rem;text-align:left;vertical-align:top}
th{background:#eef2f8}code{font-size:.75rem;word-break:break-all}h2{border-bottom:2px solid #1f5fa8;padding-top:1rem}"""


def _size(count: int) -> str:
    return f"{count / 1048576:.1f} MB" if count >= 1048576 else f"{max(count // 1024, 1)} KB"


def write_catalog(out: Path, failures: Sequence[tuple[str, str, str]] = ()) -> Path:
    """Write ``out/index.html`` from every manifest found under ``out``, with the (county,
    module, message) of what the last build could not make listed first: a packet shown
    below for a failed pair is the one an earlier build made."""
    manifests = []
    for path in sorted(out.glob(f"*/*/{MANIFEST}")):
        manifest = read_manifest(path.parent)
        if manifest:
            manifests.append((path.parent, manifest))
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             "<title>Linkages training packets</title>", f"<style>{_STYLE}</style>", "</head>", "<body>",
             "<header><h1>Linkages training packets</h1>",
             "<p>Co-branded packets for Child Welfare Services and CalWORKs co-facilitators. "
             "The facilitator packet is for the two trainers; participant packets are for staff. "
             "Check a download against its SHA-256 checksum.</p></header>", "<main>"]
    if failures:
        parts.append('<section aria-labelledby="failed"><h2 id="failed">Not built in the last build</h2><ul>')
        parts += [f"<li><strong>{escape('/'.join(x for x in (county, module) if x))}</strong>: "
                  f"{escape(message)}</li>" for county, module, message in failures]
        parts.append("</ul></section>")
    county = None
    for folder, manifest in manifests:
        overlay = manifest["overlay"]
        if overlay["slug"] != county:
            if county is not None:
                parts.append("</section>")
            county = overlay["slug"]
            parts.append(f'<section aria-labelledby="c-{escape(county)}">'
                         f'<h2 id="c-{escape(county)}">{escape(overlay["county"])}</h2>')
        module = manifest["module"]
        parts.append(f'<h3>{escape(module["title"])}</h3>')
        parts.append(f'<p>Module <code>{escape(module["id"])}</code> version {escape(module["version"])} · '
                     f'{escape(overlay["county"])} overlay version {escape(overlay["version"])} · '
                     f'built {escape(manifest["built_at"])}</p>')
        parts.append("<table><thead><tr><th scope=\"col\">Packet</th><th scope=\"col\">Download</th>"
                     "<th scope=\"col\">Size</th><th scope=\"col\">SHA-256</th></tr></thead><tbody>")
        for packet in manifest["packets"]:
            href = "/".join([folder.parent.name, folder.name, packet["file"]])
            parts.append(f"<tr><td>{escape(packet['label'])}</td>"
                         f'<td><a href="{escape(href)}">{escape(packet["file"])}</a></td>'
                         f"<td>{_size(packet['bytes'])}</td><td><code>{packet['sha256']}</code></td></tr>")
        parts.append("</tbody></table>")
    if county is not None:
        parts.append("</section>")
    if not manifests:
        parts.append("<p>No packets have been built yet.</p>")
    parts += ["</main>", "</body>", "</html>", ""]
    target = out / "index.html"
    html = "\n".join(parts).encode("utf-8")
    if not target.is_file() or target.read_bytes() != html:
        with atomic_output(target) as stream:
            stream.write(html)
    return target
