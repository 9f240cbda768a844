"""Behind a reverse proxy: which ``X-Forwarded-*`` headers the app believes.

A proxy in front of the app (nginx, Caddy, a load balancer terminating TLS) connects
from its own address, over plain HTTP, with its own ``Host``; it says what the client
sent in ``X-Forwarded-For``, ``X-Forwarded-Proto`` and ``X-Forwarded-Host``. The app
believes those headers only from as many proxies as it is told are in front of it:
``PROXIES`` in the app config, else ``$POWERMAP_PROXIES``, a whole number (default 0).

* 0: no header is believed (a client could write any of them): the address is the
  connection's, the scheme and host the request's own.
* N: werkzeug's ``ProxyFix`` with ``x_for``, ``x_proto`` and ``x_host`` = N takes the
  N-th value from the right of each header (the one the outermost trusted proxy
  added). Then the sign-in throttling (:mod:`powermap.web.auth`) counts failures per
  client address, the session and language cookies are ``Secure`` when the client
  came over HTTPS, and the Host and Origin checks (:mod:`powermap.web.guard`) compare
  the names the browser used.

Set N to exactly the number of proxies: one more lets a client choose its own
address (and dodge the throttling). ``powermap serve`` tells waitress to pass the
headers through only when N is above 0 (waitress drops them otherwise).
"""

from __future__ import annotations

import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from ..errors import PowermapError
from ..fields import whole_number
from ..i18n import _

__all__ = ["init_app", "trusted_proxies", "ProxySettingError", "ENV"]

ENV = "POWERMAP_PROXIES"


class ProxySettingError(PowermapError):
    """The number of trusted proxies is not a whole number."""


def trusted_proxies(config) -> int:
    """The number of proxies whose ``X-Forwarded-*`` headers are believed (0: none).

    ``PROXIES`` in ``config`` wins over ``$POWERMAP_PROXIES``. Raises
    :class:`ProxySettingError` for a value that is not a whole number of 0 or more.

    >>> trusted_proxies({"PROXIES": "1"}), trusted_proxies({"PROXIES": 0})
    (1, 0)
    """
    value = config.get("PROXIES")
    if value is None:
        value = os.environ.get(ENV, "").strip() or 0
    number = whole_number(value)
    if number is None:
        raise ProxySettingError(_("POWERMAP_PROXIES must be the number of proxies in front of "
                                  "the server (0 or more), got %(value)s", value=repr(value)))
    return number


def init_app(app: Flask) -> None:
    """Wrap the app in ``ProxyFix`` for the configured number of proxies (none for 0);
    the number is kept as ``app.config["PROXIES"]``."""
    proxies = trusted_proxies(app.config)
    app.config["PROXIES"] = proxies
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies,  # type: ignore[method-assign]
                                x_proto=proxies, x_host=proxies)
