"""Opening a .docx: python-docx on the bytes, every way a file can be unusable turned into one SourceError line.

:func:`open_document` returns the python-docx ``Document``; :func:`related_xml` reads a part the main
document links to (styles, numbering, footnotes) without creating it when absent, as python-docx's own
accessors would; :func:`core_meta` is the document's title and author as metadata.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import TYPE_CHECKING

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.parser import parse_xml
from lxml import etree

from ..base import SourceError
from ..metadata import WorkMeta

if TYPE_CHECKING:
    from docx.document import Document

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: Word 97–2003, or an encrypted OOXML package
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # stream name in the compound file's directory
_RTF = b"{\\rtf"
_RESAVE = "open and save it again"


def open_document(data: bytes, rel_path: str) -> Document:
    """The python-docx Document for ``data``; raises SourceError naming the file and the remedy."""
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            raise SourceError.at(rel_path, "password-protected: save an unprotected copy")
        raise SourceError.at(rel_path, "Word 97–2003 .doc is not supported: save as .docx")
    if data.lstrip().startswith(_RTF):
        raise SourceError.at(rel_path, "RTF, not a Word .docx file: save as .docx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise SourceError.at(rel_path, f"broken Word file (not a ZIP archive, or truncated): {_RESAVE}") from None
    with archive:
        names = set(archive.namelist())
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise SourceError.at(rel_path, f"broken Word file ({exc}): {_RESAVE}") from None
    except etree.XMLSyntaxError as exc:
        raise SourceError.at(rel_path, f"broken Word file (XML: {exc}): {_RESAVE}") from None
    except (KeyError, ValueError, PackageNotFoundError) as exc:
        if "word/document.xml" not in names:  # an .xlsx, .odt, or any other ZIP
            raise SourceError.at(rel_path, "not a Word document: the ZIP has no word/document.xml") from None
        # No main-document relationship, or a main part of another type (.docm, .dotx renamed)
        raise SourceError.at(rel_path, f"not a Word document ({exc}): save as .docx") from None
    except (AttributeError, TypeError, IndexError) as exc:  # python-docx on a package whose parts are not Word's
        raise SourceError.at(rel_path, f"broken Word file ({type(exc).__name__}: {exc}): {_RESAVE}") from None


def related_xml(document: Document, reltype: str, rel_path: str) -> etree._Element | None:
    """The root element of the part the main document relates to by ``reltype``; None when there is none."""
    try:
        part = document.part.part_related_by(reltype)
    except (KeyError, ValueError):
        return None
    element = getattr(part, "element", None)  # parts python-docx models (styles, numbering) are parsed already
    if element is not None:
        return element
    try:
        return parse_xml(part.blob)
    except etree.XMLSyntaxError as exc:
        raise SourceError.at(rel_path, f"broken Word file ({part.partname}: {exc}): {_RESAVE}") from None


def core_meta(document: Document, where: str) -> WorkMeta:
    """Title and authors from the document properties (docProps/core.xml); the manifest overrides them."""
    try:  # not document.core_properties: without the part it would invent one, titled "Word Document"
        part = document.part.package.part_related_by(RT.CORE_PROPERTIES)
    except (KeyError, ValueError):
        return WorkMeta()
    props = CoreProperties(part.element)
    values: dict[str, object] = {}
    title = " ".join((props.title or "").split())
    if title:
        values["title"] = title
    # Several authors are written "A; B" ("Name, Vorname" keeps its comma)
    authors = [" ".join(a.split()) for a in (props.author or "").split(";")]
    if any(authors):
        values["authors"] = [a for a in authors if a]
    return WorkMeta.from_mapping(values, f"{where} (document properties)")


def declared_encoding(document: Document) -> str:
    """The encoding the main document part declares (Word writes UTF-8)."""
    return (document.element.getroottree().docinfo.encoding or "utf-8").lower()
