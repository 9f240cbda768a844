"""Responses compressed with gzip when the client accepts it.

A map payload of 10,000 people is 12 MB of JSON and shrinks about tenfold; pages and
the API's lists shrink severalfold. Python's own :mod:`gzip` does it in an
``after_request`` hook: Flask and Werkzeug have no response compression, and
flask-compress would add a dependency (and brotli/zstandard builds) for these few lines.
Level 5 is where gzip's size gains flatten while it still compresses ~30 MB/s.

Only whole (not streamed or file) responses of a text kind and at least
:data:`MIN_SIZE` bytes are compressed; ``Vary: Accept-Encoding`` tells caches the
body depends on that header.
"""

from __future__ import annotations

import gzip

from flask import Flask, Response, request

__all__ = ["init_app", "MIN_SIZE", "COMPRESSIBLE"]

MIN_SIZE = 1024
LEVEL = 5
COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")


def _accepts_gzip() -> bool:
    for part in request.headers.get("Accept-Encoding", "").split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def compress(response: Response) -> Response:
    """Gzip ``response`` in place if the request accepts it and it is worth it."""
    if (response.direct_passthrough or response.is_streamed
            or "Content-Encoding" in response.headers
            or not (response.mimetype or "").startswith(COMPRESSIBLE)
            or not 200 <= response.status_code < 300):
        return response
    response.vary.add("Accept-Encoding")
    if not _accepts_gzip():
        return response
    body = response.get_data()
    if len(body) < MIN_SIZE:
        return response
    response.set_data(gzip.compress(body, compresslevel=LEVEL, mtime=0))
    response.headers["Content-Encoding"] = "gzip"
    return response


def init_app(app: Flask) -> None:
    app.after_request(compress)
