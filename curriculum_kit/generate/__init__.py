"""Generators: the documents and slides curriculum-kit writes with python-docx and
python-pptx (covers, contacts, org charts, stories, agendas, sign-in sheets)."""
