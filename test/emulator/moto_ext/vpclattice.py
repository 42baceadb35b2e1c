"""VPC Lattice: resource gateways and resource configurations (AWS PrivateLink for VPC resources).

moto 5.2.1 has VPC Lattice services / service networks / target groups but no
resource gateways or resource configurations.  This module adds them on moto's
own VPCLatticeBackend objects (one per account and region):

  * CreateResourceGateway / GetResourceGateway / UpdateResourceGateway /
    DeleteResourceGateway / ListResourceGateways
  * CreateResourceConfiguration / GetResourceConfiguration /
    UpdateResourceConfiguration / DeleteResourceConfiguration /
    ListResourceConfigurations (owned, plus those shared with the caller
    through AWS RAM)
  * TagResource / UntagResource / ListTagsForResource on their ARNs (moto's
    tagger; unknown resource gateway / configuration ARNs -> ResourceNotFoundException)

Shapes follow the vpc-lattice 2022-11-30 API (botocore model).  Create returns
CREATE_IN_PROGRESS, Update UPDATE_IN_PROGRESS, Delete DELETE_IN_PROGRESS; Get
returns ACTIVE at once and NotFound after a delete (what the Terraform
provider's waiters poll for).  ec2_privatelink.py resolves a Resource-type VPC
endpoint's configuration through find_resource_configuration().
"""

from __future__ import annotations

import ipaddress
import json
import re
from datetime import datetime, timezone
from typing import Any
from urllib.parse import unquote

from moto.core.exceptions import JsonRESTError
from moto.ec2.exceptions import EC2ClientError
from moto.ec2.models import ec2_backends
from moto.vpclattice import urls as vl_urls
from moto.vpclattice.models import vpclattice_backends
from moto.vpclattice.responses import VPCLatticeResponse

from . import ram
from ._common import _all_backends, _hex, _register


# ===========================================================================
# VPC Lattice
# ===========================================================================


class _LatticeError(JsonRESTError):
    """restJson1 error with the members the vpc-lattice model declares."""

    def __init__(self, error_type: str, status: int, message: str, **members: Any) -> None:
        super().__init__(error_type, message)
        self.code = status
        self.description = json.dumps({"message": message, **members})


def _validation(message: str, field: str | None = None) -> _LatticeError:
    extra: dict[str, Any] = {"reason": "fieldValidationFailed" if field else "other"}
    if field:
        extra["fieldList"] = [{"name": field, "message": message}]
    return _LatticeError("ValidationException", 400, message, **extra)


def _not_found(rtype: str, rid: str) -> _LatticeError:
    label = {"RESOURCE_GATEWAY": "Resource gateway", "RESOURCE_CONFIGURATION": "Resource configuration"}.get(rtype, rtype)
    return _LatticeError("ResourceNotFoundException", 404, f"{label} {rid} not found",
                         resourceId=rid, resourceType=rtype)


def _conflict(rtype: str, rid: str, message: str) -> _LatticeError:
    return _LatticeError("ConflictException", 409, message, resourceId=rid, resourceType=rtype)


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _lattice_id(prefix: str) -> str:
    return f"{prefix}-{_hex(17)}"


_NAME_RE = re.compile(r"^(?![-])(?!.*[-]$)(?!.*[-]{2})[a-z0-9-]{3,40}$")
_RGW_ARN_RE = re.compile(r"^arn:aws[a-z-]*:vpc-lattice:([a-z0-9-]+):(\d{12}):resourcegateway/(rgw-[0-9a-z]{17})$")
_RCFG_ARN_RE = re.compile(r"^arn:aws[a-z-]*:vpc-lattice:([a-z0-9-]+):(\d{12}):resourceconfiguration/(rcfg-[0-9a-z]{17})$")
_PORT_RANGE_RE = re.compile(r"^(\d{1,5})(?:-(\d{1,5}))?$")
_PRIVATE_V4 = [ipaddress.ip_network(n) for n in ("10.0.0.0/8", "100.64.0.0/10", "172.16.0.0/12", "192.168.0.0/16")]


def _check_name(name: Any, prefix: str) -> str:
    if not isinstance(name, str) or not _NAME_RE.match(name) or name.startswith(prefix + "-"):
        raise _validation(
            f"Invalid name {name!r}: 3-40 characters a-z, 0-9 and hyphens, no leading, trailing or double hyphen, "
            f"must not start with '{prefix}-'", "name")
    return name


# ---- state on moto's backend --------------------------------------------
class ResourceGateway:
    def __init__(self, backend: Any, name: str, vpc_id: str, subnet_ids: list[str], sg_ids: list[str],
                 ip_address_type: str, ipv4_per_eni: int | None, dns_resolution: str | None,
                 client_token: str | None) -> None:
        self.id = _lattice_id("rgw")
        self.account_id = backend.account_id
        self.region = backend.region_name
        self.arn = f"arn:aws:vpc-lattice:{self.region}:{self.account_id}:resourcegateway/{self.id}"
        self.name = name
        self.vpc_id = vpc_id
        self.subnet_ids = subnet_ids
        self.security_group_ids = sg_ids
        self.ip_address_type = ip_address_type
        self.ipv4_addresses_per_eni = ipv4_per_eni
        self.dns_resolution = dns_resolution
        self.client_token = client_token
        self.status = "ACTIVE"
        self.created_at = self.last_updated_at = _now()

    def to_dict(self, vpc_key: str = "vpcId", status: str | None = None, full: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "arn": self.arn, "id": self.id, "name": self.name, "status": status or self.status,
            vpc_key: self.vpc_id, "subnetIds": list(self.subnet_ids),
            "securityGroupIds": list(self.security_group_ids), "ipAddressType": self.ip_address_type,
        }
        if self.ipv4_addresses_per_eni is not None:
            d["ipv4AddressesPerEni"] = self.ipv4_addresses_per_eni
        if self.dns_resolution:
            d["resourceConfigDnsResolution"] = self.dns_resolution
        if full:
            d["createdAt"] = self.created_at
            d["lastUpdatedAt"] = self.last_updated_at
        return d


class ResourceConfiguration:
    def __init__(self, backend: Any, name: str, rtype: str) -> None:
        self.id = _lattice_id("rcfg")
        self.account_id = backend.account_id
        self.region = backend.region_name
        self.arn = f"arn:aws:vpc-lattice:{self.region}:{self.account_id}:resourceconfiguration/{self.id}"
        self.name = name
        self.type = rtype
        self.port_ranges: list[str] = []
        self.protocol: str | None = None
        self.resource_gateway_id: str | None = None
        self.group_id: str | None = None
        self.definition: dict[str, Any] | None = None
        self.allow_shareable = False
        self.custom_domain_name: str | None = None
        self.group_domain: str | None = None
        self.client_token: str | None = None
        self.status = "ACTIVE"
        self.created_at = self.last_updated_at = _now()

    def summary(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "name": self.name, "arn": self.arn, "type": self.type,
                             "status": self.status, "amazonManaged": False,
                             "createdAt": self.created_at, "lastUpdatedAt": self.last_updated_at}
        for key, value in (("resourceGatewayId", self.resource_gateway_id),
                           ("resourceConfigurationGroupId", self.group_id),
                           ("customDomainName", self.custom_domain_name),
                           ("groupDomain", self.group_domain)):
            if value:
                d[key] = value
        return d

    def to_dict(self, status: str | None = None) -> dict[str, Any]:
        d = self.summary()
        d["status"] = status or self.status
        d["allowAssociationToShareableServiceNetwork"] = self.allow_shareable
        if self.type != "ARN":
            d["portRanges"] = list(self.port_ranges)
            if self.protocol:
                d["protocol"] = self.protocol
        if self.definition:
            d["resourceConfigurationDefinition"] = self.definition
        return d


def _gateways(backend: Any) -> dict[str, ResourceGateway]:
    if not hasattr(backend, "resource_gateways"):
        backend.resource_gateways = {}
    return backend.resource_gateways


def _configs(backend: Any) -> dict[str, ResourceConfiguration]:
    if not hasattr(backend, "resource_configurations"):
        backend.resource_configurations = {}
    return backend.resource_configurations


def _existing_backend(account_id: str, region: str) -> Any:
    for backend in _all_backends(vpclattice_backends, region):
        if backend.account_id == account_id:
            return backend
    return None


def find_resource_configuration(arn: str) -> ResourceConfiguration | None:
    """The resource configuration with this ARN, looked up in its owner's
    backend (any account), or None.  Never creates backends."""
    m = _RCFG_ARN_RE.match(arn or "")
    if not m:
        return None
    backend = _existing_backend(m.group(2), m.group(1))
    return _configs(backend).get(m.group(3)) if backend is not None else None


def find_resource_gateway(account_id: str, region: str, gateway_id: str | None) -> ResourceGateway | None:
    backend = _existing_backend(account_id, region)
    return _gateways(backend).get(gateway_id or "") if backend is not None else None


def _ram_validator(arn: str, share_account: str, share_region: str) -> bool:
    """RAM: a resource configuration can be shared only by its owner, in its region."""
    cfg = find_resource_configuration(arn)
    return cfg is not None and cfg.account_id == share_account and cfg.region == share_region


ram.register_resource_validator("vpc-lattice", "resourceconfiguration", _ram_validator)


# ---- request helpers -------------------------------------------------------
def _body(self: Any) -> dict[str, Any]:
    if not getattr(self, "body", None):
        return {}
    try:
        data = json.loads(self.body)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _path_id(self: Any, collection: str) -> str:
    path = unquote(self.path.split("?", 1)[0])
    return path.split(f"/{collection}/", 1)[1]


def _backend(self: Any) -> Any:
    return vpclattice_backends[self.current_account][self.region]


def _ec2(self: Any) -> Any:
    return ec2_backends[self.current_account][self.region]


def _paginate(self: Any, items: list[dict[str, Any]]) -> str:
    start = int(self._get_param("nextToken") or 0)
    limit = int(self._get_param("maxResults") or 100)
    page = items[start:start + limit]
    out: dict[str, Any] = {"items": page}
    if start + limit < len(items):
        out["nextToken"] = str(start + limit)
    return json.dumps(out)


def _created(body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return json.dumps(body), {"status": 201}


def _resolve_gateway(self: Any, identifier: str | None) -> ResourceGateway:
    """A gateway of the caller's account+region, by id or ARN."""
    ident = identifier or ""
    m = _RGW_ARN_RE.match(ident)
    gid = m.group(3) if m else ident
    if m and (m.group(1) != self.region or m.group(2) != self.current_account):
        raise _not_found("RESOURCE_GATEWAY", ident)
    gw = _gateways(_backend(self)).get(gid)
    if gw is None:
        raise _not_found("RESOURCE_GATEWAY", ident)
    return gw


def _resolve_config(self: Any, identifier: str | None, allow_shared: bool = False) -> ResourceConfiguration:
    """A configuration of the caller's account+region, by id or ARN; with
    allow_shared also another account's configuration (by ARN) shared with the
    caller through RAM (the AWS managed RAM permission allows reading it)."""
    ident = identifier or ""
    m = _RCFG_ARN_RE.match(ident)
    if m and m.group(1) == self.region and m.group(2) != self.current_account:
        cfg = find_resource_configuration(ident)
        if allow_shared and cfg is not None and ram.shared_with(self.current_account, cfg.arn):
            return cfg
        raise _not_found("RESOURCE_CONFIGURATION", ident)
    if m and m.group(1) != self.region:
        raise _not_found("RESOURCE_CONFIGURATION", ident)
    cfg = _configs(_backend(self)).get(m.group(3) if m else ident)
    if cfg is None:
        raise _not_found("RESOURCE_CONFIGURATION", ident)
    return cfg


# ---- resource gateways -----------------------------------------------------
def _check_security_groups(ec2: Any, vpc_id: str, sg_ids: list[str]) -> None:
    if len(sg_ids) > 5:
        raise _validation("A resource gateway can have at most 5 security groups", "securityGroupIds")
    for sg_id in sg_ids:
        sg = ec2.get_security_group_from_id(sg_id)
        if sg is None:
            raise _validation(f"Security group {sg_id} does not exist", "securityGroupIds")
        if sg.vpc_id != vpc_id:
            raise _validation(f"Security group {sg_id} is not in VPC {vpc_id}", "securityGroupIds")


def create_resource_gateway(self: Any) -> tuple[str, dict[str, Any]]:
    """VPC Lattice CreateResourceGateway: VPC, subnets and security groups must
    exist in the caller's account+region (subnets and groups in that VPC, at
    most 5 groups; none given -> the VPC's default group); name unique in the
    account; ipAddressType IPV4 by default, 16 IPv4 addresses per ENI,
    resourceConfigDnsResolution PUBLIC by default."""
    body = _body(self)
    backend = _backend(self)
    token = body.get("clientToken")
    if token:
        for gw in _gateways(backend).values():
            if gw.client_token == token:
                return _created(gw.to_dict("vpcIdentifier", "CREATE_IN_PROGRESS", full=False))
    name = _check_name(body.get("name"), "rgw")
    if any(gw.name == name for gw in _gateways(backend).values()):
        raise _conflict("RESOURCE_GATEWAY", name, f"A resource gateway named {name} already exists")
    ec2 = _ec2(self)
    vpc_id = body.get("vpcIdentifier")
    if not vpc_id or vpc_id not in ec2.vpcs:
        raise _validation(f"VPC {vpc_id} does not exist", "vpcIdentifier")
    subnet_ids = list(body.get("subnetIds") or [])
    if not subnet_ids:
        raise _validation("At least one subnet is required", "subnetIds")
    for sid in subnet_ids:
        try:
            subnet = ec2.get_subnet(sid)
        except EC2ClientError:
            raise _validation(f"Subnet {sid} does not exist", "subnetIds")
        if subnet.vpc_id != vpc_id:
            raise _validation(f"Subnet {sid} is not in VPC {vpc_id}", "subnetIds")
    sg_ids = list(body.get("securityGroupIds") or [])
    _check_security_groups(ec2, vpc_id, sg_ids)
    if not sg_ids:
        default = ec2.get_default_security_group(vpc_id)
        sg_ids = [default.id] if default is not None else []
    ip_type = body.get("ipAddressType") or "IPV4"
    if ip_type not in ("IPV4", "IPV6", "DUALSTACK"):
        raise _validation(f"Invalid ipAddressType {ip_type}", "ipAddressType")
    per_eni = body.get("ipv4AddressesPerEni")
    if ip_type == "IPV6":
        per_eni = None
    elif per_eni is None:
        per_eni = 16
    elif not 1 <= int(per_eni) <= 62:
        raise _validation("ipv4AddressesPerEni must be between 1 and 62", "ipv4AddressesPerEni")
    dns_resolution = body.get("resourceConfigDnsResolution") or "PUBLIC"
    if dns_resolution not in ("IN_VPC", "PUBLIC"):
        raise _validation(f"Invalid resourceConfigDnsResolution {dns_resolution}", "resourceConfigDnsResolution")
    gw = ResourceGateway(backend, name, vpc_id, subnet_ids, sg_ids, ip_type, per_eni, dns_resolution, token)
    _gateways(backend)[gw.id] = gw
    backend.tag_resource(gw.arn, body.get("tags") or {})
    return _created(gw.to_dict("vpcIdentifier", "CREATE_IN_PROGRESS", full=False))


def get_resource_gateway(self: Any) -> str:
    """VPC Lattice GetResourceGateway (by id or ARN)."""
    gw = _resolve_gateway(self, _path_id(self, "resourcegateways"))
    return json.dumps(gw.to_dict())


def update_resource_gateway(self: Any) -> str:
    """VPC Lattice UpdateResourceGateway: only the security groups can change."""
    gw = _resolve_gateway(self, _path_id(self, "resourcegateways"))
    body = _body(self)
    if "securityGroupIds" in body:
        sg_ids = list(body.get("securityGroupIds") or [])
        _check_security_groups(_ec2(self), gw.vpc_id, sg_ids)
        gw.security_group_ids = sg_ids
        gw.last_updated_at = _now()
    return json.dumps(gw.to_dict("vpcId", "UPDATE_IN_PROGRESS", full=False))


def delete_resource_gateway(self: Any) -> str:
    """VPC Lattice DeleteResourceGateway.  Refused (ConflictException) while
    resource configurations still use the gateway."""
    gw = _resolve_gateway(self, _path_id(self, "resourcegateways"))
    backend = _backend(self)
    users = sorted(c.id for c in _configs(backend).values() if c.resource_gateway_id == gw.id)
    if users:
        raise _conflict("RESOURCE_GATEWAY", gw.id,
                        f"Resource gateway {gw.id} has resource configurations associated: {', '.join(users)}")
    del _gateways(backend)[gw.id]
    backend.tagger.delete_all_tags_for_resource(gw.arn)
    return json.dumps({"id": gw.id, "arn": gw.arn, "name": gw.name, "status": "DELETE_IN_PROGRESS"})


def list_resource_gateways(self: Any) -> str:
    """VPC Lattice ListResourceGateways (the caller's, in creation order)."""
    items = [gw.to_dict("vpcIdentifier") for gw in _gateways(_backend(self)).values()]
    return _paginate(self, items)


# ---- resource configurations ---------------------------------------------
def _check_port_ranges(ranges: Any) -> list[str]:
    if not isinstance(ranges, list) or not ranges:
        raise _validation("portRanges is required for this resource configuration type", "portRanges")
    for value in ranges:
        m = _PORT_RANGE_RE.match(str(value))
        if not m:
            raise _validation(f"Invalid port range {value!r}: a port (1-65535) or 'from-to'", "portRanges")
        low, high = int(m.group(1)), int(m.group(2) or m.group(1))
        if not (1 <= low <= high <= 65535):
            raise _validation(f"Invalid port range {value!r}: ports must be 1-65535, from <= to", "portRanges")
    return [str(v) for v in ranges]


def _check_definition(rtype: str, definition: Any) -> dict[str, Any] | None:
    """SINGLE / CHILD: exactly one of dnsResource / ipResource; ARN: arnResource;
    GROUP: none."""
    members = {k: v for k, v in (definition or {}).items() if v is not None}
    if rtype == "GROUP":
        if members:
            raise _validation("A resource configuration of type GROUP has no resourceConfigurationDefinition",
                              "resourceConfigurationDefinition")
        return None
    allowed = {"ARN": ("arnResource",)}.get(rtype, ("dnsResource", "ipResource"))
    if len(members) != 1 or next(iter(members)) not in allowed:
        raise _validation(f"Type {rtype} requires resourceConfigurationDefinition with exactly one of "
                          f"{' / '.join(allowed)}", "resourceConfigurationDefinition")
    key, value = next(iter(members.items()))
    if key == "dnsResource":
        domain = value.get("domainName") or ""
        if not 3 <= len(domain) <= 255:
            raise _validation("dnsResource.domainName must be 3-255 characters", "resourceConfigurationDefinition")
        if value.get("ipAddressType") not in ("IPV4", "IPV6", "DUALSTACK"):
            raise _validation("dnsResource.ipAddressType must be IPV4, IPV6 or DUALSTACK",
                              "resourceConfigurationDefinition")
        return {"dnsResource": {"domainName": domain, "ipAddressType": value["ipAddressType"]}}
    if key == "ipResource":
        try:
            ip = ipaddress.ip_address(value.get("ipAddress") or "")
        except ValueError:
            raise _validation(f"Invalid ipResource.ipAddress {value.get('ipAddress')!r}",
                              "resourceConfigurationDefinition")
        if ip.version == 4 and not any(ip in net for net in _PRIVATE_V4):
            raise _validation(f"ipResource.ipAddress {ip} must be a private IPv4 address "
                              "(10.0.0.0/8, 100.64.0.0/10, 172.16.0.0/12, 192.168.0.0/16)",
                              "resourceConfigurationDefinition")
        return {"ipResource": {"ipAddress": str(ip)}}
    arn = value.get("arn") or ""
    if not re.match(r"^arn:[a-z0-9][-.a-z0-9]{0,62}:[a-z0-9][-.a-z0-9]{0,62}:", arn):
        raise _validation(f"Invalid arnResource.arn {arn!r}", "resourceConfigurationDefinition")
    return {"arnResource": {"arn": arn}}


def create_resource_configuration(self: Any) -> tuple[str, dict[str, Any]]:
    """VPC Lattice CreateResourceConfiguration (SINGLE, GROUP, CHILD, ARN).
    Name unique in the account; the resource gateway (SINGLE, GROUP, ARN) or
    parent GROUP (CHILD) must exist in the caller's account+region; port
    ranges ('443', '8000-8100'; 1-65535) for SINGLE / GROUP / CHILD; protocol
    TCP; IPv4 ipResource must be private; customDomainName is refused on GROUP
    (AWS: 'Unexpected attribute customDomainName for type GROUP'); type ARN
    cannot use a gateway whose resourceConfigDnsResolution is IN_VPC."""
    body = _body(self)
    backend = _backend(self)
    token = body.get("clientToken")
    if token:
        for cfg in _configs(backend).values():
            if cfg.client_token == token:
                return _created(cfg.to_dict("CREATE_IN_PROGRESS"))
    name = _check_name(body.get("name"), "rcfg")
    if any(c.name == name for c in _configs(backend).values()):
        raise _conflict("RESOURCE_CONFIGURATION", name, f"A resource configuration named {name} already exists")
    rtype = body.get("type")
    if rtype not in ("SINGLE", "GROUP", "CHILD", "ARN"):
        raise _validation(f"Invalid type {rtype!r}: SINGLE, GROUP, CHILD or ARN", "type")
    cfg = ResourceConfiguration(backend, name, rtype)
    if rtype == "CHILD":
        parent = _resolve_config(self, body.get("resourceConfigurationGroupIdentifier"))
        if parent.type != "GROUP":
            raise _validation(f"{parent.id} is not a resource configuration of type GROUP",
                              "resourceConfigurationGroupIdentifier")
        cfg.group_id = parent.id
        cfg.resource_gateway_id = parent.resource_gateway_id
        cfg.protocol = parent.protocol
    else:
        if body.get("resourceConfigurationGroupIdentifier"):
            raise _validation(f"resourceConfigurationGroupIdentifier is only valid for type CHILD, not {rtype}",
                              "resourceConfigurationGroupIdentifier")
        gw = _resolve_gateway(self, body.get("resourceGatewayIdentifier"))
        if rtype == "ARN" and gw.dns_resolution == "IN_VPC":
            raise _validation(f"Resource gateway {gw.id} has resourceConfigDnsResolution IN_VPC: "
                              "resource configurations of type ARN cannot use it", "resourceGatewayIdentifier")
        cfg.resource_gateway_id = gw.id
    cfg.definition = _check_definition(rtype, body.get("resourceConfigurationDefinition"))
    if rtype != "ARN":
        cfg.port_ranges = _check_port_ranges(body.get("portRanges"))
        protocol = body.get("protocol") or cfg.protocol or "TCP"
        if protocol != "TCP":
            raise _validation(f"Invalid protocol {protocol!r}: only TCP is supported", "protocol")
        cfg.protocol = protocol
    elif body.get("portRanges") or body.get("protocol"):
        raise _validation("portRanges and protocol are not valid for type ARN", "portRanges")
    if body.get("customDomainName"):
        if rtype == "GROUP":
            raise _validation("Unexpected attribute customDomainName for type GROUP", "customDomainName")
        cfg.custom_domain_name = body["customDomainName"]
    if body.get("groupDomain"):
        if rtype != "GROUP":
            raise _validation(f"Unexpected attribute groupDomain for type {rtype}", "groupDomain")
        cfg.group_domain = body["groupDomain"]
    cfg.allow_shareable = bool(body.get("allowAssociationToShareableServiceNetwork", False))
    cfg.client_token = token
    _configs(backend)[cfg.id] = cfg
    backend.tag_resource(cfg.arn, body.get("tags") or {})
    return _created(cfg.to_dict("CREATE_IN_PROGRESS"))


def get_resource_configuration(self: Any) -> str:
    """VPC Lattice GetResourceConfiguration (by id or ARN; another account's
    configuration by ARN when it is shared with the caller through RAM)."""
    cfg = _resolve_config(self, _path_id(self, "resourceconfigurations"), allow_shared=True)
    return json.dumps(cfg.to_dict())


def update_resource_configuration(self: Any) -> str:
    """VPC Lattice UpdateResourceConfiguration: portRanges,
    resourceConfigurationDefinition (same kind: dns/ip, not to or from ARN),
    allowAssociationToShareableServiceNetwork."""
    cfg = _resolve_config(self, _path_id(self, "resourceconfigurations"))
    body = _body(self)
    if "portRanges" in body:
        if cfg.type == "ARN":
            raise _validation("portRanges is not valid for type ARN", "portRanges")
        cfg.port_ranges = _check_port_ranges(body["portRanges"])
    if body.get("resourceConfigurationDefinition") is not None:
        cfg.definition = _check_definition(cfg.type, body["resourceConfigurationDefinition"])
    if "allowAssociationToShareableServiceNetwork" in body:
        cfg.allow_shareable = bool(body["allowAssociationToShareableServiceNetwork"])
    cfg.last_updated_at = _now()
    out = cfg.to_dict("UPDATE_IN_PROGRESS")
    for key in ("createdAt", "lastUpdatedAt", "amazonManaged", "customDomainName", "groupDomain"):
        out.pop(key, None)
    return json.dumps(out)


def delete_resource_configuration(self: Any) -> tuple[str, dict[str, Any]]:
    """VPC Lattice DeleteResourceConfiguration (204).  A GROUP with CHILD
    configurations is refused (ConflictException)."""
    cfg = _resolve_config(self, _path_id(self, "resourceconfigurations"))
    backend = _backend(self)
    children = sorted(c.id for c in _configs(backend).values() if c.group_id == cfg.id)
    if children:
        raise _conflict("RESOURCE_CONFIGURATION", cfg.id,
                        f"Resource configuration {cfg.id} has child resource configurations: {', '.join(children)}")
    del _configs(backend)[cfg.id]
    backend.tagger.delete_all_tags_for_resource(cfg.arn)
    return "", {"status": 204}


def list_resource_configurations(self: Any) -> str:
    """VPC Lattice ListResourceConfigurations: the caller's configurations, then
    those of other accounts (same region) shared with it through RAM;
    filters resourceGatewayIdentifier, resourceConfigurationGroupIdentifier."""
    own = list(_configs(_backend(self)).values())
    shared = [c for b in _all_backends(vpclattice_backends, self.region) if b.account_id != self.current_account
              for c in _configs(b).values() if ram.shared_with(self.current_account, c.arn)]
    gw_filter = self._get_param("resourceGatewayIdentifier")
    group_filter = self._get_param("resourceConfigurationGroupIdentifier")
    items = []
    for cfg in own + shared:
        gw_arn = f"arn:aws:vpc-lattice:{cfg.region}:{cfg.account_id}:resourcegateway/{cfg.resource_gateway_id}"
        if gw_filter and gw_filter not in (cfg.resource_gateway_id, gw_arn):
            continue
        if group_filter and group_filter not in (cfg.group_id, cfg.arn.replace(cfg.id, cfg.group_id or "")):
            continue
        items.append(cfg.summary())
    return _paginate(self, items)


# ---- tags ----------------------------------------------------------------
def _check_taggable(self: Any, arn: str) -> None:
    for regex, store, rtype in ((_RGW_ARN_RE, _gateways, "RESOURCE_GATEWAY"),
                                (_RCFG_ARN_RE, _configs, "RESOURCE_CONFIGURATION")):
        m = regex.match(arn)
        if m and (m.group(1) != self.region or m.group(2) != self.current_account
                  or m.group(3) not in store(_backend(self))):
            raise _not_found(rtype, arn)


def _tag_wrapper(orig: Any) -> Any:
    def wrapped(self: Any) -> Any:
        arn = unquote(self._get_param("resourceArn") or "")
        _check_taggable(self, arn)
        return orig(self)
    wrapped.__name__ = orig.__name__
    wrapped.__doc__ = (f"VPC Lattice {orig.__name__}: moto's tagger, but ResourceNotFoundException "
                       "for an unknown resource gateway / configuration ARN.")
    return wrapped


for _name in ("tag_resource", "untag_resource", "list_tags_for_resource"):
    setattr(VPCLatticeResponse, _name, _tag_wrapper(getattr(VPCLatticeResponse, _name)))

for _fn in (create_resource_gateway, get_resource_gateway, update_resource_gateway, delete_resource_gateway,
            list_resource_gateways, create_resource_configuration, get_resource_configuration,
            update_resource_configuration, delete_resource_configuration, list_resource_configurations):
    setattr(VPCLatticeResponse, _fn.__name__, _fn)

_register(vl_urls, {
    "{0}/resourcegateways$": VPCLatticeResponse.dispatch,
    "{0}/resourcegateways/(?P<resourceGatewayIdentifier>.+)$": VPCLatticeResponse.dispatch,
    "{0}/resourceconfigurations$": VPCLatticeResponse.dispatch,
    "{0}/resourceconfigurations/(?P<resourceConfigurationIdentifier>.+)$": VPCLatticeResponse.dispatch,
})
