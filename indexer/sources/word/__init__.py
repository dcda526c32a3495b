"""Word documents (.docx), read with python-docx: one entry per Randnummer.

:func:`parse_docx` is the format's parser (a row of :data:`~indexer.sources.formats.FORMATS`).
Modules: ``package`` opens the file (and says why one cannot be used), ``styles`` and ``numbering``
resolve what a paragraph's style and Word's list numbering say, ``story`` reads a paragraph's visible
text, ``body`` cuts the body into markers, headings and text, ``reader`` makes the entries.
"""

from .reader import parse_docx

__all__ = ["parse_docx"]
