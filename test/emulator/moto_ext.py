"""moto 5.2.1 extensions for the multi-account PrivateLink blueprint emulator.

Importing this module monkey-patches moto IN PLACE (it must be imported before
the moto server handles its first request).  Every added or fixed AWS API has
its own function below, with a comment naming the AWS operation.  All state is
kept on moto's own backend objects, so later Get/List/Describe calls return
what was created and deletes remove it.  See README.md for the list of gaps.

Sections:
  * RAM       - AssociateResourceShare, DisassociateResourceShare,
                ListResourceSharePermissions, fixed GetResourceShares /
                GetResourceShareAssociations filters, organization principals.
  * Route 53  - private zones created with a VPC, VPC association
                authorizations, cross-account VPC (dis)association.
  * EC2       - VPC endpoint connections (accept/reject/describe), connection
                notifications, service permissions with ServicePermissionId,
                cross-account / cross-region interface endpoints, a table of
                AWS interface endpoint services, cross-account TGW attachments
                and routes.
  * ELBv2     - TLS listeners with an ACM certificate ARN unknown to moto.
"""

from __future__ import annotations

import copy
import contextlib
import hashlib
import json
import re
import string
from typing import Any, Iterator

from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult
from moto.core.utils import unix_time, utcnow
from moto.moto_api._internal import mock_random as random

# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------


def _hex(n: int) -> str:
    return "".join(random.choice(string.hexdigits.lower()[:16]) for _ in range(n))


def _all_backends(backend_dict: Any, region: str | None = None) -> Iterator[Any]:
    """Yield existing backends of every account (optionally only one region).

    moto keeps one backend per account+region; cross-account features need to
    look at the other accounts' backends.  Never creates new backends.
    """
    for account_id in list(backend_dict.keys()):
        per_account = backend_dict[account_id]
        for reg in list(dict.keys(per_account)):
            if region is None or reg == region:
                yield dict.__getitem__(per_account, reg)


def _register(urls_module: Any, paths: dict[str, Any]) -> None:
    urls_module.url_paths.update(paths)


# ===========================================================================
# RAM
# ===========================================================================
from moto.ram import models as ram_models  # noqa: E402
from moto.ram import urls as ram_urls  # noqa: E402
from moto.ram.exceptions import (  # noqa: E402
    InvalidParameterException,
    UnknownResourceException,
)
from moto.ram.responses import ResourceAccessManagerResponse as _RamResp  # noqa: E402

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


# ===========================================================================
# Route 53
# ===========================================================================
from moto.route53 import models as r53_models  # noqa: E402
from moto.route53 import urls as r53_urls  # noqa: E402
from moto.route53.exceptions import LastVPCAssociation, NoSuchHostedZone, Route53ClientError  # noqa: E402
from moto.route53.responses import Route53 as _R53Resp  # noqa: E402


class _R53Error(Route53ClientError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message)


# moto's error serializer derives the service from the exception's module
# name ("moto.<service>...."); this module's name also starts with "moto".
_R53Error.__module__ = "moto.route53.exceptions"


_orig_create_hosted_zone = _R53Resp.create_hosted_zone


def create_hosted_zone(self: Any) -> ActionResult:
    """Route 53 CreateHostedZone: a zone created with a VPC is PRIVATE (AWS
    infers it; the Terraform provider never sends HostedZoneConfig.PrivateZone).
    moto stored it as a public zone, so AssociateVPCWithHostedZone later failed
    with PublicZoneVPCAssociation."""
    if self._get_param("VPC.VPCId"):
        cfg = self.params.setdefault("HostedZoneConfig", {})
        cfg["PrivateZone"] = True
    return _orig_create_hosted_zone(self)


def _zone_owner_backend(zone_id: str) -> Any:
    """Find the account backend (any account) that owns a hosted zone."""
    zid = zone_id.replace("/hostedzone/", "")
    for backend in _all_backends(r53_models.route53_backends):
        if zid in backend.zones:
            return backend
    raise NoSuchHostedZone(zone_id)


def _auths(zone: Any) -> list[dict[str, str]]:
    if not hasattr(zone, "vpc_association_authorizations"):
        zone.vpc_association_authorizations = []
    return zone.vpc_association_authorizations


def create_vpc_association_authorization(self: Any) -> ActionResult:
    """Route 53 CreateVPCAssociationAuthorization (zone owner authorizes a VPC
    of another account to be associated with its private zone)."""
    zone = self.backend.get_hosted_zone(self._get_param("HostedZoneId"))
    vpc = {"VPCId": self._get_param("VPC.VPCId"), "VPCRegion": self._get_param("VPC.VPCRegion")}
    if not zone.private_zone:
        raise _R53Error("InvalidInput", "The hosted zone is a public hosted zone.")
    if not any(a["VPCId"] == vpc["VPCId"] for a in _auths(zone)):
        _auths(zone).append(vpc)
    return ActionResult({"HostedZoneId": zone.resource_id, "VPC": vpc})


def delete_vpc_association_authorization(self: Any) -> ActionResult:
    """Route 53 DeleteVPCAssociationAuthorization."""
    zone = self.backend.get_hosted_zone(self._get_param("HostedZoneId"))
    vpc_id = self._get_param("VPC.VPCId")
    if not any(a["VPCId"] == vpc_id for a in _auths(zone)):
        raise _R53Error("VPCAssociationAuthorizationNotFound",
                        f"The VPC: {vpc_id} has not authorized to associate with your hosted zone.")
    zone.vpc_association_authorizations = [a for a in _auths(zone) if a["VPCId"] != vpc_id]
    return ActionResult({})


def list_vpc_association_authorizations(self: Any) -> ActionResult:
    """Route 53 ListVPCAssociationAuthorizations."""
    zone = self.backend.get_hosted_zone(self._get_param("HostedZoneId"))
    return ActionResult({"HostedZoneId": zone.resource_id, "VPCs": list(_auths(zone))})


def _r53_associate(self: Any, zone_id: str, vpcid: str, vpcregion: str) -> Any:
    """AssociateVPCWithHostedZone, also for a zone owned by ANOTHER account
    (allowed only if that account authorized the VPC, as in AWS)."""
    zid = zone_id.replace("/hostedzone/", "")
    if zid in self.zones:
        return _orig_associate(self, zone_id, vpcid, vpcregion)
    owner = _zone_owner_backend(zone_id)
    zone = owner.zones[zid]
    if not any(a["VPCId"] == vpcid for a in _auths(zone)):
        raise _R53Error("NotAuthorizedException",
                        f"The VPC '{vpcid}' is not authorized to associate with hosted zone {zid}.")
    if any(v.get("vpc_id") == vpcid for v in zone.vpcs):
        raise _R53Error("ConflictingDomainExists", f"The VPC {vpcid} is already associated.")
    return _orig_associate(owner, zone_id, vpcid, vpcregion)


def _r53_disassociate(self: Any, zone_id: str, vpcid: str) -> Any:
    """DisassociateVPCFromHostedZone, also by the VPC owner for a zone of
    another account."""
    zid = zone_id.replace("/hostedzone/", "")
    owner = self if zid in self.zones else _zone_owner_backend(zone_id)
    zone = owner.zones[zid]
    if not any(v.get("vpc_id") == vpcid for v in zone.vpcs):
        raise _R53Error("VPCAssociationNotFound",
                        f"The specified VPC {vpcid} is not associated with the hosted zone {zid}")
    if len(zone.vpcs) <= 1:
        raise LastVPCAssociation()
    zone.delete_vpc(vpcid)
    return zone


def _r53_list_by_vpc(self: Any, vpc_id: str) -> list[dict[str, Any]]:
    """ListHostedZonesByVPC: include private zones of OTHER accounts the VPC is
    associated with (AWS returns them with Owner.OwningAccount)."""
    out = []
    for backend in _all_backends(r53_models.route53_backends):
        for zone in backend.zones.values():
            if zone.private_zone and any(v.get("vpc_id") == vpc_id for v in zone.vpcs):
                out.append({"HostedZoneId": zone.resource_id, "Name": zone.name,
                            "Owner": {"OwningAccount": backend.account_id}})
    return out


_orig_associate = r53_models.Route53Backend.associate_vpc_with_hosted_zone
r53_models.Route53Backend.associate_vpc_with_hosted_zone = _r53_associate
r53_models.Route53Backend.disassociate_vpc_from_hosted_zone = _r53_disassociate
r53_models.Route53Backend.list_hosted_zones_by_vpc = _r53_list_by_vpc

for _fn in (create_hosted_zone, create_vpc_association_authorization,
            delete_vpc_association_authorization, list_vpc_association_authorizations):
    setattr(_R53Resp, _fn.__name__, _fn)

_register(r53_urls, {
    r"{0}/(?P<api_version>[\d_-]+)/hostedzone/(?P<zone_id>[^/]+)/authorizevpcassociation/?$": _R53Resp.dispatch,
    r"{0}/(?P<api_version>[\d_-]+)/hostedzone/(?P<zone_id>[^/]+)/deauthorizevpcassociation/?$": _R53Resp.dispatch,
})


# ===========================================================================
# EC2
# ===========================================================================
from moto.ec2 import models as ec2_models  # noqa: E402
from moto.ec2.exceptions import EC2ClientError, InvalidServiceName  # noqa: E402
from moto.ec2.models import ec2_backends  # noqa: E402
from moto.ec2.models.transit_gateway_attachments import (  # noqa: E402
    TransitGatewayAttachment,
    TransitGatewayAttachmentBackend,
)
from moto.ec2.models.vpc_service_configuration import (  # noqa: E402
    VPCServiceConfiguration,
    VPCServiceConfigurationBackend,
)
from moto.ec2.models.vpcs import VPCBackend, VPCEndPoint  # noqa: E402
from moto.ec2.responses import EC2Response  # noqa: E402


class _Ec2Error(EC2ClientError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message)


_Ec2Error.__module__ = "moto.ec2.exceptions"  # see _R53Error


# ---- AWS interface endpoint services --------------------------------------
# service suffix -> (PrivateDnsName template, BaseEndpointDnsName template)
AWS_INTERFACE_SERVICES: dict[str, tuple[str, str]] = {
    "sts": ("sts.{r}.amazonaws.com", "sts.{r}.vpce.amazonaws.com"),
    "ssm": ("ssm.{r}.amazonaws.com", "ssm.{r}.vpce.amazonaws.com"),
    "ssmmessages": ("ssmmessages.{r}.amazonaws.com", "ssmmessages.{r}.vpce.amazonaws.com"),
    "ec2messages": ("ec2messages.{r}.amazonaws.com", "ec2messages.{r}.vpce.amazonaws.com"),
    "ec2": ("ec2.{r}.amazonaws.com", "ec2.{r}.vpce.amazonaws.com"),
    "logs": ("logs.{r}.amazonaws.com", "logs.{r}.vpce.amazonaws.com"),
    "kms": ("kms.{r}.amazonaws.com", "kms.{r}.vpce.amazonaws.com"),
    "secretsmanager": ("secretsmanager.{r}.amazonaws.com", "secretsmanager.{r}.vpce.amazonaws.com"),
    "monitoring": ("monitoring.{r}.amazonaws.com", "monitoring.{r}.vpce.amazonaws.com"),
    "sqs": ("sqs.{r}.amazonaws.com", "sqs.{r}.vpce.amazonaws.com"),
    "sns": ("sns.{r}.amazonaws.com", "sns.{r}.vpce.amazonaws.com"),
    "ecr.api": ("api.ecr.{r}.amazonaws.com", "api.ecr.{r}.vpce.amazonaws.com"),
    "ecr.dkr": ("*.dkr.ecr.{r}.amazonaws.com", "dkr.ecr.{r}.vpce.amazonaws.com"),
    "s3": ("*.s3.{r}.amazonaws.com", "s3.{r}.vpce.amazonaws.com"),
    "dynamodb": ("*.ddb.{r}.amazonaws.com", "dynamodb.{r}.vpce.amazonaws.com"),
    "kinesis-streams": ("kinesis.{r}.amazonaws.com", "kinesis.{r}.vpce.amazonaws.com"),
    "execute-api": ("*.execute-api.{r}.amazonaws.com", "execute-api.{r}.vpce.amazonaws.com"),
    "lambda": ("lambda.{r}.amazonaws.com", "lambda.{r}.vpce.amazonaws.com"),
    "elasticloadbalancing": ("elasticloadbalancing.{r}.amazonaws.com", "elasticloadbalancing.{r}.vpce.amazonaws.com"),
    "events": ("events.{r}.amazonaws.com", "events.{r}.vpce.amazonaws.com"),
    "states": ("states.{r}.amazonaws.com", "states.{r}.vpce.amazonaws.com"),
}

# Hosted zone id of the regional *.vpce.amazonaws.com names (what an alias
# record to an interface endpoint's DnsEntries uses).  Unknown regions get a
# stable pseudo id.
VPCE_HOSTED_ZONE_IDS = {
    "us-east-1": "Z7HUB22UULQXV",
    "us-east-2": "ZC8PG0KIFKBRI",
    "us-west-1": "Z12I86A8N7VCZO",
    "us-west-2": "Z1YSA3EXCYUU9Z",
    "eu-west-1": "Z38GZ743OKFT7T",
    "eu-west-2": "ZEZYBHTVZ7UXX",
    "eu-central-1": "Z273ZU8SZ5RJPC",
}


def _vpce_zone_id(region: str) -> str:
    return VPCE_HOSTED_ZONE_IDS.get(
        region, "Z" + hashlib.sha1(region.encode()).hexdigest()[:12].upper())


def _stable_svc_id(name: str) -> str:
    return "vpce-svc-" + hashlib.sha1(name.encode()).hexdigest()[:17]


def _aws_service_entry(region: str, zones: list[str], svc: str) -> dict[str, Any]:
    private_dns, base = AWS_INTERFACE_SERVICES[svc]
    name = f"com.amazonaws.{region}.{svc}"
    private_dns = private_dns.format(r=region)
    return {
        "AcceptanceRequired": False,
        "AvailabilityZones": zones,
        "BaseEndpointDnsNames": [base.format(r=region)],
        "ManagesVpcEndpoints": False,
        "Owner": "amazon",
        "PrivateDnsName": private_dns,
        "PrivateDnsNameVerificationState": "verified",
        "PrivateDnsNames": [{"PrivateDnsName": private_dns}],
        "ServiceId": _stable_svc_id(name),
        "ServiceName": name,
        "ServiceType": [{"ServiceType": "Interface"}],
        "SupportedIpAddressTypes": ["ipv4"],
        "ServiceRegion": region,
        "Tags": [],
        "VpcEndpointPolicySupported": True,
    }


_orig_collect = VPCBackend._collect_default_endpoint_services
_patched_regions: set[str] = set()


def _collect_default_endpoint_services(account_id: str, region: str) -> list[dict[str, Any]]:
    """DescribeVpcEndpointServices (AWS services): replace moto's entries for
    the services in AWS_INTERFACE_SERVICES by realistic Interface entries
    (moto had e.g. no sts, a Gateway-only s3/dynamodb, and PrivateDnsNames like
    'ecr.dkr.us-east-1.amazonaws.com')."""
    services = _orig_collect(account_id, region)
    if region not in _patched_regions:
        zones = sorted({s for e in services for s in e.get("AvailabilityZones", [])}) or [
            f"{region}{z}" for z in "abc"]
        ours = {f"com.amazonaws.{region}.{svc}" for svc in AWS_INTERFACE_SERVICES}
        services[:] = [s for s in services if s["ServiceName"] not in ours]
        services.extend(_aws_service_entry(region, zones, svc) for svc in AWS_INTERFACE_SERVICES)
        _patched_regions.add(region)
    return services


VPCBackend._collect_default_endpoint_services = staticmethod(_collect_default_endpoint_services)


# ---- endpoint services of other accounts ----------------------------------
def _find_endpoint_service(service_name: str) -> VPCServiceConfiguration | None:
    """Locate a customer endpoint service (any account) by its service name."""
    m = re.match(r"^com\.amazonaws\.vpce\.([a-z0-9-]+)\.(vpce-svc-[0-9a-f]+)$", service_name or "")
    if not m:
        return None
    for backend in _all_backends(ec2_backends, m.group(1)):
        if m.group(2) in backend.configurations:
            return backend.configurations[m.group(2)]
    return None


def _principal_allowed(config: VPCServiceConfiguration, account_id: str) -> bool:
    if config.ec2_backend.account_id == account_id:
        return True
    for p in config.principals:
        if p == "*" or p.startswith(f"arn:aws:iam::{account_id}:"):
            return True
    return False


_orig_to_dict = VPCServiceConfiguration.to_dict


def _config_to_dict(self: Any) -> dict[str, Any]:
    d = _orig_to_dict(self)
    d["ServiceRegion"] = self.ec2_backend.region_name
    return d


VPCServiceConfiguration.to_dict = _config_to_dict
VPCServiceConfiguration.service_region = property(lambda self: self.ec2_backend.region_name)

_orig_describe_services = VPCBackend.describe_vpc_endpoint_services


def _describe_vpc_endpoint_services(self: Any, service_names: list[str], filters: Any,
                                    max_results: int, next_token: str | None,
                                    region: str) -> dict[str, Any]:
    """DescribeVpcEndpointServices: also list endpoint services of OTHER
    accounts that allow this account (same region, or cross-region when the
    caller's region is in the service's SupportedRegions)."""
    foreign = []
    for backend in _all_backends(ec2_backends):
        if backend is self:
            continue
        for cfg in backend.configurations.values():
            same = backend.region_name == region
            if (same or region in cfg._supported_region_names) and _principal_allowed(cfg, self.account_id):
                foreign.append(cfg)
    if not foreign:
        return _orig_describe_services(self, service_names, filters, max_results, next_token, region)
    saved = self.configurations
    self.configurations = dict(saved)
    self.configurations.update({c.id: c for c in foreign})
    try:
        return _orig_describe_services(self, service_names, filters, max_results, next_token, region)
    finally:
        self.configurations = saved


VPCBackend.describe_vpc_endpoint_services = _describe_vpc_endpoint_services


# ---- CreateVpcEndpoint ----------------------------------------------------
_orig_create_vpc_endpoint = VPCBackend.create_vpc_endpoint


def _create_vpc_endpoint(self: Any, *args: Any, service_region: str | None = None, **kwargs: Any) -> VPCEndPoint:
    """CreateVpcEndpoint: resolve customer endpoint services owned by other
    accounts / regions (ServiceRegion), start in pendingAcceptance when the
    service requires acceptance, store ServiceRegion and realistic DnsEntries."""
    service_name = kwargs.get("service_name")
    region = self.region_name
    config = _find_endpoint_service(service_name)
    if config is not None:
        svc_region = config.ec2_backend.region_name
        if svc_region != region:
            if service_region != svc_region or region not in config._supported_region_names:
                raise InvalidServiceName(service_name)
        if not _principal_allowed(config, self.account_id):
            raise InvalidServiceName(service_name)
    elif service_region and service_region != region:
        raise InvalidServiceName(service_name)
    endpoint = _orig_create_vpc_endpoint(self, *args, **kwargs)
    endpoint.service_region = service_region or region
    endpoint.ip_address_type = "ipv4"
    endpoint.requester_managed = False
    endpoint.connection_id = f"vpce-con-{_hex(17)}"
    if (endpoint.vpc_endpoint_type or "").lower() == "interface":
        if config is not None:
            base = f"{config.id}.{config.ec2_backend.region_name}.vpce.amazonaws.com"
            if config.acceptance_required and config.ec2_backend.account_id != self.account_id:
                endpoint.state = "pendingAcceptance"
        else:
            svc = (service_name or "").split(".", 3)[-1]
            tmpl = AWS_INTERFACE_SERVICES.get(svc, ("", f"{svc}.{{r}}.vpce.amazonaws.com"))[1]
            base = tmpl.format(r=region)
        suffix = _hex(8)
        zone = _vpce_zone_id(region)
        entries = [{"DnsName": f"{endpoint.id}-{suffix}.{base}", "HostedZoneId": zone}]
        for sid in endpoint.subnet_ids or []:
            az = self.get_subnet(sid).availability_zone
            entries.append({"DnsName": f"{endpoint.id}-{suffix}-{az}.{base}", "HostedZoneId": zone})
        endpoint.dns_entries = entries
    return endpoint


VPCBackend.create_vpc_endpoint = _create_vpc_endpoint


def create_vpc_endpoint(self: Any) -> ActionResult:
    """EC2 CreateVpcEndpoint response, passing the ServiceRegion parameter."""
    from moto.ec2.responses._base_response import EC2BaseResponse  # noqa: F401
    from moto.ec2.utils import add_tag_specification

    endpoint = self.ec2_backend.create_vpc_endpoint(
        vpc_id=self._get_param("VpcId"),
        service_name=self._get_param("ServiceName"),
        endpoint_type=self._get_param("VpcEndpointType"),
        policy_document=self._get_param("PolicyDocument"),
        route_table_ids=self._get_param("RouteTableIds", []),
        subnet_ids=self._get_param("SubnetIds", []),
        client_token=self._get_param("ClientToken"),
        security_group_ids=self._get_param("SecurityGroupIds", []),
        tags=add_tag_specification(self._get_param("TagSpecifications", [])),
        private_dns_enabled=self._get_bool_param("PrivateDnsEnabled", if_none=True),
        service_region=self._get_param("ServiceRegion"),
    )
    return ActionResult({"VpcEndpoint": endpoint})


# ---- endpoint connections (provider side) --------------------------------
def _connections(backend: Any) -> list[tuple[VPCServiceConfiguration, VPCEndPoint]]:
    """All (service, endpoint) pairs for services owned by `backend`, with the
    consumer endpoints found in any account / region."""
    by_name = {c.service_name: c for c in backend.configurations.values()}
    out = []
    for other in _all_backends(ec2_backends):
        for ep in other.vpc_end_points.values():
            if ep.service_name in by_name and ep.state != "deleted":
                out.append((by_name[ep.service_name], ep))
    return out


def _connection_dict(cfg: VPCServiceConfiguration, ep: VPCEndPoint) -> dict[str, Any]:
    return {
        "ServiceId": cfg.id,
        "VpcEndpointId": ep.id,
        "VpcEndpointOwner": ep.ec2_backend.account_id,
        "VpcEndpointState": ep.state,
        "CreationTimestamp": ep.creation_timestamp,
        "DnsEntries": ep.dns_entries,
        "NetworkLoadBalancerArns": list(cfg.network_load_balancer_arns),
        "GatewayLoadBalancerArns": list(cfg.gateway_load_balancer_arns),
        "IpAddressType": "ipv4",
        "VpcEndpointConnectionId": getattr(ep, "connection_id", ep.id),
        "VpcEndpointRegion": ep.ec2_backend.region_name,
        "Tags": [],
    }


def _filters(self: Any) -> dict[str, list[str]]:
    return {f["Name"]: f.get("Values", []) for f in self._get_param("Filters", []) or []}


def describe_vpc_endpoint_connections(self: Any) -> ActionResult:
    """EC2 DescribeVpcEndpointConnections: consumer endpoints (any account or
    region) connected to this account's endpoint services."""
    flt = _filters(self)
    keys = {"service-id": "ServiceId", "vpc-endpoint-id": "VpcEndpointId",
            "vpc-endpoint-owner": "VpcEndpointOwner", "vpc-endpoint-state": "VpcEndpointState",
            "vpc-endpoint-region": "VpcEndpointRegion"}
    out = []
    for cfg, ep in _connections(self.ec2_backend):
        d = _connection_dict(cfg, ep)
        if all(d.get(keys.get(k, ""), None) in v for k, v in flt.items() if k in keys):
            out.append(d)
    return ActionResult({"VpcEndpointConnections": out})


def _set_connection_state(self: Any, new_state: str) -> ActionResult:
    service_id = self._get_param("ServiceId")
    if service_id not in self.ec2_backend.configurations:
        raise _Ec2Error("InvalidVpcEndpointServiceId.NotFound",
                        f"The VpcEndpointService Id '{service_id}' does not exist")
    conns = {ep.id: ep for cfg, ep in _connections(self.ec2_backend) if cfg.id == service_id}
    unsuccessful = []
    for ep_id in self._get_param("VpcEndpointIds", []) or []:
        ep = conns.get(ep_id)
        if ep is None:
            unsuccessful.append({"ResourceId": ep_id, "Error": {
                "Code": "InvalidVpcEndpoint.NotFound",
                "Message": f"The VPC endpoint '{ep_id}' does not exist or is not connected to {service_id}"}})
            continue
        ep.state = new_state
    return ActionResult({"Unsuccessful": unsuccessful})


def accept_vpc_endpoint_connections(self: Any) -> ActionResult:
    """EC2 AcceptVpcEndpointConnections: consumer endpoint becomes available."""
    return _set_connection_state(self, "available")


def reject_vpc_endpoint_connections(self: Any) -> ActionResult:
    """EC2 RejectVpcEndpointConnections: consumer endpoint becomes rejected."""
    return _set_connection_state(self, "rejected")


# ---- endpoint service permissions ---------------------------------------
def _perm_ids(cfg: VPCServiceConfiguration) -> dict[str, str]:
    if not hasattr(cfg, "permission_ids"):
        cfg.permission_ids = {}
    for p in cfg.principals:
        cfg.permission_ids.setdefault(p, f"vpce-svc-perm-{_hex(17)}")
    return cfg.permission_ids


def _principal_type(p: str) -> str:
    if p == "*":
        return "All"
    m = re.match(r"^arn:aws[a-z-]*:iam::\d{12}:(\w+)", p)
    return {"root": "Account", "role": "Role", "user": "User"}.get(m.group(1), "Service") if m else "Account"


def _permission_dict(cfg: VPCServiceConfiguration, p: str) -> dict[str, Any]:
    return {"PrincipalType": _principal_type(p), "Principal": p,
            "ServicePermissionId": _perm_ids(cfg)[p], "ServiceId": cfg.id, "Tags": []}


def modify_vpc_endpoint_service_permissions(self: Any) -> ActionResult:
    """EC2 ModifyVpcEndpointServicePermissions returning AddedPrincipals with a
    ServicePermissionId (the Terraform provider uses it as the resource id of
    aws_vpc_endpoint_service_allowed_principal; moto returned none)."""
    service_id = self._get_param("ServiceId")
    add = self._get_param("AddAllowedPrincipals", []) or []
    remove = self._get_param("RemoveAllowedPrincipals", []) or []
    self.ec2_backend.modify_vpc_endpoint_service_permissions(service_id, add, remove)
    cfg = self.ec2_backend.configurations[service_id]
    for p in remove:
        _perm_ids(cfg).pop(p, None)
    added = [_permission_dict(cfg, p) for p in add]
    return ActionResult({"AddedPrincipals": added, "ReturnValue": True})


def describe_vpc_endpoint_service_permissions(self: Any) -> ActionResult:
    """EC2 DescribeVpcEndpointServicePermissions with PrincipalType,
    ServicePermissionId and the principal / principal-type filters."""
    service_id = self._get_param("ServiceId")
    principals = self.ec2_backend.describe_vpc_endpoint_service_permissions(service_id)
    cfg = self.ec2_backend.configurations[service_id]
    flt = _filters(self)
    out = [_permission_dict(cfg, p) for p in sorted(principals)]
    if "principal" in flt:
        out = [d for d in out if d["Principal"] in flt["principal"]]
    if "principal-type" in flt:
        out = [d for d in out if d["PrincipalType"] in flt["principal-type"]]
    return ActionResult({"AllowedPrincipals": out})


# ---- connection notifications -------------------------------------------
def _notifications(backend: Any) -> dict[str, dict[str, Any]]:
    if not hasattr(backend, "connection_notifications"):
        backend.connection_notifications = {}
    return backend.connection_notifications


def _get_notification(self: Any, nid: str) -> dict[str, Any]:
    n = _notifications(self.ec2_backend).get(nid)
    if n is None:
        raise _Ec2Error("InvalidConnectionNotification",
                        f"The connection notification '{nid}' does not exist")
    return n


def create_vpc_endpoint_connection_notification(self: Any) -> ActionResult:
    """EC2 CreateVpcEndpointConnectionNotification (SNS topic for a service
    or an endpoint)."""
    service_id = self._get_param("ServiceId")
    endpoint_id = self._get_param("VpcEndpointId")
    if service_id and service_id not in self.ec2_backend.configurations:
        raise _Ec2Error("InvalidVpcEndpointServiceId.NotFound",
                        f"The VpcEndpointService Id '{service_id}' does not exist")
    if endpoint_id:
        self.ec2_backend.get_vpc_end_point(endpoint_id)
    n = {
        "ConnectionNotificationId": f"vpce-nfn-{_hex(17)}",
        "ServiceId": service_id,
        "VpcEndpointId": endpoint_id,
        "ConnectionNotificationType": "Topic",
        "ConnectionNotificationArn": self._get_param("ConnectionNotificationArn"),
        "ConnectionEvents": list(self._get_param("ConnectionEvents", []) or []),
        "ConnectionNotificationState": "Enabled",
        "ServiceRegion": self.region,
    }
    _notifications(self.ec2_backend)[n["ConnectionNotificationId"]] = n
    return ActionResult({"ConnectionNotification": n, "ClientToken": self._get_param("ClientToken")})


def describe_vpc_endpoint_connection_notifications(self: Any) -> ActionResult:
    """EC2 DescribeVpcEndpointConnectionNotifications (by id and/or filters
    connection-notification-arn, connection-notification-id, service-id,
    vpc-endpoint-id, connection-notification-state)."""
    nid = self._get_param("ConnectionNotificationId")
    items = [_get_notification(self, nid)] if nid else list(_notifications(self.ec2_backend).values())
    keys = {"connection-notification-arn": "ConnectionNotificationArn",
            "connection-notification-id": "ConnectionNotificationId",
            "connection-notification-state": "ConnectionNotificationState",
            "connection-notification-type": "ConnectionNotificationType",
            "service-id": "ServiceId", "vpc-endpoint-id": "VpcEndpointId"}
    for name, values in _filters(self).items():
        if name in keys:
            items = [n for n in items if n.get(keys[name]) in values]
    return ActionResult({"ConnectionNotificationSet": items})


def modify_vpc_endpoint_connection_notification(self: Any) -> ActionResult:
    """EC2 ModifyVpcEndpointConnectionNotification (topic ARN / events)."""
    n = _get_notification(self, self._get_param("ConnectionNotificationId"))
    if self._get_param("ConnectionNotificationArn"):
        n["ConnectionNotificationArn"] = self._get_param("ConnectionNotificationArn")
    if self._get_param("ConnectionEvents"):
        n["ConnectionEvents"] = list(self._get_param("ConnectionEvents"))
    return ActionResult({"ReturnValue": True})


def delete_vpc_endpoint_connection_notifications(self: Any) -> ActionResult:
    """EC2 DeleteVpcEndpointConnectionNotifications."""
    store = _notifications(self.ec2_backend)
    unsuccessful = []
    for nid in self._get_param("ConnectionNotificationIds", []) or []:
        if store.pop(nid, None) is None:
            unsuccessful.append({"ResourceId": nid, "Error": {
                "Code": "InvalidConnectionNotification",
                "Message": f"The connection notification '{nid}' does not exist"}})
    return ActionResult({"Unsuccessful": unsuccessful})


_orig_delete_services = VPCServiceConfigurationBackend.delete_vpc_endpoint_service_configurations


def _delete_vpc_endpoint_service_configurations(self: Any, service_ids: list[str]) -> list[str]:
    """DeleteVpcEndpointServiceConfigurations: AWS refuses while connections
    are active; also drops the service's connection notifications."""
    for sid in service_ids:
        busy = [ep.id for cfg, ep in _connections(self) if cfg.id == sid
                and ep.state in ("available", "pendingAcceptance")]
        if busy:
            raise _Ec2Error("ExistingVpcEndpointConnections",
                            f"Service {sid} has existing active VPC Endpoint connections: {busy}")
        for nid, n in list(_notifications(self).items()):
            if n.get("ServiceId") == sid:
                del _notifications(self)[nid]
    return _orig_delete_services(self, service_ids)


VPCServiceConfigurationBackend.delete_vpc_endpoint_service_configurations = (
    _delete_vpc_endpoint_service_configurations)

for _fn in (create_vpc_endpoint, describe_vpc_endpoint_connections,
            accept_vpc_endpoint_connections, reject_vpc_endpoint_connections,
            modify_vpc_endpoint_service_permissions, describe_vpc_endpoint_service_permissions,
            create_vpc_endpoint_connection_notification,
            describe_vpc_endpoint_connection_notifications,
            modify_vpc_endpoint_connection_notification,
            delete_vpc_endpoint_connection_notifications):
    setattr(EC2Response, _fn.__name__, _fn)


# ---- transit gateways shared across accounts (RAM) ------------------------
def _tgw_shared_with(tgw: Any, owner_account: str, account_id: str, region: str) -> bool:
    """True if the owner shared the TGW with account_id through RAM (directly
    or with an organization / OU principal - moto does not model membership)."""
    arn = f"arn:aws:ec2:{region}:{owner_account}:transit-gateway/{tgw.id}"
    for share in ram_models.ram_backends[owner_account][region].resource_shares:
        if share.status == "ACTIVE" and arn in share.resource_arns:
            if account_id in share.principals or any(_ORG_RE.match(p) for p in share.principals):
                return True
    return False


def _foreign_tgw(backend: Any, tgw_id: str | None) -> Any:
    if not tgw_id or tgw_id in backend.transit_gateways:
        return None
    for other in _all_backends(ec2_backends, backend.region_name):
        if other is not backend and tgw_id in other.transit_gateways:
            tgw = other.transit_gateways[tgw_id]
            if _tgw_shared_with(tgw, other.account_id, backend.account_id, backend.region_name):
                return other
    return None


@contextlib.contextmanager
def _borrow_tgw(backend: Any, tgw_id: str | None) -> Iterator[Any]:
    """Temporarily make another account's shared TGW visible to `backend`."""
    owner = _foreign_tgw(backend, tgw_id)
    if owner is None:
        yield None
        return
    backend.transit_gateways[tgw_id] = owner.transit_gateways[tgw_id]
    try:
        yield owner
    finally:
        backend.transit_gateways.pop(tgw_id, None)


_orig_create_tgw_vpc_att = TransitGatewayAttachmentBackend.create_transit_gateway_vpc_attachment


def _create_transit_gateway_vpc_attachment(self: Any, transit_gateway_id: str, *args: Any, **kwargs: Any) -> Any:
    """CreateTransitGatewayVpcAttachment against a TGW of another account
    (shared with RAM).  The attachment object is registered in both accounts,
    so the TGW owner can associate/propagate it to its route tables."""
    with _borrow_tgw(self, transit_gateway_id) as owner:
        if owner is None:
            if _default_association_on(self, transit_gateway_id):
                return _orig_create_tgw_vpc_att(self, transit_gateway_id, *args, **kwargs)
            self.set_route_table_association = lambda **_: None
            try:
                return _orig_create_tgw_vpc_att(self, transit_gateway_id, *args, **kwargs)
            finally:
                del self.set_route_table_association

        def _associate_in_owner(transit_gateway_attachment_id: str, transit_gateway_route_table_id: str) -> None:
            # the TGW route tables live in the owner's backend
            att = self.transit_gateway_attachments[transit_gateway_attachment_id]
            att._tgw_owner_id = owner.account_id
            owner.transit_gateway_attachments[att.id] = att
            if _default_association_on(owner, transit_gateway_id):
                owner.set_route_table_association(transit_gateway_attachment_id, transit_gateway_route_table_id)

        self.set_route_table_association = _associate_in_owner
        try:
            return _orig_create_tgw_vpc_att(self, transit_gateway_id, *args, **kwargs)
        finally:
            del self.set_route_table_association


TransitGatewayAttachmentBackend.create_transit_gateway_vpc_attachment = _create_transit_gateway_vpc_attachment
TransitGatewayAttachment.transit_gateway_owner_id = property(
    lambda self: getattr(self, "_tgw_owner_id", self.resource_owner_id))

_orig_delete_tgw_vpc_att = TransitGatewayAttachmentBackend.delete_transit_gateway_vpc_attachment


def _delete_transit_gateway_vpc_attachment(self: Any, transit_gateway_attachment_id: str) -> Any:
    """DeleteTransitGatewayVpcAttachment: also remove it from the TGW owner."""
    att = _orig_delete_tgw_vpc_att(self, transit_gateway_attachment_id)
    _deleted_attachments(self)[att.id] = att
    for other in _all_backends(ec2_backends, self.region_name):
        if other is not self and other.transit_gateway_attachments.get(att.id) is att:
            del other.transit_gateway_attachments[att.id]
            for table in other.transit_gateways_route_tables.values():
                table.route_table_associations.pop(att.id, None)
    return att


TransitGatewayAttachmentBackend.delete_transit_gateway_vpc_attachment = _delete_transit_gateway_vpc_attachment


def _deleted_attachments(backend: Any) -> dict[str, Any]:
    if not hasattr(backend, "deleted_tgw_attachments"):
        backend.deleted_tgw_attachments = {}
    return backend.deleted_tgw_attachments


_orig_describe_tgw_vpc_atts = TransitGatewayAttachmentBackend.describe_transit_gateway_vpc_attachments


def _describe_transit_gateway_vpc_attachments(self: Any, transit_gateways_attachment_ids: list[str] | None = None,
                                              filters: Any = None) -> list[Any]:
    """DescribeTransitGatewayVpcAttachments: like AWS, an attachment asked for
    by id stays visible in state 'deleted' after deletion (the provider's
    delete waiter polls for that state and timed out on moto)."""
    result = _orig_describe_tgw_vpc_atts(self, transit_gateways_attachment_ids, filters)
    for att_id in transit_gateways_attachment_ids or []:
        if att_id in _deleted_attachments(self) and all(a.id != att_id for a in result):
            result.append(_deleted_attachments(self)[att_id])
    return result


TransitGatewayAttachmentBackend.describe_transit_gateway_vpc_attachments = _describe_transit_gateway_vpc_attachments


def _route_with_foreign_tgw(orig: Any) -> Any:
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        """CreateRoute / ReplaceRoute with the transit_gateway_id of a TGW
        shared by another account (moto silently dropped the target)."""
        with _borrow_tgw(self, kwargs.get("transit_gateway_id")):
            return orig(self, *args, **kwargs)
    wrapper.__doc__ = orig.__doc__
    return wrapper


from moto.ec2.models.route_tables import RouteBackend  # noqa: E402

RouteBackend.create_route = _route_with_foreign_tgw(RouteBackend.create_route)
RouteBackend.replace_route = _route_with_foreign_tgw(RouteBackend.replace_route)


from moto.ec2.models.transit_gateway import TransitGatewayBackend  # noqa: E402
from moto.ec2.models.transit_gateway_route_tables import TransitGatewayRouteTableBackend  # noqa: E402

_orig_describe_tgws = TransitGatewayBackend.describe_transit_gateways


def _describe_transit_gateways(self: Any, filters: Any, transit_gateway_ids: list[str] | None) -> list[Any]:
    """DescribeTransitGateways: also return TGWs of other accounts shared with
    this account through RAM (AWS lists them with their OwnerId)."""
    result = _orig_describe_tgws(self, filters, transit_gateway_ids)
    for other in _all_backends(ec2_backends, self.region_name):
        if other is self:
            continue
        for tgw in _orig_describe_tgws(other, filters, transit_gateway_ids):
            if _tgw_shared_with(tgw, other.account_id, self.account_id, self.region_name):
                result.append(tgw)
    return result


TransitGatewayBackend.describe_transit_gateways = _describe_transit_gateways

_orig_create_tgw_route = TransitGatewayRouteTableBackend.create_transit_gateway_route


def _create_transit_gateway_route(self: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """CreateTransitGatewayRoute: moto stored TransitGatewayAttachments as a
    dict instead of a list, so the route read back without its attachment
    (the provider then saw blackhole=true and no transit_gateway_attachment_id)."""
    route = _orig_create_tgw_route(self, *args, **kwargs)
    att = route.get("transitGatewayAttachments")
    if isinstance(att, dict):
        route["transitGatewayAttachments"] = [att]
    return route


TransitGatewayRouteTableBackend.create_transit_gateway_route = _create_transit_gateway_route


# ===========================================================================
# ELBv2
# ===========================================================================
from moto.elb.exceptions import CertificateNotFoundException  # noqa: E402
from moto.elbv2 import models as elbv2_models  # noqa: E402

_orig_register_certificate = elbv2_models.register_certificate


def _register_certificate(account_id: str, region: str, arn_certificate: str, arn_user: str) -> None:
    """CreateListener/ModifyListener (TLS/HTTPS): moto requires the certificate
    to exist in moto's ACM; the emulator accepts any well-formed ACM ARN (the
    blueprint references certificates that are issued outside Terraform)."""
    try:
        _orig_register_certificate(account_id, region, arn_certificate, arn_user)
    except CertificateNotFoundException:
        if not re.match(r"^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/[0-9a-f-]+$", arn_certificate):
            raise


elbv2_models.register_certificate = _register_certificate


from moto.elbv2.models import FakeLoadBalancer  # noqa: E402
from moto.elbv2.responses import ELBV2Response  # noqa: E402

FakeLoadBalancer.enforce_security_group_inbound_rules_on_private_link_traffic = property(
    lambda self: getattr(self, "_enforce_pl",
                         "on" if self.type == "network" and self.security_groups else None))


def set_security_groups(self: Any) -> ActionResult:
    """ELBv2 SetSecurityGroups, storing
    EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic (moto ignored it and
    DescribeLoadBalancers never returned it, so aws_lb always showed a diff)."""
    arn = self._get_param("LoadBalancerArn")
    groups = self._get_param("SecurityGroups", [])
    self.elbv2_backend.set_security_groups(arn, groups)
    enforce = self._get_param("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic")
    lb = self.elbv2_backend.load_balancers[arn]
    if enforce:
        lb._enforce_pl = enforce
    result = {"SecurityGroups": groups}
    if lb.enforce_security_group_inbound_rules_on_private_link_traffic:
        result["EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic"] = (
            lb.enforce_security_group_inbound_rules_on_private_link_traffic)
    return ActionResult(result)


ELBV2Response.set_security_groups = set_security_groups


# ===========================================================================
# EC2 Transit Gateway: default route table and propagations
# ===========================================================================
from moto.ec2.models.transit_gateway import TransitGateway  # noqa: E402
from moto.ec2.models.transit_gateway_route_tables import TransitGatewayRelations  # noqa: E402


def _default_association_on(backend: Any, tgw_id: str) -> bool:
    tgw = backend.transit_gateways.get(tgw_id)
    return tgw is None or tgw.options.get("DefaultRouteTableAssociation") != "disable"


_orig_tgw_init = TransitGateway.__init__


def _tgw_init(self: Any, backend: Any, description: str | None, options: dict[str, str] | None = None) -> None:
    """CreateTransitGateway with default route-table association and propagation
    both disabled: AWS creates no default route table. moto always created one and
    associated every new attachment with it, so an attachment seemed associated
    with two tables (the default one and its segment's)."""
    _orig_tgw_init(self, backend, description, options)
    if (self.options.get("DefaultRouteTableAssociation") == "disable"
            and self.options.get("DefaultRouteTablePropagation") == "disable"):
        backend.transit_gateways_route_tables.pop(self.default_route_table.id, None)
        self.options.pop("AssociationDefaultRouteTableId", None)
        self.options.pop("PropagationDefaultRouteTableId", None)


TransitGateway.__init__ = _tgw_init


def _propagation_key(attachment_id: str, route_table_id: str) -> str:
    return f"{attachment_id}|{route_table_id}"


def _enable_propagation(self: Any, transit_gateway_attachment_id: str,
                        transit_gateway_route_table_id: str) -> Any:
    """EnableTransitGatewayRouteTablePropagation: one attachment may propagate
    into several route tables. moto kept one propagation per attachment, so the
    second overwrote the first and disabling the third raised KeyError (HTTP 500)."""
    relation = TransitGatewayRelations(self, transit_gateway_attachment_id,
                                       transit_gateway_route_table_id, state="enabled")
    self.set_route_table_propagation(transit_gateway_attachment_id, transit_gateway_route_table_id)
    self.set_attachment_propagation(transit_gateway_attachment_id, transit_gateway_route_table_id)
    self.transit_gateway_propagations[
        _propagation_key(transit_gateway_attachment_id, transit_gateway_route_table_id)] = relation
    return relation


def _disable_propagation(self: Any, transit_gateway_attachment_id: str,
                         transit_gateway_route_table_id: str) -> Any:
    """DisableTransitGatewayRouteTablePropagation of one (attachment, table) pair."""
    key = _propagation_key(transit_gateway_attachment_id, transit_gateway_route_table_id)
    relation = self.transit_gateway_propagations.pop(key, None)
    if relation is None:
        raise _Ec2Error("TransitGatewayRouteTablePropagation.NotFound",
                        f"Propagation of {transit_gateway_attachment_id} to {transit_gateway_route_table_id} not found")
    self.disable_route_table_propagation(transit_gateway_attachment_id=transit_gateway_attachment_id,
                                         transit_gateway_route_table_id=transit_gateway_route_table_id)
    remaining = [k for k in self.transit_gateway_propagations if k.startswith(f"{transit_gateway_attachment_id}|")]
    attachment = self.transit_gateway_attachments.get(transit_gateway_attachment_id)
    if attachment is not None and not remaining:
        attachment.propagation = {"state": "disabled", "transitGatewayRouteTableId": transit_gateway_route_table_id}
    relation.state = "disabled"
    return relation


TransitGatewayRouteTableBackend.enable_transit_gateway_route_table_propagation = _enable_propagation
TransitGatewayRouteTableBackend.disable_transit_gateway_route_table_propagation = _disable_propagation


# ===========================================================================
# Route 53: changes are synchronous here, so answer without a pending change
# ===========================================================================
def _without_change_info(method: Any) -> Any:
    def wrapper(self: Any) -> Any:
        result = method(self)
        if isinstance(result, ActionResult) and isinstance(result.result, dict):
            result.result.pop("ChangeInfo", None)
        return result
    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


# moto applies every Route 53 change at once (GetChange is always INSYNC), but the
# provider waits a fixed random 10-30 s before its first GetChange whenever a response
# carries ChangeInfo. Real AWS always returns it; the emulator leaves it out, so each
# zone, record and VPC association takes milliseconds instead of about 15 s.
for _name in ("create_hosted_zone", "delete_hosted_zone", "associate_vpc_with_hosted_zone",
              "disassociate_vpc_from_hosted_zone", "change_resource_record_sets"):
    setattr(_R53Resp, _name, _without_change_info(getattr(_R53Resp, _name)))


# ===========================================================================
# EC2 Transit Gateway: attachment tags
# ===========================================================================
from moto.ec2.responses.transit_gateway_attachments import TransitGatewayAttachment as _TgwAttResp  # noqa: E402


def create_transit_gateway_vpc_attachment(self: Any) -> ActionResult:
    """CreateTransitGatewayVpcAttachment: moto read the TagSpecifications of resource
    type `transit-gateway-route-table` instead of `transit-gateway-attachment`, so the
    attachment's tags were dropped and every re-plan wanted to add them."""
    tags = self._parse_tag_specification().get("transit-gateway-attachment", {})
    attachment = self.ec2_backend.create_transit_gateway_vpc_attachment(
        transit_gateway_id=self._get_param("TransitGatewayId"),
        tags=tags,
        vpc_id=self._get_param("VpcId"),
        subnet_ids=self._get_param("SubnetIds", []),
        options=self._get_param("Options", {}),
    )
    return ActionResult({"TransitGatewayVpcAttachment": attachment})


_TgwAttResp.create_transit_gateway_vpc_attachment = create_transit_gateway_vpc_attachment


# ===========================================================================
# EC2 Transit Gateway: peering attachment tags per side
# ===========================================================================
_orig_describe_peering = TransitGatewayAttachmentBackend.describe_transit_gateway_peering_attachments


def _describe_transit_gateway_peering_attachments(self: Any, transit_gateways_attachment_ids: list[str] | None = None,
                                                  filters: Any = None) -> list[Any]:
    """DescribeTransitGatewayPeeringAttachments: each side of a peering keeps its own tags
    in AWS. moto shares one attachment object between the two regions and read the tags
    from the requester's region, so the accepter's tags (aws_ec2_transit_gateway_peering_
    attachment_accepter) never read back. Here the accepter side sees a view whose tags
    come from its own region; state stays shared."""
    views = []
    for att in _orig_describe_peering(self, transit_gateways_attachment_ids, filters):
        if att.ec2_backend is not self:
            att = copy.copy(att)
            att.ec2_backend = self
        views.append(att)
    return views


TransitGatewayAttachmentBackend.describe_transit_gateway_peering_attachments = _describe_transit_gateway_peering_attachments
