"""Packaging: deterministic packet zips, PDFs through LibreOffice, manifests, the catalog."""
