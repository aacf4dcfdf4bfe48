"""curriculum-kit: adapt Linkages training modules to a county and build co-branded packets."""

__version__ = "0.1.0"
