"""What `list` prints: modules and overlays, as a table or JSON."""

from __future__ import annotations

from typing import Any

from ..formats.library import Library


def library_listing(library: Library) -> dict[str, Any]:
    modules = [{"id": m.id, "title": m.title, "version": str(m.version), "level": m.level,
                "duration_minutes": m.duration_minutes, "prerequisites": list(m.prerequisites)}
               for m in sorted(library.modules.values(), key=lambda m: (m.level_rank, m.id))]
    overlays = [{"slug": o.slug, "county": o.county, "version": str(o.version),
                 "extends": o.layer.extends, "buildable": o.buildable}
                for o in sorted(library.overlays.values(), key=lambda o: o.slug)]
    return {"modules": modules, "overlays": overlays,
            "problems": [str(f) for f in library.findings.errors]}
