"""IAM enforcement (moto's INITIAL_NO_AUTH_ACTION_COUNT): make it work for the emulator's services.

moto authorizes every request once enforcement is on (``POST /moto-api/reset-auth`` with the body
``0``, or the environment variable INITIAL_NO_AUTH_ACTION_COUNT): it checks the SigV4 signature,
then evaluates the caller's IAM policies for ``<signing name>:<operation>`` (e.g.
``vpc-lattice:CreateResourceGateway``, ``route53profiles:AssociateProfile``,
``ec2:AcceptVpcEndpointConnections``).  The operations moto_ext adds or replaces go through the same
path (they are methods of moto's response classes, or of the Route 53 Profiles response class), so
the action names come out right.  Four things did not work:

1. Signatures: every GET / DELETE of the REST services (RAM, VPC Lattice, Route 53, Route 53
   Profiles) failed with SignatureDoesNotMatch: moto re-signed a request without a body with its
   fallback "query string" (for a body-less request: the request headers) as the payload, and a
   path or query carrying an ARN (``/tags/arn%3Aaws%3A...``, ``?resourceShareArn=arn%3Aaws...``)
   URL-decoded; so did every S3 request whose query held an encoded character (``?prefix=dev%2F``:
   the Terraform S3 backend's listing), even in plain moto.  Here the payload of a request without a body is empty (form-encoded Query requests,
   whose parameters werkzeug consumed, keep moto's behaviour) and the path and query are the ones
   the client sent (werkzeug's RAW_URI).  An assumed role that does not exist in IAM has no
   policies (AccessDenied) instead of an HTTP 500.
2. Error format: moto answered every authorization failure in the XML of the Query protocol
   (``<ErrorResponse><Errors><Error>``), which SDKs of JSON / REST-JSON services (RAM, VPC Lattice,
   Route 53 Profiles) and of REST-XML Route 53 cannot parse (the error arrived without a code).  Here
   it is answered in the service's protocol: JSON ``{"__type": "AccessDeniedException", "message":
   "User: <arn> is not authorized to perform: <action>"}`` (+ ``x-amzn-ErrorType``), or Route 53's
   ``<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>...``.
3. Resources: moto knows the resource of a request only for SQS, IAM, STS and S3 and evaluates all
   others against "*", which an Allow scoped to ARNs never matched (every least-privilege policy
   denied everything).  With the resource unknown an Allow applies whatever its Resource.
4. Permission-only actions AWS evaluates besides the operation's own action are not known to moto.
   ``require_action`` checks one in the same way; ec2_privatelink.py uses it for
   ``vpce:AllowMultiRegion`` (cross-Region endpoints and endpoint services with SupportedRegions).
5. Trust policies: moto checked a role's trust policy only when the role was in the caller's own
   account, and compared principals as exact strings, so a role ARN never matched that role's own
   sessions (``arn:aws:sts::<account>:assumed-role/<name>/<session>``) and a role of another account
   was assumed whatever its trust policy said.  Here ``sts:AssumeRole`` (not the web-identity / SAML
   variants) evaluates the trust policy of the role in the role's account, as AWS does: a principal
   matches as ``*``, the account (``<id>`` or ``arn:aws:iam::<id>:root``), the exact ARN, or a role
   ARN matching its sessions; an explicit Deny wins; conditions are moto's (only values moto
   supplies, e.g. ``sts:ExternalId``).  A role that does not exist cannot be assumed.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import urlparse, urlunparse

from botocore.awsrequest import AWSRequest
from moto import settings
from moto.core.authorization import ActionAuthenticatorMixin
from moto.core.exceptions import JsonRESTError, _RESTError as RESTError
from moto.core.responses import BaseResponse
from moto.core.utils import get_service_model
from moto.iam.access_control import AssumedRoleAccessKey, IAMPolicyStatement, IAMRequest, IAMRequestBase
from moto.iam.models import iam_backends
from moto.iam.utils import REQUIRE_RESOURCE_ACCESS_POLICIES_CHECK, format_incoming_conditional_values
from moto.iam.exceptions import NotFoundException


# ---- 1. signatures ----------------------------------------------------------------
def _create_aws_request(self: Any) -> AWSRequest:
    """The request moto re-signs to check the caller's signature."""
    signed_headers = self._get_string_between("SignedHeaders=", ",", self._headers["Authorization"]).split(";")
    headers = self._create_headers_for_aws_request(signed_headers, self._headers)
    form = "x-www-form-urlencoded" in str(self._headers.get("Content-Type") or "").lower()
    data = self._body or (self._data if form else b"")
    request = AWSRequest(method=self._method, url=self._path, data=data, headers=headers)
    request.context["timestamp"] = headers["X-Amz-Date"]
    return request


IAMRequestBase._create_aws_request = _create_aws_request


_orig_setup_class = BaseResponse.setup_class


def _setup_class(self: Any, request: Any, full_url: str, headers: Any, use_raw_body: bool = False) -> None:
    """Remember the request target as the client sent it (werkzeug's RAW_URI), for the signature check."""
    _orig_setup_class(self, request, full_url, headers, use_raw_body)
    environ = getattr(request, "environ", None)
    if isinstance(environ, dict) and environ.get("RAW_URI"):
        self._raw_uri = environ["RAW_URI"]


BaseResponse.setup_class = _setup_class


# ---- 2. errors in the service's protocol ---------------------------------------
_JSON_CODES = {"AccessDenied": "AccessDeniedException", "SignatureDoesNotMatch": "InvalidSignatureException",
               "InvalidClientTokenId": "UnrecognizedClientException"}


def _protocol(response: Any) -> str:
    try:
        return str(get_service_model(response.boto3_service_name).protocol)
    except Exception:  # a service botocore does not know: leave moto's format
        return "query"


class _AuthErrorJson(JsonRESTError):
    def __init__(self, code: int, error_type: str, message: str) -> None:
        super().__init__(error_type, message)
        self.code = code


class _AuthErrorRestXml(RESTError):
    def __init__(self, code: int, error_type: str, message: str) -> None:
        super().__init__(error_type, message)
        self.code = code
        self.description = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<ErrorResponse><Error><Type>Sender</Type><Code>{error_type}</Code><Message>{message}</Message>'
            '</Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>')


_orig_authorize = ActionAuthenticatorMixin._authenticate_and_authorize_normal_action


class _AsSent:
    """The request's path and query as the client sent (and signed) them, while moto checks the
    signature: an ARN in the path or query (/tags/arn%3Aaws%3A..., ?resourceShareArn=arn%3A...), or an
    S3 prefix (?prefix=dev%2F), had been decoded, so the canonical request moto rebuilt differed."""

    def __init__(self, response: Any) -> None:
        self.response = response
        self.saved = response.uri

    def __enter__(self) -> None:
        raw = getattr(self.response, "_raw_uri", None)
        if raw:
            sent = urlparse(raw)
            self.response.uri = urlunparse(urlparse(self.saved)._replace(path=sent.path, query=sent.query))

    def __exit__(self, *_: Any) -> None:
        self.response.uri = self.saved


_orig_authorize_s3 = ActionAuthenticatorMixin._authenticate_and_authorize_s3_action


def _authenticate_and_authorize_s3_action(self: Any, bucket_name: str | None = None, key_name: str | None = None) -> None:
    """moto's S3 authorization, on the path and query as the client sent them."""
    with _AsSent(self):
        _orig_authorize_s3(self, bucket_name=bucket_name, key_name=key_name)


ActionAuthenticatorMixin._authenticate_and_authorize_s3_action = _authenticate_and_authorize_s3_action


def _authenticate_and_authorize_normal_action(self: Any, resource: str = "*") -> None:
    """moto's authorization, on the path as the client sent (and signed) it, with its errors in the
    protocol of the called service."""
    try:
        with _AsSent(self):
            _orig_authorize(self, resource)
    except RESTError as err:
        protocol = _protocol(self)
        error_type = getattr(err, "error_type", "AccessDenied")
        message = getattr(err, "message", "")
        if protocol in ("json", "rest-json"):
            error_type = _JSON_CODES.get(error_type, error_type)
            self.response_headers["x-amzn-ErrorType"] = error_type
            self.response_headers["Content-Type"] = "application/json"
            raise _AuthErrorJson(err.code, error_type, message) from None
        if protocol == "rest-xml":
            self.response_headers["Content-Type"] = "text/xml"
            raise _AuthErrorRestXml(err.code, error_type, message) from None
        raise


ActionAuthenticatorMixin._authenticate_and_authorize_normal_action = _authenticate_and_authorize_normal_action


_orig_collect_policies = AssumedRoleAccessKey.collect_policies


def _collect_policies(self: Any) -> list[Any]:
    """Policies of an assumed role; a role that does not exist (moto's STS lets anyone assume any role
    name) has none, so its calls are denied (AccessDenied) instead of failing with HTTP 500."""
    try:
        return _orig_collect_policies(self)
    except NotFoundException:
        return []


AssumedRoleAccessKey.collect_policies = _collect_policies


# ---- resources: moto knows the resource of a request only for SQS, IAM, STS and S3 -----
_orig_statement_permitted = IAMPolicyStatement.is_action_permitted


def _statement_permitted(self: Any, action: str, resource: str = "*", principal: str | None = None,
                         incoming_condition_values: dict[str, str] | None = None) -> Any:
    """moto evaluates every other request against the resource "*", which matches no Resource but "*":
    an Allow scoped to ARNs (arn:aws:ec2:us-east-1:111122223333:*) never applied, so least-privilege
    policies denied everything.  When the resource is unknown an Allow statement applies whatever its
    Resource (Deny statements keep moto's rule: only a Resource matching "*" applies)."""
    if resource == "*" and self._statement.get("Effect") == "Allow" and self._statement.get("Resource"):
        statement = IAMPolicyStatement({**self._statement, "Resource": "*"})
        return _orig_statement_permitted(statement, action, resource, principal, incoming_condition_values)
    return _orig_statement_permitted(self, action, resource, principal, incoming_condition_values)


IAMPolicyStatement.is_action_permitted = _statement_permitted


# ---- 3. permission-only actions --------------------------------------------------
def enforcing() -> bool:
    """Is moto's IAM enforcement on for the current request?"""
    return ActionAuthenticatorMixin.request_count >= settings.INITIAL_NO_AUTH_ACTION_COUNT


def require_action(response: Any, action: str, resource: str = "*") -> None:
    """Evaluate the caller's IAM policies for an additional action (e.g. vpce:AllowMultiRegion) when
    enforcement is on; AccessDenied naming that action otherwise."""
    if not enforcing() or "Authorization" not in response.headers:
        return
    request = IAMRequest(account_id=response.current_account, method=response.method, path=response.path,
                         data=response.data, body=response.raw_body, headers=response.headers,
                         action=response._get_action())
    request._action = action
    request.check_action_permitted(resource)


# ---- 5. trust policies, in the role's own account ----------------------------------------
def _role_of(role_arn: str) -> Any:
    """The role an ARN names, looked up in the role's own account; None when it does not exist."""
    parts = role_arn.split(":")
    if len(parts) < 6 or not parts[5].startswith("role/"):
        return None
    try:
        return iam_backends[parts[4]][parts[1]].get_role_by_arn(role_arn)
    except (NotFoundException, KeyError):
        return None


def principal_matches(expected: str, caller_arn: str) -> bool:
    """Whether a trust policy's AWS principal names the caller, as AWS matches it."""
    if expected == "*" or expected == caller_arn:
        return True
    caller = caller_arn.split(":")
    if len(caller) < 6:
        return False
    account = caller[4]
    if expected in (account, f"arn:{caller[1]}:iam::{account}:root"):
        return True
    exp = expected.split(":")
    if len(exp) == 6 and exp[2] == "iam" and exp[4] == account and exp[5].startswith("role/") and caller[5].startswith("assumed-role/"):
        # A role principal matches every session of the role (the path is not part of a session ARN).
        return caller[5].split("/")[1] == exp[5].split("/")[-1]
    return False


def _is_assuming_role_operation(self: Any, resource_arn: str) -> bool:
    return self._action in REQUIRE_RESOURCE_ACCESS_POLICIES_CHECK and ":role/" in resource_arn.lower()


def _check_role_trust_relationship(self: Any, role_arn: str) -> bool:
    role = _role_of(role_arn)
    if role is None:
        return False
    caller = self._access_key.arn
    incoming = format_incoming_conditional_values(self._data)
    document = role.assume_role_policy_document
    policy = json.loads(document) if isinstance(document, str) else document
    statements = policy.get("Statement", [])
    permitted = False
    for st in statements if isinstance(statements, list) else [statements]:
        actions = st.get("Action", [])
        if not any(IAMPolicyStatement._match(a, self._action) for a in (actions if isinstance(actions, list) else [actions])):
            continue
        principal = st.get("Principal")
        expected = principal if principal == "*" else (principal or {}).get("AWS") if isinstance(principal, dict) else None
        if expected is None:
            continue  # a Service or Federated principal never names an IAM caller
        if not any(principal_matches(e, caller) for e in (expected if isinstance(expected, list) else [expected])):
            continue
        if not IAMPolicyStatement(st)._check_conditions(incoming):
            continue
        if st.get("Effect") == "Deny":
            return False
        permitted = True
    return permitted


IAMRequestBase._is_assuming_role_operation = _is_assuming_role_operation
IAMRequestBase._check_role_trust_relationship = _check_role_trust_relationship


# ---- decisions log ------------------------------------------------------------------------
# PRIVATELINK_EMULATOR_IAM_LOG=<file>: one line per IAM decision once enforcement is on
# (`ALLOW|DENY <action> <resource> <caller>`), to see what a denied run called.
_LOG = os.environ.get("PRIVATELINK_EMULATOR_IAM_LOG")
if _LOG:
    _orig_check = IAMRequestBase.check_action_permitted

    def _logged_check(self: Any, resource: str) -> None:
        caller = getattr(getattr(self, "_access_key", None), "arn", "?")
        try:
            _orig_check(self, resource)
        except Exception:
            with open(_LOG, "a") as f:
                f.write(f"DENY {self._action} {resource} {caller}\n")
            raise
        with open(_LOG, "a") as f:
            f.write(f"ALLOW {self._action} {resource} {caller}\n")

    IAMRequestBase.check_action_permitted = _logged_check

    _orig_signature = IAMRequestBase.check_signature

    def _logged_signature(self: Any) -> None:
        try:
            _orig_signature(self)
        except Exception:
            with open(_LOG, "a") as f:
                f.write(f"BADSIGNATURE {self._action} {self._method} {self._path}\n")
            raise

    IAMRequestBase.check_signature = _logged_signature

    _orig_authenticate = ActionAuthenticatorMixin._authenticate_and_authorize_action

    def _logged_authenticate(self: Any, iam_request_cls: type, resource: str = "*") -> None:
        try:
            _orig_authenticate(self, iam_request_cls, resource)
        except Exception as err:
            with open(_LOG, "a") as f:
                f.write(f"REFUSED {type(err).__name__} {getattr(err, 'message', err)} {self.method} {self.uri}\n")
            raise

    ActionAuthenticatorMixin._authenticate_and_authorize_action = _logged_authenticate
