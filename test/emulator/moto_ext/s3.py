"""S3 bucket policies as AWS evaluates them for the state bucket's TLS-only statement.

moto evaluates a bucket's policy on every object request (GetObject, PutObject, HeadObject, ...),
with or without IAM enforcement, and got two things wrong for the bootstrap's state bucket, whose
policy denies every request made without TLS (``"Condition": {"Bool": {"aws:SecureTransport":
"false"}}``, as AWS recommends):

1. ``Bool`` was not a known condition operator, so the condition was ignored and the Deny applied to
   every request: the S3 backend could not even read a missing state object (HTTP 403 on HeadObject).
   Here ``Bool`` compares case-insensitively, as AWS does.
2. A statement whose condition does not hold counted as an explicit Deny (``PermissionResult.DENIED``)
   instead of not applying; here it does not apply (``NEUTRAL``), for identity, bucket and any other
   policy moto evaluates.

The emulator is reached over plain HTTP on loopback, standing in for AWS's HTTPS endpoints (every
SDK and the Terraform S3 backend use HTTPS against AWS), so a bucket policy sees
``aws:SecureTransport = true``. A client that would really send plain HTTP to AWS is not detected.
"""

from __future__ import annotations

from typing import Any

from moto.iam import policy_conditions
from moto.iam.access_control import IAMPolicy, IAMPolicyStatement, PermissionResult
from moto.s3.models import FakeBucket


def _bool_operation(expected_value: list[str] | str, actual_value: str) -> bool:
    expected = [expected_value] if isinstance(expected_value, str) else expected_value
    return str(actual_value).lower() in [str(e).lower() for e in expected]


policy_conditions.CONDITION_OPERATIONS["Bool"] = _bool_operation

_orig_statement = IAMPolicyStatement.is_action_permitted


def _statement_permitted(self: Any, action: str, resource: str = "*", principal: str | None = None,
                         incoming_condition_values: dict[str, str] | None = None) -> Any:
    """DENIED only from a Deny statement that applies: a statement whose principal or condition does
    not match does not apply (NEUTRAL), Allow and Deny alike (moto counted both as a denial)."""
    result = _orig_statement(self, action, resource, principal, incoming_condition_values)
    if result != PermissionResult.DENIED:
        return result
    if self._statement.get("Effect") != "Deny":
        return PermissionResult.NEUTRAL
    if principal and isinstance(self._statement.get("Principal"), dict) and not self._check_principal(principal):
        return PermissionResult.NEUTRAL
    if not self._check_conditions(incoming_condition_values):
        return PermissionResult.NEUTRAL
    return result


IAMPolicyStatement.is_action_permitted = _statement_permitted

# What a request to AWS's HTTPS endpoint carries, for the bucket policy's conditions.
REQUEST_CONTEXT = {"aws:SecureTransport": "true"}


def _get_permission(self: Any, action: str, resource: str) -> Any:
    if self.policy is None:
        return PermissionResult.NEUTRAL
    policy = IAMPolicy(self.policy.decode())
    permitted = PermissionResult.NEUTRAL
    for statement in policy._policy_json.get("Statement", []):  # moto's IAMPolicy passes no condition values
        result = IAMPolicyStatement(statement).is_action_permitted(action, resource, None, REQUEST_CONTEXT)
        if result == PermissionResult.DENIED:
            return result
        if result == PermissionResult.PERMITTED:
            permitted = result
    return permitted


FakeBucket.get_permission = _get_permission
