"""Request-rate throttling for the emulator, as AWS answers beyond an API's rate.

Rules are ``service:Action=N/s`` (or ``service:*=N/s``), comma-separated, e.g.
``route53:ChangeResourceRecordSets=2/s,ec2:*=20/s``.  Each rule is a token bucket
of N tokens per second holding at most ``max(1, N)``; a request finding it empty
gets the service's own throttling error, in the service's protocol:

* EC2 (query):          HTTP 503 ``RequestLimitExceeded`` / "Request limit exceeded."
* other query services: HTTP 400 ``Throttling`` / "Rate exceeded" (IAM, STS, ELBv2, SNS)
* Route 53 (REST-XML):  HTTP 400 ``Throttling`` / "Rate exceeded"
* JSON / REST-JSON:     HTTP 400 ``ThrottlingException`` / "Rate exceeded" (429 for REST-JSON)
* S3:                   HTTP 503 ``SlowDown``

The AWS SDKs (and the Terraform AWS provider) retry each of these codes with backoff.

The service is read from the SigV4 ``Authorization`` header's credential scope; the
action from ``X-Amz-Target``, the ``Action`` query/form parameter, or, for Route 53,
the REST path.  Control endpoint (no signature): ``GET /_emulator/throttle`` returns
the rules and how many requests each throttled; ``POST /_emulator/throttle`` with a
rules string (or ``{"rules": "..."}``) replaces the rules (empty: none).
"""

from __future__ import annotations

import io
import json
import re
import threading
import time
import uuid
from typing import Any, Callable, Iterable
from urllib.parse import parse_qs

from moto.moto_server.threaded_moto_server import ThreadedMotoServer, DomainDispatcherApplication, create_backend_app, make_server

CONTROL_PATH = "/_emulator/throttle"

_RULE_RE = re.compile(r"^\s*([a-z0-9-]+):([A-Za-z0-9*]+)\s*=\s*(\d+(?:\.\d+)?)\s*/\s*s\s*$")

# Route 53 REST operations by method and path (the ones the provider calls).
_ROUTE53 = [
    ("POST", re.compile(r"/hostedzone/[^/]+/rrset/?$"), "ChangeResourceRecordSets"),
    ("GET", re.compile(r"/hostedzone/[^/]+/rrset/?$"), "ListResourceRecordSets"),
    ("POST", re.compile(r"/hostedzone/[^/]+/associatevpc$"), "AssociateVPCWithHostedZone"),
    ("POST", re.compile(r"/hostedzone/[^/]+/disassociatevpc$"), "DisassociateVPCFromHostedZone"),
    ("POST", re.compile(r"/hostedzone/[^/]+/authorizevpcassociation$"), "CreateVPCAssociationAuthorization"),
    ("GET", re.compile(r"/hostedzone/[^/]+/authorizevpcassociation$"), "ListVPCAssociationAuthorizations"),
    ("POST", re.compile(r"/hostedzone/?$"), "CreateHostedZone"),
    ("GET", re.compile(r"/hostedzone/?$"), "ListHostedZones"),
    ("GET", re.compile(r"/hostedzone/[^/]+$"), "GetHostedZone"),
    ("DELETE", re.compile(r"/hostedzone/[^/]+$"), "DeleteHostedZone"),
    ("GET", re.compile(r"/change/[^/]+$"), "GetChange"),
    ("GET", re.compile(r"/hostedzonesbyvpc"), "ListHostedZonesByVPC"),
    ("GET", re.compile(r"/tags/hostedzone/[^/]+$"), "ListTagsForResource"),
    ("POST", re.compile(r"/tags/hostedzone/[^/]+$"), "ChangeTagsForResource"),
]

_QUERY_SERVICES = {"ec2", "iam", "sts", "elasticloadbalancing", "sns", "sqs", "rds", "cloudformation", "autoscaling", "monitoring"}
_REST_JSON_SERVICES = {"ram", "vpc-lattice", "route53profiles", "lambda"}


class Rule:
    def __init__(self, service: str, action: str, rate: float) -> None:
        self.service = service
        self.action = action
        self.rate = rate
        self.capacity = max(1.0, rate)
        self.tokens = self.capacity
        self.updated = time.monotonic()
        self.throttled = 0
        self.allowed = 0

    def matches(self, service: str, action: str | None) -> bool:
        return self.service == service and (self.action == "*" or self.action == action)

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            self.allowed += 1
            return True
        self.throttled += 1
        return False

    def describe(self) -> dict[str, Any]:
        return {"rule": f"{self.service}:{self.action}={self.rate:g}/s", "throttled": self.throttled, "allowed": self.allowed}


def parse_rules(spec: str | None) -> list[Rule]:
    """``service:Action=N/s,...`` into rules; raises ValueError with the bad part."""
    rules = []
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        m = _RULE_RE.match(part)
        if not m:
            raise ValueError(f"bad throttle rule {part.strip()!r}: expected service:Action=N/s (or service:*=N/s)")
        rules.append(Rule(m.group(1), m.group(2), float(m.group(3))))
    return rules


def _service_of(environ: dict[str, Any]) -> str | None:
    auth = environ.get("HTTP_AUTHORIZATION", "")
    m = re.search(r"Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request", auth)
    return m.group(1) if m else None


def _action_of(environ: dict[str, Any], service: str, body: bytes) -> str | None:
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:
        return target.split(".")[-1]
    if service == "route53":
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "")
        for m, pattern, action in _ROUTE53:
            if m == method and pattern.search(path):
                return action
        return None
    params = parse_qs(environ.get("QUERY_STRING", ""))
    if "Action" in params:
        return params["Action"][0]
    if body and "x-www-form-urlencoded" in environ.get("CONTENT_TYPE", ""):
        form = parse_qs(body.decode("utf-8", "replace"))
        if "Action" in form:
            return form["Action"][0]
    return None


def _error(service: str, json_protocol: bool) -> tuple[str, list[tuple[str, str]], bytes]:
    request_id = str(uuid.uuid4())
    if service == "ec2":
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>RequestLimitExceeded</Code>'
                f"<Message>Request limit exceeded.</Message></Error></Errors><RequestID>{request_id}</RequestID></Response>")
        return "503 Service Unavailable", [("Content-Type", "text/xml")], body.encode()
    if service == "s3":
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>'
                f"<RequestId>{request_id}</RequestId></Error>")
        return "503 Slow Down", [("Content-Type", "application/xml")], body.encode()
    if json_protocol or service in _REST_JSON_SERVICES:
        status = "429 Too Many Requests" if service in _REST_JSON_SERVICES else "400 Bad Request"
        body = json.dumps({"__type": "ThrottlingException", "message": "Rate exceeded"})
        return status, [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-ErrorType", "ThrottlingException"),
                        ("x-amzn-RequestId", request_id)], body.encode()
    namespace = ' xmlns="https://route53.amazonaws.com/doc/2013-04-01/"' if service == "route53" else ""
    body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse{namespace}><Error><Type>Sender</Type><Code>Throttling</Code>'
            f"<Message>Rate exceeded</Message></Error><RequestId>{request_id}</RequestId></ErrorResponse>")
    return "400 Bad Request", [("Content-Type", "text/xml"), ("x-amzn-RequestId", request_id)], body.encode()


class ThrottleMiddleware:
    """Wraps the moto WSGI app: throttles by rule, serves the control endpoint."""

    def __init__(self, app: Callable[..., Iterable[bytes]], rules: list[Rule] | None = None) -> None:
        self.app = app
        self.rules = rules or []
        self.lock = threading.Lock()

    def set_rules(self, spec: str) -> None:
        rules = parse_rules(spec)
        with self.lock:
            self.rules = rules

    def stats(self) -> dict[str, Any]:
        with self.lock:
            return {"rules": [r.describe() for r in self.rules], "throttled": sum(r.throttled for r in self.rules)}

    def _control(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            raw = environ["wsgi.input"].read(length).decode() if length else ""
            try:
                spec = json.loads(raw).get("rules", "") if raw.strip().startswith("{") else raw
                self.set_rules(spec)
            except ValueError as e:
                start_response("400 Bad Request", [("Content-Type", "application/json")])
                return [json.dumps({"error": str(e)}).encode()]
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps(self.stats()).encode()]

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == CONTROL_PATH:
            return self._control(environ, start_response)
        if not self.rules:
            return self.app(environ, start_response)
        service = _service_of(environ)
        if service is None:
            return self.app(environ, start_response)
        body = b""
        if service in _QUERY_SERVICES and environ.get("REQUEST_METHOD") == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length) if length else b""
            environ["wsgi.input"] = io.BytesIO(body)
        action = _action_of(environ, service, body)
        with self.lock:
            rule = next((r for r in self.rules if r.matches(service, action)), None)
            allowed = rule.take() if rule else True
        if allowed:
            return self.app(environ, start_response)
        status, headers, payload = _error(service, bool(environ.get("HTTP_X_AMZ_TARGET")))
        start_response(status, headers + [("Content-Length", str(len(payload)))])
        return [payload]


class ThrottledMotoServer(ThreadedMotoServer):
    """ThreadedMotoServer whose app is wrapped in the throttle middleware."""

    def __init__(self, *args: Any, throttle: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.middleware: ThrottleMiddleware | None = None
        self._rules = parse_rules(throttle)

    def _server_entry(self) -> None:
        self.middleware = ThrottleMiddleware(DomainDispatcherApplication(create_backend_app), self._rules)
        self._server = make_server(self._ip_address, self._port, self.middleware, True)
        self._server_ready_event.set()
        self._server.serve_forever()
