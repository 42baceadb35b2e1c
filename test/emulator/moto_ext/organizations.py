"""AWS Organizations membership for RAM (emulator-only declaration), and what
``aws_ram_sharing_with_organization`` reads back.

moto's Organizations backend cannot hold an organization whose accounts have chosen ids (CreateAccount
invents them) and keeps one organization per calling account, so membership is declared here:

    POST   /_emulator/organization  {"id": "o-a1b2c3d4e5", "managementAccountId": "111111111111",
                                     "accounts": ["222222222222", ...],
                                     "organizationalUnits": {"ou-ab12-cdef3456": ["444444444444"]}}
    GET    /_emulator/organization  -> {"organizations": [{..., "arn", "sharingWithRamEnabled"}]}
    DELETE /_emulator/organization?id=o-a1b2c3d4e5

(unsigned, served by moto's own API app like /moto-api/...; the management account is a member
implicitly; an account belongs to at most one organization; a POST with a known id replaces it).

Once at least one organization is declared, ram.py applies AWS's rules (invitations, organization
principals, allowExternalPrincipals); with none declared RAM behaves as before (everything shared is
visible at once).  Whether RAM sharing is enabled for an organization is Organizations trusted access
for ``ram.amazonaws.com`` in the management account: EnableSharingWithAwsOrganization turns it on
(and creates the service-linked role AWSServiceRoleForResourceAccessManager, as AWS does), which is
exactly what the provider's aws_ram_sharing_with_organization reads back (iam:GetRole +
organizations:ListAWSServiceAccessForOrganization); its delete (DisableAWSServiceAccess) turns it off.

Declaring an organization also creates, in every member account that lacks it, the role AWS
Organizations creates in the accounts it creates (CreateAccount): ``OrganizationAccountAccessRole``,
trusted by the management account (``arn:aws:iam::<management>:root``) and allowed everything.  Once
IAM is enforced, an administrator of the management account reaches the members through it, as the
bootstrap does on AWS.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs, urlparse

from moto.iam.models import iam_backends
from moto.moto_api._internal import urls as moto_api_urls
from moto.moto_api._internal.models import MotoAPIBackend
from moto.organizations.models import organizations_backends

from ._common import _register

RAM_PRINCIPAL = "ram.amazonaws.com"
RAM_SLR_NAME = "AWSServiceRoleForResourceAccessManager"

_ORG_ID_RE = re.compile(r"^o-[a-z0-9]{10,32}$")
_OU_ID_RE = re.compile(r"^ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$")
_ACCOUNT_RE = re.compile(r"^\d{12}$")


class Organization:
    def __init__(self, org_id: str, management_account_id: str, accounts: list[str],
                 organizational_units: dict[str, list[str]]) -> None:
        self.id = org_id
        self.management_account_id = management_account_id
        self.accounts = {management_account_id, *accounts}
        self.organizational_units = {ou: set(members) for ou, members in organizational_units.items()}
        self.arn = f"arn:aws:organizations::{management_account_id}:organization/{org_id}"

    def sharing_enabled(self) -> bool:
        """RAM sharing with the organization: trusted access for ram.amazonaws.com in the management account."""
        backend = organizations_backends[self.management_account_id]["aws"]
        return any(s.get("ServicePrincipal") == RAM_PRINCIPAL for s in backend.services)

    def ou_arn(self, ou_id: str) -> str:
        return f"arn:aws:organizations::{self.management_account_id}:ou/{self.id}/{ou_id}"

    def describe(self) -> dict[str, Any]:
        return {"id": self.id, "arn": self.arn, "managementAccountId": self.management_account_id,
                "accounts": sorted(self.accounts),
                "organizationalUnits": {ou: sorted(m) for ou, m in sorted(self.organizational_units.items())},
                "sharingWithRamEnabled": self.sharing_enabled()}


ORGANIZATIONS: dict[str, Organization] = {}


def declared() -> bool:
    """True once any organization is declared: RAM then applies AWS's organization rules."""
    return bool(ORGANIZATIONS)


def org_of(account_id: str) -> Organization | None:
    return next((o for o in ORGANIZATIONS.values() if account_id in o.accounts), None)


def managed_by(account_id: str) -> Organization | None:
    return next((o for o in ORGANIZATIONS.values() if o.management_account_id == account_id), None)


def enable_ram_sharing(org: Organization) -> None:
    """What EnableSharingWithAwsOrganization does in the management account: trusted access for RAM
    and the service-linked role."""
    backend = organizations_backends[org.management_account_id]["aws"]
    if not org.sharing_enabled():
        backend.enable_aws_service_access(ServicePrincipal=RAM_PRINCIPAL)
    iam = iam_backends[org.management_account_id]["aws"]
    if not any(r.name == RAM_SLR_NAME for r in iam.roles.values()):
        trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                         "Principal": {"Service": RAM_PRINCIPAL}}]}
        iam.create_role(RAM_SLR_NAME, json.dumps(trust), f"/aws-service-role/{RAM_PRINCIPAL}/",
                        permissions_boundary=None, description="Service-linked role for AWS RAM", tags=[],
                        max_session_duration="3600", linked_service=RAM_PRINCIPAL)


ACCESS_ROLE_NAME = "OrganizationAccountAccessRole"


def create_access_roles(org: Organization) -> None:
    """OrganizationAccountAccessRole in each member account (not the management account), as CreateAccount makes it."""
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                     "Principal": {"AWS": f"arn:aws:iam::{org.management_account_id}:root"}}]}
    admin = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    for account in sorted(org.accounts - {org.management_account_id}):
        iam = iam_backends[account]["aws"]
        if any(r.name == ACCESS_ROLE_NAME for r in iam.roles.values()):
            continue
        iam.create_role(ACCESS_ROLE_NAME, json.dumps(trust), "/", permissions_boundary=None,
                        description="Created by AWS Organizations (emulator)", tags=[], max_session_duration="3600")
        iam.put_role_policy(ACCESS_ROLE_NAME, "AdministratorAccess", json.dumps(admin))


def _parse(body: dict[str, Any]) -> Organization:
    org_id, mgmt = body.get("id"), body.get("managementAccountId")
    accounts = body.get("accounts") or []
    ous = body.get("organizationalUnits") or {}
    if not isinstance(org_id, str) or not _ORG_ID_RE.match(org_id):
        raise ValueError("id must look like o-a1b2c3d4e5 (o- and 10-32 lowercase letters or digits)")
    if not isinstance(mgmt, str) or not _ACCOUNT_RE.match(mgmt):
        raise ValueError("managementAccountId must be a 12-digit account id")
    if not isinstance(accounts, list) or not all(isinstance(a, str) and _ACCOUNT_RE.match(a) for a in accounts):
        raise ValueError("accounts must be a list of 12-digit account ids")
    if not isinstance(ous, dict):
        raise ValueError("organizationalUnits must map OU ids to lists of member account ids")
    members = {mgmt, *accounts}
    for ou, ou_accounts in ous.items():
        if not _OU_ID_RE.match(ou):
            raise ValueError(f"{ou} is not an OU id like ou-ab12-cdef3456")
        missing = [a for a in ou_accounts or [] if a not in members]
        if missing:
            raise ValueError(f"{ou}: {', '.join(missing)} not in the organization's accounts")
    for other in ORGANIZATIONS.values():
        if other.id != org_id and other.accounts & members:
            raise ValueError(f"{', '.join(sorted(other.accounts & members))} already in {other.id}")
    return Organization(org_id, mgmt, list(accounts), {k: list(v or []) for k, v in ous.items()})


def organization_response(request: Any, full_url: str, headers: Any) -> tuple[int, dict[str, str], str]:
    """POST / GET / DELETE /_emulator/organization (see the module docstring)."""
    hdrs = {"Content-Type": "application/json"}
    if request.method == "GET":
        return 200, hdrs, json.dumps({"organizations": [o.describe() for o in ORGANIZATIONS.values()]})
    if request.method == "DELETE":
        org_id = (parse_qs(urlparse(full_url).query).get("id") or [""])[0]
        if ORGANIZATIONS.pop(org_id, None) is None:
            return 404, hdrs, json.dumps({"error": f"organization {org_id} is not declared"})
        return 200, hdrs, json.dumps({"deleted": org_id})
    if request.method != "POST":
        return 405, hdrs, json.dumps({"error": "use POST, GET or DELETE"})
    try:
        raw = request.data.decode() if isinstance(request.data, bytes) else request.data
        body = json.loads(raw or "{}")
        org = _parse(body if isinstance(body, dict) else {})
    except ValueError as err:
        return 400, hdrs, json.dumps({"error": str(err)})
    ORGANIZATIONS[org.id] = org
    create_access_roles(org)
    return 200, hdrs, json.dumps(org.describe())


_register(moto_api_urls, {"{0}/_emulator/organization": organization_response})

_orig_reset = MotoAPIBackend.reset


def _reset(self: Any) -> None:
    """/moto-api/reset also forgets the declared organizations."""
    ORGANIZATIONS.clear()
    _orig_reset(self)


MotoAPIBackend.reset = _reset
