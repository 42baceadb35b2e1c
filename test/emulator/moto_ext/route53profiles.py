"""Route 53 Profiles (a service moto 5.2.1 does not have), and an emulator-only DNS resolver.

Route 53 Profiles (endpoint key ``route53profiles``, REST-JSON, signing name
``route53profiles``) is registered as a new moto service: a backend per
account+region (``route53profiles_backends``), a response class dispatching on
the botocore model, and URL paths.  What the Terraform AWS provider 5.100.0
calls for ``aws_route53profiles_profile``, ``aws_route53profiles_association``,
``aws_route53profiles_resource_association`` and ``data.aws_route53profiles_profiles``
is implemented with real state, plus every other operation of the API:

  CreateProfile, GetProfile, DeleteProfile, ListProfiles,
  AssociateProfile, GetProfileAssociation, ListProfileAssociations, DisassociateProfile,
  AssociateResourceToProfile, GetProfileResourceAssociation,
  ListProfileResourceAssociations, UpdateProfileResourceAssociation,
  DisassociateResourceFromProfile, TagResource, UntagResource, ListTagsForResource.

What AWS enforces (see README / notes for sources): name pattern, 5 Profiles
per account and Region, one Profile per VPC (``ResourceExistsException``),
1000 VPCs per Profile, a Profile of another account only when it is shared
with the caller through AWS RAM, resources associated only by the Profile
owner (the default RAM permission does not allow it), a private hosted zone of
the owner's account, 5000 zones per Profile, no Profile deletion while VPCs
are associated (``ConflictException``).

``GET /_emulator/resolve?vpc=<vpc-id>&name=<fqdn>[&type=A][&region=<r>]``
answers which private hosted zone and which record Route 53 Resolver would use
for a name queried from a VPC: zones associated directly with the VPC, zones
of the Profile associated with the VPC, and the private DNS zones of interface
endpoints (in the VPC, or associated with that Profile); the most specific
zone name wins, the directly associated zone wins a tie with the Profile's;
records are matched exactly, then through wildcards (RFC 4592 closest encloser).
"""

from __future__ import annotations

import json
import re
import sys
import types
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult, BaseResponse, EmptyResult
from moto.core.utils import utcnow
from moto.ec2.models import ec2_backends
from moto.moto_api._internal import urls as moto_api_urls
from moto.moto_server.werkzeug_app import DomainDispatcherApplication
from moto.ram import models as ram_models
from moto.route53 import models as r53_models
from moto import backend_index

from . import ram as ram_ext
from ._common import _all_backends, _hex, _register


# ===========================================================================
# Errors (REST-JSON; code = the AWS exception shape name)
# ===========================================================================


class _ProfilesError(ServiceException):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message)


def _not_found(message: str) -> _ProfilesError:
    return _ProfilesError("ResourceNotFoundException", message)


def _conflict(message: str) -> _ProfilesError:
    return _ProfilesError("ConflictException", message)


def _invalid(message: str) -> _ProfilesError:
    return _ProfilesError("InvalidParameterException", message)


# Name of a Profile, a Profile association and a resource association (API reference).
_NAME_RE = re.compile(r"^(?!^[0-9]+$)([a-zA-Z0-9\-_' ']+)$")

PROFILES_PER_ACCOUNT_REGION = 5     # "Number of Route 53 Profiles per AWS account in a Region"
VPCS_PER_PROFILE = 1000             # "Number of VPCs that can be associated to a Profile"
ZONES_PER_PROFILE = 5000            # "Number of private hosted zones per a Profile"
RESOLVER_RULES_PER_PROFILE = 1000
FIREWALL_RULE_GROUPS_PER_PROFILE = 5
QUERY_LOG_CONFIGS_PER_PROFILE = 2


def _check_name(name: Any, what: str = "Name") -> str:
    if not isinstance(name, str) or len(name) > 64 or not _NAME_RE.match(name):
        raise _ProfilesError(
            "ValidationException",
            f"1 validation error detected: Value '{name}' at '{what[0].lower() + what[1:]}' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9\\-_' ']+) "
            "and length <= 64",
        )
    return name


# ===========================================================================
# Models
# ===========================================================================


class Profile:
    def __init__(self, account_id: str, region: str, name: str, client_token: str, tags: dict[str, str]) -> None:
        self.id = f"rp-{_hex(16)}"
        self.owner_id = account_id
        self.region = region
        self.name = name
        self.client_token = client_token
        self.arn = f"arn:aws:route53profiles:{region}:{account_id}:profile/{self.id}"
        self.creation_time = self.modification_time = utcnow()
        self.status = "COMPLETE"
        self.status_message = "Created Profile"
        self.tags = tags
        self.resources: dict[str, ProfileResourceAssociation] = {}

    def describe(self, share_status: str) -> dict[str, Any]:
        return {
            "Arn": self.arn, "ClientToken": self.client_token, "CreationTime": self.creation_time,
            "Id": self.id, "ModificationTime": self.modification_time, "Name": self.name,
            "OwnerId": self.owner_id, "ShareStatus": share_status, "Status": self.status,
            "StatusMessage": self.status_message,
        }


class ProfileAssociation:
    """A Profile <-> VPC association; owned by the VPC's account (the caller)."""

    def __init__(self, account_id: str, region: str, profile: Profile, vpc_id: str, name: str,
                 tags: dict[str, str]) -> None:
        self.id = f"rpassoc-{_hex(16)}"
        self.owner_id = account_id
        self.region = region
        self.profile_id = profile.id
        self.profile_owner = profile.owner_id
        self.resource_id = vpc_id
        self.name = name
        self.arn = f"arn:aws:route53profiles:{region}:{account_id}:profile-association/{self.id}"
        self.creation_time = self.modification_time = utcnow()
        self.status = "COMPLETE"
        self.status_message = "Created Profile Association"
        self.tags = tags

    def describe(self) -> dict[str, Any]:
        return {
            "CreationTime": self.creation_time, "Id": self.id, "ModificationTime": self.modification_time,
            "Name": self.name, "OwnerId": self.owner_id, "ProfileId": self.profile_id,
            "ResourceId": self.resource_id, "Status": self.status, "StatusMessage": self.status_message,
        }


class ProfileResourceAssociation:
    def __init__(self, profile: Profile, name: str, resource_arn: str, resource_type: str,
                 properties: str | None) -> None:
        self.id = f"rpr-{_hex(16)}"
        self.owner_id = profile.owner_id
        self.profile_id = profile.id
        self.name = name
        self.resource_arn = resource_arn
        self.resource_type = resource_type
        self.resource_properties = properties
        self.creation_time = self.modification_time = utcnow()
        self.status = "COMPLETE"
        self.status_message = f"Created the Profile to {_TYPE_LABEL.get(resource_type, resource_type)} association"
        self.zone_name: str | None = None  # private hosted zone name at association time (conflict checks)

    def describe(self) -> dict[str, Any]:
        out = {
            "CreationTime": self.creation_time, "Id": self.id, "ModificationTime": self.modification_time,
            "Name": self.name, "OwnerId": self.owner_id, "ProfileId": self.profile_id,
            "ResourceArn": self.resource_arn, "ResourceType": self.resource_type, "Status": self.status,
            "StatusMessage": self.status_message,
        }
        if self.resource_properties is not None:
            out["ResourceProperties"] = self.resource_properties
        return out


_TYPE_LABEL = {
    "PRIVATE_HOSTED_ZONE": "hosted zone",
    "RESOLVER_RULE": "Resolver rule",
    "FIREWALL_RULE_GROUP": "DNS Firewall rule group",
    "INTERFACE_VPC_ENDPOINT": "VPC endpoint",
    "RESOLVER_QUERY_LOGGING_CONFIG": "Resolver query logging configuration",
}


class Route53ProfilesBackend(BaseBackend):
    """State of one account in one Region."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.profiles: dict[str, Profile] = {}
        self.associations: dict[str, ProfileAssociation] = {}


# moto derives the URL module from the backend class' module ("moto.<svc>.models"
# -> "moto.<svc>.urls"), and get_backend("route53profiles") imports
# "moto.route53profiles": both are provided as module objects below.
Route53ProfilesBackend.__module__ = "moto.route53profiles.models"
route53profiles_backends = BackendDict(Route53ProfilesBackend, "route53profiles")


# ===========================================================================
# Cross-account helpers
# ===========================================================================


def _backends(region: str) -> list[Route53ProfilesBackend]:
    return list(_all_backends(route53profiles_backends, region))


def _ram_shared_with(account_id: str, resource_arn: str) -> bool:
    """Is the resource shared with the account through an active RAM share (ram.py)?"""
    return ram_ext.shared_with(account_id, resource_arn)


def _shared_by_owner(profile: Profile) -> bool:
    """Does the owner share the Profile with anyone (ShareStatus SHARED_BY_ME)?"""
    for backend in _all_backends(ram_models.ram_backends, profile.region):
        if backend.account_id == profile.owner_id:
            if any(s.status != "DELETED" and profile.arn in s.resource_arns and s.principals
                   for s in backend.resource_shares):
                return True
    return False


def _share_status(profile: Profile, caller: str) -> str:
    if profile.owner_id != caller:
        return "SHARED_WITH_ME"
    return "SHARED_BY_ME" if _shared_by_owner(profile) else "NOT_SHARED"


def _visible_profile(caller: str, region: str, profile_id: str | None) -> Profile:
    """The caller's own Profile, or one of another account shared with it via RAM."""
    for backend in _backends(region):
        profile = backend.profiles.get(profile_id or "")
        if profile is None:
            continue
        if backend.account_id == caller or _ram_shared_with(caller, profile.arn):
            return profile
    raise _not_found(f"The Profile with ID '{profile_id}' doesn't exist.")


def _owned_profile(caller: str, region: str, profile_id: str | None) -> Profile:
    profile = _visible_profile(caller, region, profile_id)
    if profile.owner_id != caller:
        raise _ProfilesError(
            "AccessDeniedException",
            f"User: arn:aws:iam::{caller}:root is not authorized to modify the resource associations of Profile "
            f"{profile_id}: the Profile is owned by {profile.owner_id} (the default RAM permission "
            "AWSRAMPermissionRoute53ProfileAllowAssociation only allows associating it with VPCs)",
        )
    return profile


def _vpc_associations(profile: Profile) -> list[ProfileAssociation]:
    return [a for b in _backends(profile.region) for a in b.associations.values() if a.profile_id == profile.id]


def _vpc_association(vpc_id: str, region: str) -> ProfileAssociation | None:
    for backend in _backends(region):
        for assoc in backend.associations.values():
            if assoc.resource_id == vpc_id:
                return assoc
    return None


def _zone_by_id(zone_id: str) -> tuple[str, Any] | None:
    zid = zone_id.replace("/hostedzone/", "")
    for backend in _all_backends(r53_models.route53_backends):
        if zid in backend.zones:
            return backend.account_id, backend.zones[zid]
    return None


def _norm(name: str) -> str:
    return name.lower().rstrip(".") + "."


def _profile_for_zone_conflicts(profile: Profile) -> dict[str, ProfileResourceAssociation]:
    return {ra.zone_name: ra for ra in profile.resources.values() if ra.zone_name}


def _endpoint(account: str, region: str, endpoint_id: str) -> Any:
    for backend in _all_backends(ec2_backends, region):
        if backend.account_id == account:
            return backend.vpc_end_points.get(endpoint_id)
    return None


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() == "true"


def _endpoint_private_dns_names(endpoint: Any, region: str) -> list[str]:
    """Private DNS names an interface endpoint answers for when private DNS is on."""
    svc = endpoint.service_name or ""
    prefix = f"com.amazonaws.{region}."
    if svc.startswith(prefix):
        from .ec2_privatelink import aws_service_private_dns_names  # read only (table of AWS services)
        return aws_service_private_dns_names(svc[len(prefix):], region)
    # customer endpoint service: its configured private DNS name
    svc_id = svc.rsplit(".", 1)[-1]
    for backend in _all_backends(ec2_backends):
        config = getattr(backend, "configurations", {}).get(svc_id)
        if config is not None and getattr(config, "private_dns_name", None):
            return [config.private_dns_name]
    return []


def _endpoint_zone_id(endpoint_id: str, dns_name: str) -> str:
    """Stable id of the AWS-managed private zone of an endpoint's private DNS name."""
    import hashlib
    digest = hashlib.sha256(f"{endpoint_id}/{dns_name}".encode()).hexdigest().upper()
    return "Z0" + "".join(c for c in digest if c.isalnum())[:19]


def _endpoint_properties(endpoint: Any, region: str) -> str:
    """ResourceProperties AWS returns for an interface endpoint association:
    {"ServiceName": "com.amazonaws.<r>.<svc>.", "<zone id>": "<private dns name>."} (see notes)."""
    props: dict[str, str] = {"ServiceName": (endpoint.service_name or "").rstrip(".") + "."}
    for dns in _endpoint_private_dns_names(endpoint, region):
        zone_name = dns[2:] if dns.startswith("*.") else dns
        props[_endpoint_zone_id(endpoint.id, zone_name)] = _norm(zone_name)
    return json.dumps(props, separators=(",", ":"))


_ARN_RE = re.compile(r"^arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):(\d{12})?:(.+)$")


def _classify_resource(profile: Profile, arn: str, properties: str | None) -> tuple[str, str | None, str | None]:
    """ResourceType, ResourceProperties to store and zone name of a resource to associate.
    Only resources of the Profile owner, in the Profile's Region, are accepted."""
    m = _ARN_RE.match(arn or "")
    if not m:
        raise _invalid(f"The resource ARN '{arn}' is not valid.")
    service, region, account, rest = m.groups()
    if service == "route53" and rest.startswith("hostedzone/"):
        found = _zone_by_id(rest.split("/", 1)[1])
        if found is None or found[0] != profile.owner_id:
            # another account's zone is not visible to the Profile owner
            raise _not_found(f"The hosted zone {rest.split('/', 1)[1]} doesn't exist in account {profile.owner_id}.")
        zone = found[1]
        if not zone.private_zone:
            raise _invalid(f"The hosted zone {zone.resource_id} is a public hosted zone; only private hosted zones "
                           "can be associated with a Profile.")
        return "PRIVATE_HOSTED_ZONE", properties, _norm(zone.name)
    supported = (service == "ec2" and rest.startswith("vpc-endpoint/")) or (
        service == "route53resolver"
        and rest.split("/", 1)[0] in ("resolver-rule", "firewall-rule-group", "resolver-query-log-config"))
    if not supported:
        raise _invalid(f"The resource '{arn}' can't be associated with a Profile. Supported: private hosted zones, "
                       "Resolver rules, DNS Firewall rule groups, interface VPC endpoints and Resolver query "
                       "logging configurations.")
    if region != profile.region or account != profile.owner_id:
        raise _not_found(f"Can't find the resource with ID '{arn}' in account {profile.owner_id}, "
                         f"Region {profile.region}.")
    if service == "ec2" and rest.startswith("vpc-endpoint/"):
        endpoint = _endpoint(account, region, rest.split("/", 1)[1])
        if endpoint is None:
            raise _not_found(f"Can't find the resource with ID '{arn}'.")
        if (endpoint.vpc_endpoint_type or "").lower() != "interface":
            raise _invalid(f"The VPC endpoint {endpoint.id} is not an interface VPC endpoint.")
        return "INTERFACE_VPC_ENDPOINT", _endpoint_properties(endpoint, region), None
    if service == "route53resolver":
        if rest.startswith("resolver-rule/"):
            return "RESOLVER_RULE", properties, None
        if rest.startswith("firewall-rule-group/"):
            try:
                priority = int(json.loads(properties or "{}").get("priority"))
            except (TypeError, ValueError, AttributeError):
                raise _invalid("ResourceProperties of a DNS Firewall rule group must contain a priority.")
            if not 100 <= priority <= 9900:
                raise _invalid("The priority of a DNS Firewall rule group must be between 100 and 9900.")
            return "FIREWALL_RULE_GROUP", json.dumps({"priority": priority}, separators=(",", ":")), None
        if rest.startswith("resolver-query-log-config/"):
            return "RESOLVER_QUERY_LOGGING_CONFIG", properties, None
    raise _invalid(f"The resource '{arn}' can't be associated with a Profile.")


_TYPE_LIMITS = {
    "PRIVATE_HOSTED_ZONE": ZONES_PER_PROFILE,
    "RESOLVER_RULE": RESOLVER_RULES_PER_PROFILE,
    "FIREWALL_RULE_GROUP": FIREWALL_RULE_GROUPS_PER_PROFILE,
    "RESOLVER_QUERY_LOGGING_CONFIG": QUERY_LOG_CONFIGS_PER_PROFILE,
}


def _page(items: list[Any], params: Any) -> tuple[list[Any], str | None]:
    start = int(params.get("NextToken") or 0)
    size = int(params.get("MaxResults") or 100)
    chunk = items[start:start + size]
    return chunk, (str(start + size) if start + size < len(items) else None)


# ===========================================================================
# API
# ===========================================================================


class Route53ProfilesResponse(BaseResponse):
    def __init__(self) -> None:
        super().__init__(service_name="route53profiles")
        self.automated_parameter_parsing = True

    @property
    def backend(self) -> Route53ProfilesBackend:
        return route53profiles_backends[self.current_account][self.region]

    def _p(self, key: str, default: Any = None) -> Any:
        value = self._get_param(key, default)
        return unquote(value) if isinstance(value, str) and "%" in value else value

    # ---- Profiles -----------------------------------------------------------
    def create_profile(self) -> ActionResult:
        """CreateProfile (idempotent on ClientToken)."""
        name = _check_name(self._p("Name"))
        token = self._p("ClientToken")
        for profile in self.backend.profiles.values():
            if profile.client_token == token:
                return ActionResult({"Profile": profile.describe(_share_status(profile, self.current_account))})
        if len(self.backend.profiles) >= PROFILES_PER_ACCOUNT_REGION:
            err = _ProfilesError("LimitExceededException",
                                 f"The account {self.current_account} has reached the limit of "
                                 f"{PROFILES_PER_ACCOUNT_REGION} Profiles in {self.region}.")
            err.ResourceType = "PROFILE"  # type: ignore[attr-defined]
            raise err
        tags = {t["Key"]: t.get("Value", "") for t in self._p("Tags") or []}
        profile = Profile(self.current_account, self.region, name, token, tags)
        self.backend.profiles[profile.id] = profile
        return ActionResult({"Profile": profile.describe(_share_status(profile, self.current_account))})

    def get_profile(self) -> ActionResult:
        profile = _visible_profile(self.current_account, self.region, self._p("ProfileId"))
        return ActionResult({"Profile": profile.describe(_share_status(profile, self.current_account))})

    def delete_profile(self) -> ActionResult:
        """DeleteProfile: only the owner; fails while VPCs are associated (any account);
        removes the Profile's resource associations."""
        profile = _visible_profile(self.current_account, self.region, self._p("ProfileId"))
        if profile.owner_id != self.current_account:
            raise _ProfilesError("AccessDeniedException",
                                 f"Only the owner ({profile.owner_id}) can delete Profile {profile.id}.")
        if _vpc_associations(profile):
            raise _conflict(f"The Profile {profile.id} is associated with one or more VPCs. Before you can delete "
                            "a Profile, you must first disassociate it from all VPCs.")
        del self.backend.profiles[profile.id]
        profile.resources.clear()
        profile.status, profile.status_message = "DELETED", "Deleted Profile"
        profile.modification_time = utcnow()
        return ActionResult({"Profile": profile.describe(_share_status(profile, self.current_account))})

    def list_profiles(self) -> ActionResult:
        """ListProfiles: own Profiles and Profiles shared with the caller (this Region)."""
        me = self.current_account
        visible = [p for b in _backends(self.region) for p in b.profiles.values()
                   if b.account_id == me or _ram_shared_with(me, p.arn)]
        chunk, token = _page(visible, self.params)
        return ActionResult({
            "ProfileSummaries": [{"Arn": p.arn, "Id": p.id, "Name": p.name, "ShareStatus": _share_status(p, me)}
                                 for p in chunk],
            "NextToken": token,
        })

    # ---- Profile <-> VPC ----------------------------------------------------
    def associate_profile(self) -> ActionResult:
        """AssociateProfile (from the VPC's account; the Profile may be shared with it through RAM)."""
        name = _check_name(self._p("Name"))
        profile = _visible_profile(self.current_account, self.region, self._p("ProfileId"))
        vpc_id = self._p("ResourceId")
        if vpc_id not in ec2_backends[self.current_account][self.region].vpcs:
            err = _not_found(f"Can't find the resource with ID : '{vpc_id}'.")
            err.ResourceType = "VPC"  # type: ignore[attr-defined]
            raise err
        existing = _vpc_association(vpc_id, self.region)
        if existing is not None:
            raise _ProfilesError(
                "ResourceExistsException",
                f"The VPC {vpc_id} is already associated with Profile {existing.profile_id} "
                f"(association {existing.id}). A VPC can have only one Profile associated with it.",
            )
        if len(_vpc_associations(profile)) >= VPCS_PER_PROFILE:
            raise _ProfilesError("LimitExceededException",
                                 f"The Profile {profile.id} is associated with {VPCS_PER_PROFILE} VPCs (the limit).")
        tags = {t["Key"]: t.get("Value", "") for t in self._p("Tags") or []}
        assoc = ProfileAssociation(self.current_account, self.region, profile, vpc_id, name, tags)
        self.backend.associations[assoc.id] = assoc
        return ActionResult({"ProfileAssociation": assoc.describe()})

    def get_profile_association(self) -> ActionResult:
        assoc = self.backend.associations.get(self._p("ProfileAssociationId") or "")
        if assoc is None:
            raise _not_found(f"The Profile association with ID '{self._p('ProfileAssociationId')}' doesn't exist.")
        return ActionResult({"ProfileAssociation": assoc.describe()})

    def list_profile_associations(self) -> ActionResult:
        """ListProfileAssociations: the caller's VPC associations (filters ProfileId, ResourceId)."""
        pid, vpc = self._p("ProfileId"), self._p("ResourceId")
        items = [a for a in self.backend.associations.values()
                 if (not pid or a.profile_id == pid) and (not vpc or a.resource_id == vpc)]
        chunk, token = _page(items, self.params)
        return ActionResult({"ProfileAssociations": [a.describe() for a in chunk], "NextToken": token})

    def disassociate_profile(self) -> ActionResult:
        pid, vpc = self._p("ProfileId"), self._p("ResourceId")
        for assoc in list(self.backend.associations.values()):
            if assoc.profile_id == pid and assoc.resource_id == vpc:
                del self.backend.associations[assoc.id]
                assoc.status, assoc.status_message = "DELETED", "Deleted Profile Association"
                assoc.modification_time = utcnow()
                return ActionResult({"ProfileAssociation": assoc.describe()})
        raise _not_found(f"The Profile {pid} is not associated with the VPC {vpc}.")

    # ---- Profile <-> resources ----------------------------------------------
    def associate_resource_to_profile(self) -> ActionResult:
        """AssociateResourceToProfile (owner only)."""
        name = _check_name(self._p("Name"))
        profile = _owned_profile(self.current_account, self.region, self._p("ProfileId"))
        arn = self._p("ResourceArn")
        rtype, props, zone_name = _classify_resource(profile, arn, self._get_param("ResourceProperties"))
        if any(ra.resource_arn == arn for ra in profile.resources.values()):
            raise _conflict(f"The resource {arn} is already associated with Profile {profile.id}.")
        if zone_name and zone_name in _profile_for_zone_conflicts(profile):
            other = _profile_for_zone_conflicts(profile)[zone_name]
            raise _conflict(f"The Profile {profile.id} already has a private hosted zone with the domain name "
                            f"{zone_name} ({other.resource_arn}).")
        limit = _TYPE_LIMITS.get(rtype)
        if limit is not None and sum(ra.resource_type == rtype for ra in profile.resources.values()) >= limit:
            err = _ProfilesError("LimitExceededException",
                                 f"The Profile {profile.id} has reached the limit of {limit} {rtype} resources.")
            err.ResourceType = rtype  # type: ignore[attr-defined]
            raise err
        ra = ProfileResourceAssociation(profile, name, arn, rtype, props)
        ra.zone_name = zone_name
        profile.resources[ra.id] = ra
        profile.modification_time = utcnow()
        return ActionResult({"ProfileResourceAssociation": ra.describe()})

    def _find_resource_association(self, ra_id: str | None) -> tuple[Profile, ProfileResourceAssociation]:
        me = self.current_account
        for backend in _backends(self.region):
            for profile in backend.profiles.values():
                if ra_id in profile.resources and (profile.owner_id == me or _ram_shared_with(me, profile.arn)):
                    return profile, profile.resources[ra_id]
        raise _not_found(f"The Profile resource association with ID '{ra_id}' doesn't exist.")

    def get_profile_resource_association(self) -> ActionResult:
        _, ra = self._find_resource_association(self._p("ProfileResourceAssociationId"))
        return ActionResult({"ProfileResourceAssociation": ra.describe()})

    def list_profile_resource_associations(self) -> ActionResult:
        """ListProfileResourceAssociations (owner and accounts it is shared with); filter ResourceType."""
        profile = _visible_profile(self.current_account, self.region, self._p("ProfileId"))
        rtype = self._p("ResourceType")
        items = [ra for ra in profile.resources.values() if not rtype or ra.resource_type == rtype]
        chunk, token = _page(items, self.params)
        return ActionResult({"ProfileResourceAssociations": [ra.describe() for ra in chunk], "NextToken": token})

    def update_profile_resource_association(self) -> ActionResult:
        """UpdateProfileResourceAssociation: Name and/or ResourceProperties (owner only)."""
        profile, ra = self._find_resource_association(self._p("ProfileResourceAssociationId"))
        _owned_profile(self.current_account, self.region, profile.id)
        name = self._p("Name")
        if name is not None:
            ra.name = _check_name(name)
        props = self._get_param("ResourceProperties")
        if props is not None:
            if ra.resource_type == "FIREWALL_RULE_GROUP":
                _, props, _ = _classify_resource(profile, ra.resource_arn, props)
            ra.resource_properties = props
        ra.modification_time = utcnow()
        ra.status_message = f"Updated the Profile to {_TYPE_LABEL.get(ra.resource_type, ra.resource_type)} association"
        return ActionResult({"ProfileResourceAssociation": ra.describe()})

    def disassociate_resource_from_profile(self) -> ActionResult:
        profile = _owned_profile(self.current_account, self.region, self._p("ProfileId"))
        arn = self._p("ResourceArn")
        for ra in list(profile.resources.values()):
            if ra.resource_arn == arn:
                del profile.resources[ra.id]
                ra.status, ra.modification_time = "DELETED", utcnow()
                ra.status_message = f"Deleted the Profile to {_TYPE_LABEL.get(ra.resource_type, ra.resource_type)} association"
                return ActionResult({"ProfileResourceAssociation": ra.describe()})
        raise _not_found(f"The resource {arn} is not associated with Profile {profile.id}.")

    # ---- Tags (Profiles and Profile associations of the caller) -------------
    def _tagged(self) -> Any:
        arn = self._p("ResourceArn")
        for obj in list(self.backend.profiles.values()) + list(self.backend.associations.values()):
            if obj.arn == arn:
                return obj
        raise _not_found(f"The resource {arn} doesn't exist.")

    def tag_resource(self) -> ActionResult:
        obj = self._tagged()
        obj.tags.update(self._p("Tags") or {})
        return EmptyResult()

    def untag_resource(self) -> ActionResult:
        obj = self._tagged()
        keys = self._p("TagKeys") or []
        for key in [keys] if isinstance(keys, str) else keys:
            obj.tags.pop(key, None)
        return EmptyResult()

    def list_tags_for_resource(self) -> ActionResult:
        return ActionResult({"Tags": dict(self._tagged().tags)})


# ---- register "route53profiles" as a moto service --------------------------
_pkg = types.ModuleType("moto.route53profiles")
_pkg.__path__ = []  # type: ignore[attr-defined]
_models = types.ModuleType("moto.route53profiles.models")
_urls = types.ModuleType("moto.route53profiles.urls")
_responses = types.ModuleType("moto.route53profiles.responses")
_models.Route53ProfilesBackend = Route53ProfilesBackend  # type: ignore[attr-defined]
_models.route53profiles_backends = route53profiles_backends  # type: ignore[attr-defined]
_responses.Route53ProfilesResponse = Route53ProfilesResponse  # type: ignore[attr-defined]
_pkg.route53profiles_backends = route53profiles_backends  # type: ignore[attr-defined]
_pkg.models, _pkg.urls, _pkg.responses = _models, _urls, _responses  # type: ignore[attr-defined]
_urls.url_bases = [r"https?://route53profiles\.(.+)\.amazonaws\.com"]  # type: ignore[attr-defined]
_urls.url_paths = {}  # type: ignore[attr-defined]
for _mod in (_pkg, _models, _urls, _responses):
    sys.modules.setdefault(_mod.__name__, _mod)

_register(_urls, {
    "{0}/profile$": Route53ProfilesResponse.dispatch,
    "{0}/profile/(?P<ProfileId>[^/]+)$": Route53ProfilesResponse.dispatch,
    "{0}/profiles$": Route53ProfilesResponse.dispatch,
    "{0}/profileassociation$": Route53ProfilesResponse.dispatch,
    "{0}/profileassociation/(?P<ProfileAssociationId>[^/]+)$": Route53ProfilesResponse.dispatch,
    "{0}/profileassociation/Profileid/(?P<ProfileId>[^/]+)/resourceid/(?P<ResourceId>[^/]+)$":
        Route53ProfilesResponse.dispatch,
    "{0}/profileassociations$": Route53ProfilesResponse.dispatch,
    "{0}/profileresourceassociation$": Route53ProfilesResponse.dispatch,
    "{0}/profileresourceassociation/(?P<ProfileResourceAssociationId>[^/]+)$": Route53ProfilesResponse.dispatch,
    "{0}/profileresourceassociation/profileid/(?P<ProfileId>[^/]+)/resourcearn/(?P<ResourceArn>.+)$":
        Route53ProfilesResponse.dispatch,
    "{0}/profileresourceassociations/profileid/(?P<ProfileId>[^/]+)$": Route53ProfilesResponse.dispatch,
    "{0}/tags/(?P<ResourceArn>.+)$": Route53ProfilesResponse.dispatch,
})

# Requests signed for "route53profiles" are routed to host route53profiles.<region>.amazonaws.com;
# put the pattern first so that no broader pattern claims that host.
if not any(name == "route53profiles" for name, _ in backend_index.backend_url_patterns):
    backend_index.backend_url_patterns.insert(
        0, ("route53profiles", re.compile(r"https?://route53profiles\.(.+)\.amazonaws\.com")))


def _ram_validate_profile(arn: str, share_account: str, share_region: str) -> bool:
    """RAM may share a Profile only if it exists and belongs to the sharing account."""
    return any(p.arn == arn and p.owner_id == share_account
               for b in _backends(share_region) for p in b.profiles.values())


if getattr(ram_ext, "register_resource_validator", None) is not None:
    ram_ext.register_resource_validator("route53profiles", "profile", _ram_validate_profile)

# (ram.py registers the RAM resource type route53profiles:Profile, its managed permission
# AWSRAMPermissionRoute53ProfileAllowAssociation and moto's shareable "profile" segment.)


# ===========================================================================
# Emulator-only: GET /_emulator/resolve -- what Route 53 Resolver would answer
# ===========================================================================


class _Zone:
    """A private zone as seen from one VPC."""

    def __init__(self, zone_id: str, name: str, owner: str, source: str, records: list[dict[str, Any]],
                 via: dict[str, Any] | None = None) -> None:
        self.zone_id, self.name, self.owner, self.source = zone_id, _norm(name), owner, source
        self.records, self.via = records, via or {}

    def summary(self) -> dict[str, Any]:
        return {"id": self.zone_id, "name": self.name, "ownerAccount": self.owner, "source": self.source, **self.via}


def _zone_records(zone: Any) -> list[dict[str, Any]]:
    out = []
    for rr in zone.rrsets:
        rec: dict[str, Any] = {"name": _norm(rr.name.replace("\\052", "*")), "type": rr.type}
        if rr.alias_target:
            at = rr.alias_target
            rec["alias"] = {"dnsName": at.get("DNSName"), "hostedZoneId": at.get("HostedZoneId"),
                            "evaluateTargetHealth": _truthy(at.get("EvaluateTargetHealth"))}
        else:
            values = []
            for r in rr.records or []:
                values.append(r.get("Value") if isinstance(r, dict) else r)
            rec["values"] = values
            rec["ttl"] = int(rr.ttl) if str(rr.ttl or "").isdigit() else rr.ttl
        if rr.set_identifier:
            rec["setIdentifier"] = rr.set_identifier
        out.append(rec)
    return out


def _endpoint_zones(endpoint: Any, region: str, source: str, owner: str,
                    via: dict[str, Any] | None = None) -> list[_Zone]:
    """The AWS-managed private zones of an interface endpoint with private DNS enabled."""
    zones = []
    dns_entries = getattr(endpoint, "dns_entries", None) or []
    target = dns_entries[0] if dns_entries else {}
    alias = {"dnsName": target.get("DnsName") or target.get("dns_name"),
             "hostedZoneId": target.get("HostedZoneId") or target.get("hosted_zone_id"),
             "evaluateTargetHealth": True}
    for dns in _endpoint_private_dns_names(endpoint, region):
        zone_name = dns[2:] if dns.startswith("*.") else dns
        records = [{"name": _norm(zone_name), "type": "A", "alias": alias}]
        if dns.startswith("*."):
            records.append({"name": _norm(dns), "type": "A", "alias": alias})
        zones.append(_Zone(_endpoint_zone_id(endpoint.id, zone_name), zone_name, owner, source, records,
                           {"vpcEndpointId": endpoint.id, **(via or {})}))
    return zones


def _vpc_region(vpc_id: str) -> str | None:
    for backend in _all_backends(ec2_backends):
        if vpc_id in backend.vpcs:
            return backend.region_name
    return None


def _zones_for_vpc(vpc_id: str, region: str) -> list[_Zone]:
    zones: list[_Zone] = []
    # 1. private hosted zones associated directly with the VPC (any account)
    for backend in _all_backends(r53_models.route53_backends):
        for zone in backend.zones.values():
            if zone.private_zone and any(v.get("vpc_id") == vpc_id for v in zone.vpcs):
                zones.append(_Zone(zone.resource_id, zone.name, backend.account_id, "vpc", _zone_records(zone)))
    # 2. interface endpoints in the VPC with private DNS enabled
    for backend in _all_backends(ec2_backends, region):
        for ep in backend.vpc_end_points.values():
            if ep.vpc_id == vpc_id and _truthy(ep.private_dns_enabled) and \
                    (ep.vpc_endpoint_type or "").lower() == "interface":
                zones.extend(_endpoint_zones(ep, region, "vpc", backend.account_id))
    # 3. resources of the Profile associated with the VPC
    assoc = _vpc_association(vpc_id, region)
    if assoc is not None and assoc.status == "COMPLETE":
        profile = next((b.profiles.get(assoc.profile_id) for b in _backends(region)
                        if assoc.profile_id in b.profiles), None)
        for ra in (profile.resources.values() if profile else []):
            if ra.status != "COMPLETE":
                continue
            via = {"profileId": profile.id, "profileAssociationId": assoc.id, "profileResourceAssociationId": ra.id}
            if ra.resource_type == "PRIVATE_HOSTED_ZONE":
                found = _zone_by_id(ra.resource_arn.rsplit("/", 1)[-1])
                if found is not None:
                    zones.append(_Zone(found[1].resource_id, found[1].name, found[0], "profile",
                                       _zone_records(found[1]), via))
            elif ra.resource_type == "INTERFACE_VPC_ENDPOINT":
                ep = _endpoint(profile.owner_id, region, ra.resource_arn.rsplit("/", 1)[-1])
                if ep is not None and _truthy(ep.private_dns_enabled):
                    zones.extend(_endpoint_zones(ep, region, "profile", profile.owner_id, via))
    return zones


def _in_zone(qname: str, zone_name: str) -> bool:
    return qname == zone_name or qname.endswith("." + zone_name)


def _answer_in_zone(zone: _Zone, qname: str, qtype: str) -> dict[str, Any]:
    """Exact match, CNAME at the name, NODATA, wildcard (closest encloser), NXDOMAIN."""
    def at(name: str) -> list[dict[str, Any]]:
        return [r for r in zone.records if r["name"] == name]

    def pick(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        exact = [r for r in records if r["type"] == qtype]
        return exact or [r for r in records if r["type"] == "CNAME"]

    node = at(qname)
    if node:
        return {"rcode": "NOERROR", "answers": pick(node), "wildcard": None}
    # a name "exists" (also as an empty non-terminal) when some record is at or below it
    names = {r["name"] for r in zone.records}
    labels = qname.split(".")
    for i in range(1, len(labels)):
        encloser = ".".join(labels[i:])
        if not _in_zone(encloser, zone.name):
            break
        if encloser == zone.name or any(n == encloser or n.endswith("." + encloser) for n in names):
            wild = at("*." + encloser)
            if wild:
                answers = [{**r, "name": qname, "wildcardRecord": r["name"]} for r in pick(wild)]
                return {"rcode": "NOERROR", "answers": answers, "wildcard": "*." + encloser}
            break
    return {"rcode": "NXDOMAIN", "answers": [], "wildcard": None}


def _forwarding_rules_for_vpc(vpc_id: str, region: str) -> list[dict[str, Any]]:
    """FORWARD rules that apply to a VPC: associated with it directly, or through its Profile."""
    from . import route53resolver as rr_ext  # noqa: PLC0415  (imported late: it loads after this module's users)
    found = [(rule, via) for rule, via in rr_ext.forwarding_rules_for_vpc(vpc_id, region)]
    assoc = _vpc_association(vpc_id, region)
    if assoc is not None and assoc.status == "COMPLETE":
        profile = next((b.profiles.get(assoc.profile_id) for b in _backends(region) if assoc.profile_id in b.profiles), None)
        for ra in (profile.resources.values() if profile else []):
            if ra.status == "COMPLETE" and ra.resource_type == "RESOLVER_RULE":
                rule = rr_ext.find_rule(ra.resource_arn.rsplit("/", 1)[-1], region)
                if rule is not None:
                    found.append((rule, {"source": "profile", "profileId": profile.id, "profileAssociationId": assoc.id,
                                         "profileResourceAssociationId": ra.id}))
    out = []
    for rule, via in found:
        if str(rule.rule_type).upper() != "FORWARD":
            continue
        out.append({"ruleId": rule.id, "domain": _norm(rule.domain_name), "ownerAccount": rule.account_id,
                    "resolverEndpointId": rule.resolver_endpoint_id,
                    "targetIps": [{"ip": t.get("Ip"), "port": int(t.get("Port") or 53)} for t in (rule.target_ips or [])], **via})
    return out


def resolve(vpc_id: str, name: str, qtype: str = "A", region: str | None = None, _depth: int = 0) -> dict[str, Any]:
    """What Route 53 Resolver answers for `name` queried from `vpc_id` (private zones and forwarding rules)."""
    region = region or _vpc_region(vpc_id) or "us-east-1"
    qname, qtype = _norm(name), qtype.upper()
    zones = [z for z in _zones_for_vpc(vpc_id, region) if _in_zone(qname, z.name)]
    rules = [r for r in _forwarding_rules_for_vpc(vpc_id, region) if _in_zone(qname, r["domain"])]
    out: dict[str, Any] = {"query": {"vpc": vpc_id, "region": region, "name": qname, "type": qtype},
                           "candidates": [z.summary() for z in zones], "rules": rules}
    # A forwarding rule more specific than every matching zone (or as specific: see README) forwards the query.
    rule = max(rules, key=lambda r: (r["domain"].count("."), r["source"] == "vpc")) if rules else None
    if rule is not None and all(rule["domain"].count(".") >= z.name.count(".") for z in zones):
        out.update({"zone": None, "rcode": "FORWARDED", "forward": rule, "answers": []})
        return out
    if not zones:
        out.update({"zone": None, "rcode": "NO_PRIVATE_ZONE", "answers": []})
        return out
    # most specific zone name wins; on equal names the zone associated with the VPC beats the Profile's
    best = max(zones, key=lambda z: (z.name.count("."), z.source == "vpc"))
    result = _answer_in_zone(best, qname, qtype)
    out.update({"zone": best.summary(), **result})
    # follow a CNAME through the same VPC's view (as the resolver does)
    cname = next((r for r in result["answers"] if r["type"] == "CNAME" and qtype != "CNAME"), None)
    if cname and cname.get("values") and _depth < 8:
        out["cnameTarget"] = resolve(vpc_id, cname["values"][0], qtype, region, _depth + 1)
    return out


def resolve_response(request: Any, full_url: str, headers: Any) -> tuple[int, dict[str, str], str]:
    """GET /_emulator/resolve?vpc=<vpc-id>&name=<fqdn>[&type=A][&region=<r>]"""
    query = {k: v[0] for k, v in parse_qs(urlparse(full_url).query).items()}
    vpc, name = query.get("vpc"), query.get("name")
    hdrs = {"Content-Type": "application/json"}
    if not vpc or not name:
        return 400, hdrs, json.dumps({"error": "parameters vpc and name are required"})
    region = query.get("region") or _vpc_region(vpc)
    if region is None or not any(vpc in b.vpcs for b in _all_backends(ec2_backends, region)):
        return 404, hdrs, json.dumps({"error": f"VPC {vpc} not found in any account"
                                      + (f" in {region}" if region else "")})
    return 200, hdrs, json.dumps(resolve(vpc, name, query.get("type") or "A", region), default=str)


_register(moto_api_urls, {"{0}/_emulator/resolve": resolve_response})

_orig_get_application = DomainDispatcherApplication.get_application


def _get_application(self: Any, environ: dict[str, Any]) -> Any:
    """Serve /_emulator/... from moto's own API app (as /moto-api/... is)."""
    if str(environ.get("PATH_INFO", "")).startswith("/_emulator/"):
        return _orig_get_application(self, {**environ, "PATH_INFO": "/moto-api/"})
    return _orig_get_application(self, environ)


DomainDispatcherApplication.get_application = _get_application
