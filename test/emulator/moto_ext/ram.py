"""RAM: resource shares with association, permissions, tags and organization principals; with an
organization declared (organizations.py) AWS's rules: organization sharing, invitations, external principals."""

from __future__ import annotations

import json
import re
from typing import Any, Callable

from moto.core.exceptions import JsonRESTError
from moto.core.utils import unix_time, utcnow
from moto.moto_api._internal import mock_random as random
from moto.ram import models as ram_models, urls as ram_urls
from moto.ram.exceptions import InvalidParameterException, UnknownResourceException
from moto.ram.responses import ResourceAccessManagerResponse as _RamResp

from . import organizations as orgs
from ._common import _all_backends, _register


# ===========================================================================
# RAM
# ===========================================================================

_ORG_RE = re.compile(r"^arn:aws:organizations::\d{12}:(organization/o-\w+|ou/o-\w+/ou-[\w-]+)$")

# ---- resource types --------------------------------------------------------
# (ARN service, ARN resource segment) -> (RAM resource type, AWS managed default
# permission as AWS names it).  Types not listed fall back to
# "<service>:<CamelCaseSegment>" / "AWSRAMDefaultPermission<CamelCaseSegment>".
RESOURCE_TYPES: dict[tuple[str, str], tuple[str, str]] = {
    ("ec2", "transit-gateway"): ("ec2:TransitGateway", "AWSRAMDefaultPermissionTransitGateway"),
    # VPC Lattice resource configuration (PrivateLink for VPC resources)
    ("vpc-lattice", "resourceconfiguration"): (
        "vpc-lattice:ResourceConfiguration", "AWSRAMPermissionVpcLatticeResourceConfiguration"),
    # Route 53 Profiles (arn:aws:route53profiles:<region>:<account>:profile/rp-...)
    ("route53profiles", "profile"): ("route53profiles:Profile", "AWSRAMPermissionRoute53ProfileAllowAssociation"),
}
# moto only accepts ARNs whose resource segment is in SHAREABLE_RESOURCES
for _service, _segment in RESOURCE_TYPES:
    if _segment not in ram_models.ResourceShare.SHAREABLE_RESOURCES:
        ram_models.ResourceShare.SHAREABLE_RESOURCES.append(_segment)

# (service, segment) -> callable(resource_arn, share_account_id, share_region) -> bool.
# Registered by the module that owns the resource type (e.g. vpclattice.py):
# AWS RAM refuses to share a resource that does not exist or is not the
# caller's (UnknownResourceException).
_RESOURCE_VALIDATORS: dict[tuple[str, str], Callable[[str, str, str], bool]] = {}


def _arn_key(arn: str) -> tuple[str, str] | None:
    parts = arn.split(":", 5)
    if len(parts) < 6:
        return None
    return parts[2], re.split(r"[/:]", parts[5])[0]


def register_resource_validator(service: str, segment: str, check: Callable[[str, str, str], bool]) -> None:
    """Let a service module tell RAM whether a resource ARN exists and is owned
    by the sharing account (called as check(arn, share_account_id, share_region))."""
    _RESOURCE_VALIDATORS[(service, segment)] = check


def shared_with(account_id: str, resource_arn: str) -> bool:
    """True if the owner of resource_arn (the account in the ARN) shares it with
    account_id through an ACTIVE RAM share in the ARN's region: naming the
    account (associated at once inside an organization with sharing enabled,
    else once the account accepted the invitation), or an organization / OU
    the account belongs to.  With no organization declared (organizations.py)
    membership is not modelled: an organization / OU principal grants every
    account and account principals are associated at once.  An account's own
    resources are not "shared" with it (False).  Never creates backends."""
    parts = resource_arn.split(":", 5)
    if len(parts) < 6:
        return False
    region, owner = parts[3], parts[4]
    if not owner or owner == account_id:
        return False
    for backend in _all_backends(ram_models.ram_backends, region or None):
        if backend.account_id != owner:
            continue
        for share in backend.resource_shares:
            if share.status == "ACTIVE" and resource_arn in share.resource_arns and grants(share, account_id):
                return True
    return False


_PRINCIPAL_RE = re.compile(
    r"^(\d{12}|arn:aws(-cn|-us-gov)?:iam::\d{12}:(root|role/.+|user/.+)|[a-z0-9-]+\.amazonaws\.com)$"
)


class _RamError(JsonRESTError):
    code = 400

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(error_type, message)


# Wording of the RAM errors.  Where AWS documents none, see the README ("decisions").
_NOT_IN_ORG = ("Principal {p} is not in your AWS organization. You do not have permission to add external AWS "
               "accounts to a resource share.")  # RAM user guide, troubleshooting "sharing outside of my organization"
_ONLY_WITHIN_ORG = ("The resource you are attempting to share can only be shared within your AWS Organization. This "
                    "error may also occur if you have not enabled sharing with your AWS organization, or that "
                    "onboarding process is still in progress.")  # as reported by users of RAM (see README)


def _principal_account(principal: str) -> str | None:
    """The account an account-id / IAM role / IAM user principal stands for."""
    if re.match(r"^\d{12}$", principal):
        return principal
    m = re.match(r"^arn:aws[a-z-]*:iam::(\d{12}):", principal)
    return m.group(1) if m else None


def _org_principal(principal: str) -> tuple[str, str | None] | None:
    """(organization id, OU id or None) of an organization / OU principal ARN."""
    m = re.match(r"^arn:aws:organizations::\d{12}:(?:organization/(o-\w+)|ou/(o-\w+)/(ou-[\w-]+))$", principal)
    if not m:
        return None
    return (m.group(1), None) if m.group(1) else (m.group(2), m.group(3))


def _state(share: Any) -> dict[str, Any]:
    """Per-principal association status, invitations and external flags of a share."""
    if not hasattr(share, "principal_status"):
        share.principal_status = {}
        share.invitations = {}
        share.external = set()
    return share.__dict__


def principal_status(share: Any, principal: str) -> str:
    return _state(share)["principal_status"].get(principal, "ASSOCIATED")


def _decide(share: Any, principal: str) -> tuple[str, bool]:
    """AWS's rules for a new principal of `share` once an organization is declared:
    (association status, external).  Raises what RAM raises."""
    org = orgs.org_of(share.account_id)
    org_principal = _org_principal(principal)
    if org_principal is not None:
        org_id, ou_id = org_principal
        if org is None or org.id != org_id or not org.sharing_enabled():
            # RAM resolves organizations through its Organizations integration: without it (or for
            # another organization) it does not find the organization (see README, decisions)
            raise UnknownResourceException(f"Organization {org_id} could not be found.")
        if ou_id is not None and ou_id not in org.organizational_units:
            raise UnknownResourceException(f"OrganizationalUnit {ou_id} in unknown organization could not be found.")
        return "ASSOCIATED", False
    account = _principal_account(principal)
    if account is None or account == share.account_id:  # service principal, or the owner itself
        return "ASSOCIATED", False
    inside = org is not None and account in org.accounts
    if inside and org.sharing_enabled():
        return "ASSOCIATED", False  # no invitation inside the organization
    if org is not None and not share.allow_external_principals:
        # "false only has meaning if your account is a member of an AWS Organization"
        if org.sharing_enabled():
            raise InvalidParameterException(_NOT_IN_ORG.format(p=principal))
        raise _RamError("OperationNotPermittedException", _ONLY_WITHIN_ORG)
    return "ASSOCIATING", not inside  # an invitation, accepted by the account


class Invitation:
    def __init__(self, share: Any, principal: str, account: str) -> None:
        self.arn = (f"arn:aws:ram:{share.region}:{share.account_id}:resource-share-invitation/"
                    f"{random.uuid4()}")
        self.share = share
        self.principal = principal
        self.receiver = account
        self.status = "PENDING"
        self.timestamp = utcnow()

    def describe(self) -> dict[str, Any]:
        out = {"resourceShareInvitationArn": self.arn, "resourceShareName": self.share.name,
               "resourceShareArn": self.share.arn, "senderAccountId": self.share.account_id,
               "receiverAccountId": self.receiver, "invitationTimestamp": unix_time(self.timestamp),
               "status": self.status}
        if self.principal != self.receiver:
            out["receiverArn"] = self.principal
        return out


def _ram_add_principals(self: Any, principals: list[str]) -> None:
    """Validate principals syntactically (moto required the organization to
    exist in moto's Organizations backend of the *sharing* account, so an
    organization ARN such as arn:aws:organizations::111111111111:organization/o-...
    always failed with UnknownResourceException).  With an organization
    declared (organizations.py) AWS's rules apply, all or nothing: see
    _decide; an account that must accept gets an invitation and stays
    ASSOCIATING until it does."""
    for principal in principals:
        if not (_ORG_RE.match(principal) or _PRINCIPAL_RE.match(principal)):
            raise InvalidParameterException(
                f"Principal ID {principal} is malformed. Verify the ID and try again."
            )
    new = [p for p in dict.fromkeys(principals) if p not in self.principals]
    state = _state(self)
    decisions = {p: _decide(self, p) for p in new} if orgs.declared() else {p: ("ASSOCIATED", False) for p in new}
    for principal in new:
        status, external = decisions[principal]
        self.principals.append(principal)
        state["principal_status"][principal] = status
        if external:
            state["external"].add(principal)
        if status == "ASSOCIATING":
            state["invitations"][principal] = Invitation(self, principal, _principal_account(principal) or principal)


def grants(share: Any, account_id: str) -> bool:
    """Does `share` give `account_id` access to its resources (ASSOCIATED account
    principal, or organization / OU principal the account belongs to)?"""
    for principal in share.principals:
        if principal_status(share, principal) != "ASSOCIATED":
            continue
        if _principal_account(principal) == account_id:
            return True
        org_principal = _org_principal(principal)
        if org_principal is None:
            continue
        if not orgs.declared():
            return True  # membership not modelled: every account
        org = orgs.ORGANIZATIONS.get(org_principal[0])
        if org is None or account_id not in org.accounts or not org.sharing_enabled():
            continue  # (sharing disabled again: organization principals lose access)
        if org_principal[1] is None or account_id in org.organizational_units.get(org_principal[1], set()):
            return True
    return False


ram_models.ResourceShare.add_principals = _ram_add_principals

_orig_add_resources = ram_models.ResourceShare.add_resources


def _ram_add_resources(self: Any, resource_arns: list[str]) -> None:
    """Duplicates ignored; resource types with a registered validator must
    exist and belong to the sharing account (else UnknownResourceException)."""
    new = [a for a in resource_arns if a not in self.resource_arns]
    for arn in new:  # all or nothing, before moto adds any of them
        check = _RESOURCE_VALIDATORS.get(_arn_key(arn) or ("", ""))
        if check is not None and not check(arn, self.account_id, self.region):
            raise UnknownResourceException(f"The resource {arn} could not be found.")
    _orig_add_resources(self, new)


ram_models.ResourceShare.add_resources = _ram_add_resources


def _ram_find_share(backend: Any, arn: str | None) -> Any:
    for share in backend.resource_shares:
        if share.arn == arn and share.status != "DELETED":
            return share
    raise UnknownResourceException(f"ResourceShare {arn} could not be found.")


def _ram_association(share: Any, entity: str, kind: str, status: str | None = None) -> dict[str, Any]:
    if status is None:
        status = principal_status(share, entity) if kind == "PRINCIPAL" else "ASSOCIATED"
    return {
        "resourceShareArn": share.arn,
        "resourceShareName": share.name,
        "associatedEntity": entity,
        "associationType": kind,
        "status": status,
        "creationTime": unix_time(share.creation_time),
        "lastUpdatedTime": unix_time(utcnow()),
        "external": kind == "PRINCIPAL" and entity in _state(share)["external"],
    }


def associate_resource_share(self: Any) -> str:
    """AWS RAM AssociateResourceShare: add principals and/or resources.  A
    principal that has to accept an invitation is returned ASSOCIATING."""
    share = _ram_find_share(self.ram_backend, self._get_param("resourceShareArn"))
    principals = self._get_param("principals", []) or []
    resources = self._get_param("resourceArns", []) or []
    share.add_principals(principals)
    share.add_resources(resources)
    share.last_updated_time = utcnow()
    out = [_ram_association(share, p, "PRINCIPAL") for p in principals]
    out += [_ram_association(share, r, "RESOURCE", "ASSOCIATED") for r in resources]
    return json.dumps({"resourceShareAssociations": out})


def _forget_principal(share: Any, principal: str) -> None:
    share.principals = [p for p in share.principals if p != principal]
    state = _state(share)
    state["principal_status"].pop(principal, None)
    state["external"].discard(principal)
    invitation = state["invitations"].get(principal)
    if invitation is not None and invitation.status == "PENDING":
        del state["invitations"][principal]


def _share_joined_by(account_id: str, arn: str | None) -> Any:
    """Another account's share that `account_id` joined as an account principal (to leave it)."""
    for backend in _all_backends(ram_models.ram_backends):
        for share in backend.resource_shares:
            if share.arn == arn and share.status != "DELETED" and account_id in share.principals:
                return share
    raise UnknownResourceException(f"ResourceShare {arn} could not be found.")


def disassociate_resource_share(self: Any) -> str:
    """AWS RAM DisassociateResourceShare: remove principals and/or resources
    (a pending invitation of a removed principal goes too).  An account that
    joined another account's share may leave it (principals = [itself]; what
    the provider's aws_ram_resource_share_accepter destroy does)."""
    arn = self._get_param("resourceShareArn")
    principals = self._get_param("principals", []) or []
    resources = self._get_param("resourceArns", []) or []
    if any(s.arn == arn for s in self.ram_backend.resource_shares):
        share = _ram_find_share(self.ram_backend, arn)
    else:
        share = _share_joined_by(self.current_account, arn)
        if resources or principals != [self.current_account]:
            raise _RamError("OperationNotPermittedException",
                            "Only the owner of a resource share can change it; a principal can only leave it.")
    for p in principals:
        if p not in share.principals:
            raise UnknownResourceException(f"Principal {p} is not associated with {share.arn}.")
    for r in resources:
        if r not in share.resource_arns:
            raise UnknownResourceException(f"Resource {r} is not associated with {share.arn}.")
    for p in principals:
        _forget_principal(share, p)
    share.resource_arns = [r for r in share.resource_arns if r not in resources]
    share.last_updated_time = utcnow()
    out = [_ram_association(share, p, "PRINCIPAL", "DISASSOCIATED") for p in principals]
    out += [_ram_association(share, r, "RESOURCE", "DISASSOCIATED") for r in resources]
    return json.dumps({"resourceShareAssociations": out})


def resource_type(arn: str) -> str:
    """RAM resource type of an ARN, e.g.
    arn:aws:ec2:us-east-1:222222222222:transit-gateway/tgw-1 -> ec2:TransitGateway,
    arn:aws:vpc-lattice:...:resourceconfiguration/rcfg-1 -> vpc-lattice:ResourceConfiguration."""
    key = _arn_key(arn)
    if key in RESOURCE_TYPES:
        return RESOURCE_TYPES[key][0]
    service, segment = key or ("", "")
    return f"{service}:" + "".join(w.capitalize() for w in segment.split("-"))


def default_permission_name(rtype: str) -> str:
    """AWS managed default permission of a RAM resource type."""
    for known, permission in RESOURCE_TYPES.values():
        if known == rtype:
            return permission
    return "AWSRAMDefaultPermission" + rtype.split(":", 1)[1]


_ram_resource_type = resource_type


def list_resource_share_permissions(self: Any) -> str:
    """AWS RAM ListResourceSharePermissions: the share's permissions.

    Explicit permissionArns given at CreateResourceShare are returned; otherwise
    the AWS managed default permission of every associated resource type
    (AWSRAMDefaultPermissionTransitGateway, AWSRAMPermissionVpcLatticeResourceConfiguration,
    AWSRAMPermissionRoute53ProfileAllowAssociation; see RESOURCE_TYPES)."""
    share = _ram_find_share(self.ram_backend, self._get_param("resourceShareArn"))
    explicit = getattr(share, "permission_arns", [])
    types = sorted({_ram_resource_type(a) for a in share.resource_arns})
    perms = []
    for arn in explicit:
        perms.append({"arn": arn, "name": arn.rsplit("/", 1)[-1], "resourceType": types[0] if types else "",
                      "version": "1", "defaultVersion": True, "status": "ASSOCIATED",
                      "isResourceTypeDefault": False, "permissionType": "AWS_MANAGED",
                      "creationTime": unix_time(share.creation_time),
                      "lastUpdatedTime": unix_time(share.last_updated_time)})
    if not explicit:
        for rtype in types:
            name = default_permission_name(rtype)
            perms.append({"arn": f"arn:aws:ram::aws:permission/{name}", "name": name,
                          "resourceType": rtype, "version": "1", "defaultVersion": True,
                          "status": "ASSOCIATED", "isResourceTypeDefault": True,
                          "permissionType": "AWS_MANAGED",
                          "creationTime": unix_time(share.creation_time),
                          "lastUpdatedTime": unix_time(share.last_updated_time)})
    return json.dumps({"permissions": perms})


_orig_create_share = ram_models.ResourceAccessManagerBackend.create_resource_share


def _ram_create_resource_share(self: Any, **kwargs: Any) -> dict[str, Any]:
    """CreateResourceShare: also remember permissionArns and tags (moto dropped the
    tags, so every re-plan wanted to add them)."""
    result = _orig_create_share(self, **kwargs)
    share = self.resource_shares[-1]
    share.permission_arns = list(kwargs.get("permissionArns") or [])
    share.tags = {t["key"]: t.get("value", "") for t in kwargs.get("tags") or []}
    result["resourceShare"] = _ram_describe(share)
    return result


def _ram_describe(share: Any) -> dict[str, Any]:
    out = _orig_share_describe(share)
    tags = getattr(share, "tags", {})
    if tags:
        out["tags"] = [{"key": k, "value": v} for k, v in tags.items()]
    return out


_orig_share_describe = ram_models.ResourceShare.describe
ram_models.ResourceShare.describe = _ram_describe


def tag_resource(self: Any) -> str:
    """AWS RAM TagResource (of a resource share)."""
    share = _ram_find_share(self.ram_backend, self._get_param("resourceShareArn"))
    share.tags = {**getattr(share, "tags", {}), **{t["key"]: t.get("value", "") for t in self._get_param("tags") or []}}
    return "{}"


def untag_resource(self: Any) -> str:
    """AWS RAM UntagResource (of a resource share)."""
    share = _ram_find_share(self.ram_backend, self._get_param("resourceShareArn"))
    for key in self._get_param("tagKeys") or []:
        getattr(share, "tags", {}).pop(key, None)
    return "{}"


ram_models.ResourceAccessManagerBackend.create_resource_share = _ram_create_resource_share


def get_resource_shares(self: Any) -> str:
    """AWS RAM GetResourceShares, honouring resourceShareArns, name and
    resourceShareStatus filters (moto returned every share) and supporting
    resourceOwner=OTHER-ACCOUNTS (shares of other accounts that give this one
    access: see grants(); a share whose invitation is still pending is not listed)."""
    owner = self._get_param("resourceOwner")
    if owner not in ("SELF", "OTHER-ACCOUNTS"):
        raise InvalidParameterException(f"{owner} is not a valid resource owner.")
    arns = self._get_param("resourceShareArns") or []
    name = self._get_param("name")
    status = self._get_param("resourceShareStatus")
    if owner == "SELF":
        shares = list(self.ram_backend.resource_shares)
    else:
        me = self.current_account
        shares = [s for b in _all_backends(ram_models.ram_backends, self.region)
                  if b.account_id != me for s in b.resource_shares if grants(s, me)]
    out = [s.describe() for s in shares
           if (not arns or s.arn in arns) and (not name or s.name == name)
           and (not status or s.status == status)]
    return json.dumps({"resourceShares": out})


def get_resource_share_associations(self: Any) -> str:
    """AWS RAM GetResourceShareAssociations with a correct associationStatus
    filter (moto relabelled every association with the requested status)."""
    kind = self._get_param("associationType")
    if kind not in ("PRINCIPAL", "RESOURCE"):
        raise InvalidParameterException(f"{kind} is not a valid association type.")
    status = self._get_param("associationStatus")
    arns = self._get_param("resourceShareArns") or []
    resource_arn = self._get_param("resourceArn")
    principal = self._get_param("principal")
    out = []
    for share in self.ram_backend.resource_shares:
        if arns and share.arn not in arns:
            continue
        entities = share.principals if kind == "PRINCIPAL" else share.resource_arns
        wanted = principal if kind == "PRINCIPAL" else resource_arn
        for entity in entities:
            if wanted and entity != wanted:
                continue
            state = "DISASSOCIATED" if share.status == "DELETED" else (
                principal_status(share, entity) if kind == "PRINCIPAL" else "ASSOCIATED")
            if status and status != state:
                continue
            out.append(_ram_association(share, entity, kind, state))
    return json.dumps({"resourceShareAssociations": out})


# ---- invitations, organization sharing ------------------------------------
def _my_invitations(account_id: str, region: str) -> list[Invitation]:
    out = []
    for backend in _all_backends(ram_models.ram_backends, region):
        for share in backend.resource_shares:
            if share.status == "DELETED":
                continue
            out += [i for i in _state(share)["invitations"].values() if i.receiver == account_id]
    return out


def _my_invitation(self: Any, arn: str | None) -> Invitation:
    for invitation in _my_invitations(self.current_account, self.region):
        if invitation.arn == arn:
            return invitation
    raise _RamError("ResourceShareInvitationArnNotFoundException",
                    f"ResourceShareInvitationArn {arn} could not be found.")


def get_resource_share_invitations(self: Any) -> str:
    """AWS RAM GetResourceShareInvitations: the invitations the caller received
    (filters resourceShareInvitationArns, resourceShareArns; an unknown
    invitation ARN -> ResourceShareInvitationArnNotFoundException)."""
    wanted = self._get_param("resourceShareInvitationArns") or []
    shares = self._get_param("resourceShareArns") or []
    mine = _my_invitations(self.current_account, self.region)
    for arn in wanted:
        if all(i.arn != arn for i in mine):
            raise _RamError("ResourceShareInvitationArnNotFoundException",
                            f"ResourceShareInvitationArn {arn} could not be found.")
    out = [i.describe() for i in mine
           if (not wanted or i.arn in wanted) and (not shares or i.share.arn in shares)]
    return json.dumps({"resourceShareInvitations": out})


def _answer_invitation(self: Any, accept: bool) -> str:
    invitation = _my_invitation(self, self._get_param("resourceShareInvitationArn"))
    if invitation.status == "ACCEPTED":
        raise _RamError("ResourceShareInvitationAlreadyAcceptedException",
                        f"The invitation {invitation.arn} has already been accepted.")
    if invitation.status == "REJECTED":
        raise _RamError("ResourceShareInvitationAlreadyRejectedException",
                        f"The invitation {invitation.arn} has already been rejected.")
    share = invitation.share
    if accept:
        invitation.status = "ACCEPTED"
        _state(share)["principal_status"][invitation.principal] = "ASSOCIATED"
    else:
        invitation.status = "REJECTED"
        share.principals = [p for p in share.principals if p != invitation.principal]
        _state(share)["principal_status"].pop(invitation.principal, None)
    return json.dumps({"resourceShareInvitation": invitation.describe(),
                       "clientToken": self._get_param("clientToken")})


def accept_resource_share_invitation(self: Any) -> str:
    """AWS RAM AcceptResourceShareInvitation (the provider's
    aws_ram_resource_share_accepter): the principal becomes ASSOCIATED and the
    share's resources visible to the account."""
    return _answer_invitation(self, True)


def reject_resource_share_invitation(self: Any) -> str:
    """AWS RAM RejectResourceShareInvitation: the principal leaves the share."""
    return _answer_invitation(self, False)


def _resource_dict(share: Any, arn: str) -> dict[str, Any]:
    return {"arn": arn, "type": _ram_resource_type(arn), "resourceShareArn": share.arn, "status": "AVAILABLE",
            "creationTime": unix_time(share.creation_time), "lastUpdatedTime": unix_time(share.last_updated_time),
            "resourceRegionScope": "REGIONAL"}


def list_pending_invitation_resources(self: Any) -> str:
    """AWS RAM ListPendingInvitationResources: what a pending invitation would share."""
    invitation = _my_invitation(self, self._get_param("resourceShareInvitationArn"))
    if invitation.status != "PENDING":
        raise _RamError(f"ResourceShareInvitationAlready{invitation.status.capitalize()}Exception",
                        f"The invitation {invitation.arn} is {invitation.status}.")
    return json.dumps({"resources": [_resource_dict(invitation.share, a) for a in invitation.share.resource_arns]})


def list_resources(self: Any) -> str:
    """AWS RAM ListResources: resourceOwner SELF (resources in the caller's
    shares) or OTHER-ACCOUNTS (resources shared with the caller: read by
    aws_ram_resource_share_accepter); filters resourceShareArns, resourceArns,
    resourceType, principal (SELF)."""
    owner = self._get_param("resourceOwner")
    if owner not in ("SELF", "OTHER-ACCOUNTS"):
        raise InvalidParameterException(f"{owner} is not a valid resource owner.")
    me = self.current_account
    if owner == "SELF":
        shares = [s for s in self.ram_backend.resource_shares if s.status != "DELETED"]
    else:
        shares = [s for b in _all_backends(ram_models.ram_backends, self.region) if b.account_id != me
                  for s in b.resource_shares if s.status == "ACTIVE" and grants(s, me)]
    arns = self._get_param("resourceShareArns") or []
    resource_arns = self._get_param("resourceArns") or []
    rtype = self._get_param("resourceType")
    principal = self._get_param("principal")
    out = []
    for share in shares:
        if (arns and share.arn not in arns) or (principal and principal not in share.principals):
            continue
        for arn in share.resource_arns:
            if (not resource_arns or arn in resource_arns) and (not rtype or _ram_resource_type(arn) == rtype):
                out.append(_resource_dict(share, arn))
    return json.dumps({"resources": out})


_orig_enable_sharing = _RamResp.enable_sharing_with_aws_organization


def enable_sharing_with_aws_organization(self: Any) -> str:
    """AWS RAM EnableSharingWithAwsOrganization (aws_ram_sharing_with_organization).
    With organizations declared (organizations.py): only the management account
    may call it; it enables Organizations trusted access for ram.amazonaws.com and
    creates AWSServiceRoleForResourceAccessManager.  Otherwise moto's behaviour."""
    if not orgs.declared():
        return _orig_enable_sharing(self)
    org = orgs.managed_by(self.current_account)
    if org is None:
        raise _RamError("OperationNotPermittedException",
                        "Unable to enable sharing with AWS Organizations: the operation must be called from the "
                        f"management account of the organization; {self.current_account} is not one.")
    orgs.enable_ram_sharing(org)
    return json.dumps({"returnValue": True})


for _fn in (associate_resource_share, disassociate_resource_share,
            list_resource_share_permissions, get_resource_shares,
            get_resource_share_associations, tag_resource, untag_resource,
            get_resource_share_invitations, accept_resource_share_invitation,
            reject_resource_share_invitation, list_pending_invitation_resources, list_resources,
            enable_sharing_with_aws_organization):
    setattr(_RamResp, _fn.__name__, _fn)

_register(ram_urls, {
    "{0}/associateresourceshare$": _RamResp.dispatch,
    "{0}/disassociateresourceshare$": _RamResp.dispatch,
    "{0}/listresourcesharepermissions$": _RamResp.dispatch,
    "{0}/tagresource$": _RamResp.dispatch,
    "{0}/untagresource$": _RamResp.dispatch,
    "{0}/getresourceshareinvitations$": _RamResp.dispatch,
    "{0}/acceptresourceshareinvitation$": _RamResp.dispatch,
    "{0}/rejectresourceshareinvitation$": _RamResp.dispatch,
    "{0}/listpendinginvitationresources$": _RamResp.dispatch,
    "{0}/listresources$": _RamResp.dispatch,
})
