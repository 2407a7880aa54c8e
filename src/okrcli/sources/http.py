"""The `http:` source, and the one bounded GET that it and `prometheus:` use.

The standard library's urllib, not a client library: a GET of one JSON document needs
no more, it honours the environment's proxy settings as CI runners set them, and okrcli
gains no dependency. What it adds here: no redirects (a redirect could carry a token
header to another host), the response capped at `MAX_RESPONSE` bytes, and one deadline
for the whole exchange (the socket timeout bounds each read, the deadline all of them).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from okrcli import __version__
from okrcli.model.sources import HttpSource
from okrcli.sources.context import Context, Deadline, substituted
from okrcli.sources.errors import SourceError

MAX_RESPONSE = 1024 * 1024
"""Bytes of a response that are read; a larger one is an error."""
_CHUNK = 64 * 1024


def fetch_http(source: HttpSource, context: Context, deadline: Deadline) -> object:
    url = substituted(context, source.http, "in the URL")
    headers = {
        name: substituted(context, value, f"in the header {name}")
        for name, value in source.headers.items()
    }
    document = get_json(url, headers, deadline)
    return select(document, source.select)


def select(document: Any, expression: str) -> object:
    """What the JMESPath `expression` selects in `document`; SourceError for nothing,
    or for a list or mapping (one number is wanted)."""
    import jmespath
    from jmespath.exceptions import JMESPathError

    try:
        found = jmespath.search(expression, document)
    except JMESPathError as error:
        raise SourceError(
            f"`{expression}` failed: {error}",
            "check the expression against the document (JMESPath: `a.b`, `items[-1].n`)",
        ) from None
    if found is None:
        raise SourceError(
            f"`{expression}` selects nothing in the document",
            "check the expression against the document (keys are case-sensitive)",
        )
    if isinstance(found, dict | list):
        what = "a mapping" if isinstance(found, dict) else f"a list of {len(found)}"
        raise SourceError(
            f"`{expression}` selects {what}, not a number",
            "select one value: `items[0].value`, `length(items)`, `sum(items[].n)`",
        )
    return found


def get_json(url: str, headers: Mapping[str, str], deadline: Deadline) -> Any:
    """The JSON document at `url`; SourceError for anything else."""
    body = get(url, headers, deadline)
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        start = body[:40].decode("utf-8", "replace").strip()
        raise SourceError(
            f"the response is not JSON (it starts {start!r})",
            "give the URL of the JSON document (an API endpoint, not its web page)",
        ) from None


def get(url: str, headers: Mapping[str, str], deadline: Deadline) -> bytes:
    """The body of a 200 response to a GET of `url`, at most `MAX_RESPONSE` bytes."""
    import http.client
    import urllib.error
    import urllib.request

    if not url.lower().startswith(("http://", "https://")):
        raise SourceError("the URL is not http:// or https://", "write an http:// or https:// URL")
    request = urllib.request.Request(
        url,
        headers={"Accept": "application/json", "User-Agent": f"okrcli/{__version__}", **headers},
    )
    handlers = [_no_redirect_handler(), *_guarded_handlers()]
    if _loopback(url):  # never through a proxy: the proxy cannot reach this machine's ports
        handlers.append(urllib.request.ProxyHandler({}))
    opener = urllib.request.build_opener(*handlers)
    try:
        with opener.open(request, timeout=deadline.left()) as response:
            return _bounded_body(response, deadline)
    except urllib.error.HTTPError as error:
        raise _http_error(error) from None
    except (urllib.error.URLError, OSError) as error:
        raise _unreachable(error, deadline) from None
    except (ValueError, http.client.InvalidURL):
        # Their messages quote the URL or the header, `${OKR_...}` values and all.
        raise SourceError(
            "the URL or a header cannot be sent as it is once its `${...}` are filled in "
            "(a space or a control character in it?)",
            "check the environment variables the source names, and the URL's port",
        ) from None


def _loopback(url: str) -> bool:
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or ""
    return host in ("localhost", "::1") or host.startswith("127.")


def _bounded_body(response: Any, deadline: Deadline) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_RESPONSE:
        raise _too_large(int(declared))
    chunks: list[bytes] = []
    size = 0
    while True:
        deadline.left()
        chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_RESPONSE:
            raise _too_large(None)
        chunks.append(chunk)


def _too_large(size: int | None) -> SourceError:
    said = f" ({size} bytes)" if size is not None else ""
    return SourceError(
        f"the response is larger than {MAX_RESPONSE // 1024} KiB{said}; not read",
        "ask the server for less: a smaller endpoint, or a filter in the URL",
    )


def _http_error(error: Any) -> SourceError:
    code = error.code
    if 300 <= code < 400:
        target = error.headers.get("Location", "elsewhere")
        return SourceError(
            f"the server redirects ({code}) to {target}; redirects are not followed",
            "give the URL it redirects to",
        )
    reason = error.reason if isinstance(error.reason, str) else ""
    detail = _error_detail(error)
    return SourceError(
        f"the server answered {code} {reason}{detail}".rstrip(),
        "request the URL by hand (with the same headers) to see what the server says",
    )


def _error_detail(error: Any) -> str:
    """A server's own error text (Prometheus: `{"error": "..."}`), briefly."""
    try:
        body = error.read(4096)
        said = json.loads(body).get("error")
    except Exception:  # any body at all: the status code says enough
        return ""
    return f": {str(said)[:200]}" if said else ""


def _unreachable(error: BaseException, deadline: Deadline) -> SourceError:
    import socket

    reason = getattr(error, "reason", error)
    if isinstance(reason, TimeoutError | socket.timeout) or "timed out" in str(reason):
        return deadline.expired()
    return SourceError(
        f"cannot reach the server: {reason}",
        "check the URL, and that the server is up and reachable from where okr sync runs",
    )


_METADATA = ("fd00:ec2::254", "100.100.100.200")
"""Cloud metadata services outside the link-local ranges (AWS over IPv6, Alibaba)."""


def _guarded_handlers() -> list[Any]:
    """HTTP and HTTPS handlers whose connections refuse the machine's metadata service
    (`_connect_guarded`): a `source:` arrives in a pull request, and `okr sync --dry-run`
    may run on its checkout in a cloud runner, where the service hands out credentials
    that an error message would quote."""
    import http.client
    import urllib.request

    def guarded(http_class: Any) -> Any:
        def connection(*args: Any, **kwargs: Any) -> Any:
            made = http_class(*args, **kwargs)
            made._create_connection = _connect_guarded  # how http.client opens its socket
            return made

        return connection

    class Plain(urllib.request.HTTPHandler):
        def do_open(
            self, http_class: Any, req: urllib.request.Request, **http_conn_args: Any
        ) -> http.client.HTTPResponse:
            return super().do_open(guarded(http_class), req, **http_conn_args)

    class Secure(urllib.request.HTTPSHandler):
        def do_open(
            self, http_class: Any, req: urllib.request.Request, **http_conn_args: Any
        ) -> http.client.HTTPResponse:
            return super().do_open(guarded(http_class), req, **http_conn_args)

    return [Plain(), Secure()]


def _connect_guarded(address: tuple[str, int], timeout: Any, source: Any = None) -> Any:
    """`socket.create_connection`, refusing a link-local or metadata address; it
    connects to the addresses it checked, not to those of a second lookup."""
    import ipaddress
    import socket

    host, port = address
    found = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
    for *_, where in found:
        ip = ipaddress.ip_address(str(where[0]).split("%")[0])
        ip = getattr(ip, "ipv4_mapped", None) or ip
        if ip.is_link_local or str(ip) in _METADATA:
            raise SourceError(
                f"{host} is a link-local or cloud metadata address ({ip}); not requested",
                "a source reads a metrics server or an API, never this machine's metadata",
            )
    failed: OSError = OSError(f"no address for {host}")
    for *_, where in found:
        try:
            return socket.create_connection((str(where[0]), port), timeout, source)
        except OSError as error:
            failed = error
    raise failed


def _no_redirect_handler() -> Any:
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None  # the 3xx becomes an HTTPError: reported, not followed

    return NoRedirect()
