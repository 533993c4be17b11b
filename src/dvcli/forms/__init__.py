"""Report forms a member fills in Word or Excel, and reading them back field by field.

``spec`` is the neutral content of a form (what is pre-filled, which fields exist); ``docx_form`` /
``xlsx_form`` lay it out, ``docx_read`` / ``xlsx_read`` read a returned file back into the report's
fields (a dict shaped like the YAML file) with problems that name the field or the cell.
``safety`` refuses hostile containers before any parser sees them; ``legacy`` converts text typed in
the old Vietnamese encodings (TCVN3/ABC, VNI). No workspace access here: services pass everything in.
"""
