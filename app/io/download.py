"""The one way a page hands over a file (exports, templates, error books, rosters, letters, notices, job
results, attached scans, the SMS gateway's number file): `download(data_or_path, filename)`.

Scoping is the caller's: pass only content built from rows fetched through the scoped view or query
(`self.scoped_get(pk)`, `scope_query(...)`, a job's `visible_job`) — this helper checks nothing.
"""

from __future__ import annotations

import mimetypes
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from urllib.parse import quote

from flask import Response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {
    "xlsx": XLSX,
    "docx": DOCX,
    "csv": "text/csv; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "zip": "application/zip",
}
UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
CHUNK = 256 * 1024


def content_type_of(filename: str) -> str:
    """The content type of a file name's extension (the office formats are not in every mimetypes table)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return CONTENT_TYPES.get(extension) or mimetypes.guess_type(filename)[0] or "application/octet-stream"


def ascii_fallback(filename: str, stem: str | None = None) -> str:
    """The plain `filename=` for clients that ignore `filename*`: the name without its non-ASCII letters,
    or `stem` (else "download") with the name's extension when nothing readable is left."""
    name, _dot, extension = filename.rpartition(".") if "." in filename else (filename, "", "")
    extension = UNSAFE.sub("_", extension)
    if stem is None:
        plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
        plain = UNSAFE.sub("_", plain).strip("._")
        stem = plain if re.search(r"[A-Za-z0-9]", plain) else "download"
    return f"{stem}.{extension}" if extension else stem


def disposition(filename: str, fallback: str | None = None, inline: bool = False) -> str:
    """`attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 / RFC 5987): Chinese names survive."""
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_fallback(filename, fallback)}\"; filename*=UTF-8''{quote(filename, safe='')}"


def chunks(handle: IO[bytes]) -> Iterator[bytes]:
    """The handle's bytes, closed as soon as they are all sent."""
    try:
        while chunk := handle.read(CHUNK):
            yield chunk
    finally:
        handle.close()


def download(
    data_or_path: bytes | Path | IO[bytes],
    filename: str,
    content_type: str | None = None,
    *,
    fallback: str | None = None,
    inline: bool = False,
) -> Response:
    """A file response: bytes, a file on disk (Path) or an open binary handle (read from its start and
    closed with the response). The content type follows the extension of `filename` unless given; the
    name is sent RFC 5987 encoded with an ASCII fallback (`fallback`: its stem); `inline` lets the browser
    show it (an attached scan) instead of saving it. Never cached: the files hold personal data.

    Callers must pass only content made from rows they fetched through scoping (scoped_get, scope_query,
    the job's owner check): this helper does no access check of its own."""
    if isinstance(data_or_path, bytes):
        response = Response(data_or_path)
    else:
        handle = data_or_path.open("rb") if isinstance(data_or_path, Path) else data_or_path
        size = handle.seek(0, 2)
        handle.seek(0)
        response = Response(chunks(handle), direct_passthrough=True)
        response.content_length = size
        response.call_on_close(handle.close)  # also when the body is never read
    response.headers["Content-Type"] = content_type or content_type_of(filename)
    response.headers["Content-Disposition"] = disposition(filename, fallback, inline)
    response.headers["Cache-Control"] = "no-store, private"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
