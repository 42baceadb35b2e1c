"""RAM: resource shares with association, permissions, tags and organization principals."""

from __future__ import annotations

import json
import re
from typing import Any

from moto.core.utils import unix_time, utcnow
from moto.ram import models as ram_models, urls as ram_urls
from moto.ram.exceptions import InvalidParameterException, UnknownResourceException
from moto.ram.responses import ResourceAccessManagerResponse as _RamResp

from ._common import _all_backends, _register


# ===========================================================================
# RAM
# ===========================================================================

_ORG_RE = re.compile(r"^arn:aws:organizations::\d{12}:(organization/o-\w+|ou/o-\w+/ou-[\w-]+)$")
_PRINCIPAL_RE = re.compile(
    r"^(\d{12}|arn:aws(-cn|-us-gov)?:iam::\d{12}:(root|role/.+|user/.+)|[a-z0-9-]+\.amazonaws\.com)$"
)


def _ram_add_principals(self: Any, principals: list[str]) -> None:
    """Validate principals syntactically (moto required the organization to
    exist in moto's Organizations backend of the *sharing* account, so an
    organization ARN such as arn:aws:organizations::111111111111:organization/o-...
    always failed with UnknownResourceException)."""
    for principal in principals:
        if not (_ORG_RE.match(principal) or _PRINCIPAL_RE.match(principal)):
            raise InvalidParameterException(
                f"Principal ID {principal} is malformed. Verify the ID and try again."
            )
    for principal in principals:
        if principal not in self.principals:
            self.principals.append(principal)


ram_models.ResourceShare.add_principals = _ram_add_principals

_orig_add_resources = ram_models.ResourceShare.add_resources


def _ram_add_resources(self: Any, resource_arns: list[str]) -> None:
    _orig_add_resources(self, [a for a in resource_arns if a not in self.resource_arns])


ram_models.ResourceShare.add_resources = _ram_add_resources


def _ram_find_share(backend: Any, arn: str | None) -> Any:
    for share in backend.resource_shares:
        if share.arn == arn and share.status != "DELETED":
            return share
    raise UnknownResourceException(f"ResourceShare {arn} could not be found.")


def _ram_association(share: Any, entity: str, kind: str, status: str) -> dict[str, Any]:
    return {
        "resourceShareArn": share.arn,
        "resourceShareName": share.name,
        "associatedEntity": entity,
        "associationType": kind,
        "status": status,
        "creationTime": unix_time(share.creation_time),
        "lastUpdatedTime": unix_time(utcnow()),
        "external": False,
    }


def associate_resource_share(self: Any) -> str:
    """AWS RAM AssociateResourceShare: add principals and/or resources."""
    share = _ram_find_share(self.ram_backend, self._get_param("resourceShareArn"))
    principals = self._get_param("principals", []) or []
    resources = self._get_param("resourceArns", []) or []
    share.add_principals(principals)
    share.add_resources(resources)
    share.last_updated_time = utcnow()
    out = [_ram_association(share, p, "PRINCIPAL", "ASSOCIATED") for p in principals]
    out += [_ram_association(share, r, "RESOURCE", "ASSOCIATED") for r in resources]
    return json.dumps({"resourceShareAssociations": out})


def disassociate_resource_share(self: Any) -> str:
    """AWS RAM DisassociateResourceShare: remove principals and/or resources."""
    share = _ram_find_share(self.ram_backend, self._get_param("resourceShareArn"))
    principals = self._get_param("principals", []) or []
    resources = self._get_param("resourceArns", []) or []
    for p in principals:
        if p not in share.principals:
            raise UnknownResourceException(f"Principal {p} is not associated with {share.arn}.")
    for r in resources:
        if r not in share.resource_arns:
            raise UnknownResourceException(f"Resource {r} is not associated with {share.arn}.")
    share.principals = [p for p in share.principals if p not in principals]
    share.resource_arns = [r for r in share.resource_arns if r not in resources]
    share.last_updated_time = utcnow()
    out = [_ram_association(share, p, "PRINCIPAL", "DISASSOCIATED") for p in principals]
    out += [_ram_association(share, r, "RESOURCE", "DISASSOCIATED") for r in resources]
    return json.dumps({"resourceShareAssociations": out})


def _ram_resource_type(arn: str) -> str:
    # arn:aws:ec2:us-east-1:222222222222:transit-gateway/tgw-1 -> ec2:TransitGateway
    parts = arn.split(":", 5)
    rtype = re.split(r"[/:]", parts[5])[0]
    return f"{parts[2]}:" + "".join(w.capitalize() for w in rtype.split("-"))


def list_resource_share_permissions(self: Any) -> str:
    """AWS RAM ListResourceSharePermissions: the share's permissions.

    Explicit permissionArns given at CreateResourceShare are returned; otherwise
    the AWS managed default permission of every associated resource type
    (e.g. AWSRAMDefaultPermissionTransitGateway)."""
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
            name = "AWSRAMDefaultPermission" + rtype.split(":", 1)[1]
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
    resourceOwner=OTHER-ACCOUNTS (shares of other accounts naming this one)."""
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
                  if b.account_id != me for s in b.resource_shares
                  if me in s.principals or any(_ORG_RE.match(p) for p in s.principals)]
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
            state = "ASSOCIATED" if share.status != "DELETED" else "DISASSOCIATED"
            if status and status != state:
                continue
            out.append(_ram_association(share, entity, kind, state))
    return json.dumps({"resourceShareAssociations": out})


for _fn in (associate_resource_share, disassociate_resource_share,
            list_resource_share_permissions, get_resource_shares,
            get_resource_share_associations, tag_resource, untag_resource):
    setattr(_RamResp, _fn.__name__, _fn)

_register(ram_urls, {
    "{0}/associateresourceshare$": _RamResp.dispatch,
    "{0}/disassociateresourceshare$": _RamResp.dispatch,
    "{0}/listresourcesharepermissions$": _RamResp.dispatch,
    "{0}/tagresource$": _RamResp.dispatch,
    "{0}/untagresource$": _RamResp.dispatch,
})
