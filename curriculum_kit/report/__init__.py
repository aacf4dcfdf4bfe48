"""What the commands print, one module per family of commands.

Renderers only: each takes the result a library function returned and gives the text
(or plain data for --json) the CLI prints. Nothing here reads inputs or writes files;
the CLI is the only importer, so this floor sits just under it.
"""
