"""``import``: a county's published attachment (XLSX, DOCX or CSV) → rows with their places
(tables.py) → columns by name (header.py) → sections, 备注 and the closing 注 (sections.py)
→ the YAML tree, merged with what the county already has (merge.py, emit.py)."""
