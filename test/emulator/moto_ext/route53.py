"""Route 53: private zones, cross-account VPC association authorizations, ConflictingDomainExists, no ChangeInfo waits."""

from __future__ import annotations

from typing import Any

from moto.core.responses import ActionResult
from moto.route53 import models as r53_models, urls as r53_urls
from moto.route53.exceptions import LastVPCAssociation, NoSuchHostedZone, Route53ClientError
from moto.route53.responses import Route53 as _R53Resp

from ._common import _all_backends, _register


# ===========================================================================
# Route 53
# ===========================================================================


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
    with PublicZoneVPCAssociation.  A private zone whose name is already used by
    a private zone associated with that VPC fails with ConflictingDomainExists
    (as AWS)."""
    vpc_id = self._get_param("VPC.VPCId")
    if vpc_id:
        cfg = self.params.setdefault("HostedZoneConfig", {})
        cfg["PrivateZone"] = True
        other = _same_name_zone_of_vpc(vpc_id, self._get_param("Name") or "")
        if other is not None:
            raise _conflicting_domain(vpc_id, self._get_param("VPC.VPCRegion"), other)
    return _orig_create_hosted_zone(self)


def _norm_name(name: str) -> str:
    return name.lower().rstrip(".") + "."


def _same_name_zone_of_vpc(vpc_id: str, name: str, exclude: str | None = None) -> Any:
    """A private zone (any account) with this name already associated with the VPC."""
    wanted = _norm_name(name)
    for backend in _all_backends(r53_models.route53_backends):
        for zone in backend.zones.values():
            if (zone.private_zone and zone.resource_id != exclude and _norm_name(zone.name) == wanted
                    and any(v.get("vpc_id") == vpc_id for v in zone.vpcs)):
                return zone
    return None


def _conflicting_domain(vpc_id: str, region: str | None, zone: Any) -> _R53Error:
    # wording of the AWS error (ConflictingDomainExists, HTTP 400)
    return _R53Error("ConflictingDomainExists",
                     f"The VPC that you chose, {vpc_id} in region {region or 'us-east-1'}, is already associated "
                     f"with another private hosted zone that has an overlapping name space, {zone.name}.")


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
    (allowed only if that account authorized the VPC, as in AWS).

    ConflictingDomainExists when the VPC is already associated with this zone
    or with another private zone (any account) of the same name.  A zone of the
    same name reaching the VPC through a Route 53 Profile is no conflict: AWS
    allows both and the zone associated with the VPC takes precedence (see
    GET /_emulator/resolve)."""
    zid = zone_id.replace("/hostedzone/", "")
    owner = self if zid in self.zones else _zone_owner_backend(zone_id)
    zone = owner.zones[zid]
    if owner is not self and not any(a["VPCId"] == vpcid for a in _auths(zone)):
        raise _R53Error("NotAuthorizedException",
                        f"The VPC '{vpcid}' is not authorized to associate with hosted zone {zid}.")
    if zone.private_zone:
        if any(v.get("vpc_id") == vpcid for v in zone.vpcs):
            raise _conflicting_domain(vpcid, vpcregion, zone)
        other = _same_name_zone_of_vpc(vpcid, zone.name, exclude=zid)
        if other is not None:
            raise _conflicting_domain(vpcid, vpcregion, other)
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
