"""What the commands print, one module per family of commands.

Renderers only: each takes the result a library function returned and gives the text
(or plain data for --json) the CLI prints. Nothing here reads inputs or writes files;
the CLI is the only importer, so this floor sits just under it.

Floor 7 (README, "How the code is laid out"): may import from curriculum_kit every floor
below (the result types of pipeline, planning, versioning...), never cli.
"""
