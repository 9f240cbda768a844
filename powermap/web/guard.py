"""Keeping other web pages out: Host, Origin, content type, and security headers.

A page on another site must not reach the app through the user's browser:

* **Host**: the ``Host`` header must be one of the server's names, so a page
  at ``http://rebind.test`` whose name was made to point at 127.0.0.1 (DNS
  rebinding) is refused (400). The names are the loopback names by default;
  ``SERVER_NAMES`` in the app config or ``$POWERMAP_SERVER_NAMES`` (comma
  separated; ``.example.com`` also takes its subdomains) add the names the
  server is reached by. Any port.
* **Cross-origin writes**: a POST/PATCH/PUT/DELETE whose ``Sec-Fetch-Site``
  is ``cross-site`` or ``same-site``, or whose ``Origin`` is not this server,
  is refused (403). Clients that are not browsers send neither.
* **JSON only**: an API write that carries a body must say
  ``Content-Type: application/json`` (400), which a form on another site
  cannot send without a preflight this app never grants.
* **Headers on every response**: a Content-Security-Policy (scripts and
  styles from this server only, no framing, forms post only here),
  ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY`` and
  ``Referrer-Policy: same-origin``.

The CSRF token on every form (:mod:`powermap.web.csrf`) stays as well.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from flask import Flask, Response, abort, current_app, request

from ..i18n import _

__all__ = ["init_app", "server_names", "is_server_name", "host_name", "LOOPBACK_NAMES",
           "CONTENT_SECURITY_POLICY"]

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
ENV = "POWERMAP_SERVER_NAMES"
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})

#: The review page's one inline handler (its Print button, ``window.print()``) by hash;
#: no other inline script runs.
_PRINT_HANDLER = "'sha256-MguIPR6qNR8D3B+eAlK+bIRTZe8t3wkOY4B/56Me9FU='"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; "
    f"script-src 'self' 'unsafe-hashes' {_PRINT_HANDLER}; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def server_names(config) -> tuple[str, ...]:
    """The host names the app answers to: loopback, the config's and the environment's."""
    extra = config.get("SERVER_NAMES") or ()
    if isinstance(extra, str):
        extra = extra.split(",")
    from_env = os.environ.get(ENV, "").split(",")
    names = [*LOOPBACK_NAMES, *extra, *from_env]
    return tuple(n.strip().lower() for n in names if n.strip())


def host_name(host: str) -> str:
    """The name in a ``Host`` header, without its port: ``[::1]:5000`` → ``[::1]``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[:host.find("]") + 1]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def is_server_name(host: str, names: tuple[str, ...]) -> bool:
    """Whether the ``Host`` header names this server (``.example.com`` takes subdomains)."""
    name = host_name(host)
    if not name:
        return False
    return any(name == ref or (ref.startswith(".") and (name.endswith(ref) or name == ref[1:]))
               for ref in names)


def _check_host() -> None:
    host = request.headers.get("Host", "")
    if not is_server_name(host, server_names(current_app.config)):
        abort(400, description=_("This server does not answer to the name %(host)s. Add the "
                                 "name to POWERMAP_SERVER_NAMES to reach it that way.",
                                 host=repr(host[:100])))


def _check_origin() -> None:
    if request.method not in _UNSAFE:
        return
    site = request.headers.get("Sec-Fetch-Site", "")
    if site in ("cross-site", "same-site"):
        abort(403, description=_("A page on another site may not change data here."))
    origin = request.headers.get("Origin")
    if origin is not None:
        parts = urlsplit(origin)
        if origin == "null" or parts.netloc.lower() != request.host.lower() \
                or parts.scheme != request.scheme:
            abort(403, description=_("A page on another site may not change data here."))


def _check_content_type() -> None:
    if request.method not in _UNSAFE or not request.path.startswith("/api/") \
            or request.routing_exception is not None:  # no such route or method: 404/405
        return
    if request.method == "DELETE" and not request.content_length:
        return
    if not request.is_json:
        abort(400, description=_("send a JSON object with Content-Type: application/json"))


def guard():
    """Refuse requests for another host name, cross-origin writes and non-JSON API writes."""
    _check_host()
    _check_origin()
    _check_content_type()


def security_headers(response: Response) -> Response:
    """The headers of :data:`CONTENT_SECURITY_POLICY` and friends, on every response."""
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def init_app(app: Flask) -> None:
    """Guard every request right after its language is set (so refusals are translated)."""
    funcs = app.before_request_funcs.setdefault(None, [])
    funcs.insert(1 if funcs else 0, guard)
    app.after_request(security_headers)
