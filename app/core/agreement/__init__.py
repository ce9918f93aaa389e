"""Inter-coder agreement, one module per concern (NumPy; no Qt, no SQL).

- ``generic``: the coefficients on a coders × units matrix (percent agreement, Cohen,
  Fleiss, Krippendorff, Gwet) with their published definitions;
- ``units``: how coded spans become units (characters, sentences, paragraphs, documents);
- ``spans``: a study of codings over documents, turned into reliability data per code;
- ``unitizing``: Krippendorff's unitizing alpha for spans;
- ``bootstrap``: confidence intervals;
- ``segments``: disagreement regions and MAXQDA-style segment matching;
- ``report``: the per-code and overall report the GUI, CLI and workbook show.
"""

# Here, not in units.py, so the command line can offer the choices without importing NumPy.
UNIT_KINDS = ("character", "sentence", "paragraph", "document")
