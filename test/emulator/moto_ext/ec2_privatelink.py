"""EC2 PrivateLink: endpoint services, connections, permissions, notifications, cross-account and cross-region interface endpoints."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from moto.core.responses import ActionResult
from moto.ec2.exceptions import EC2ClientError, InvalidServiceName
from moto.ec2.models import ec2_backends
from moto.ec2.models.vpc_service_configuration import VPCServiceConfiguration, VPCServiceConfigurationBackend
from moto.ec2.models.vpcs import VPCBackend, VPCEndPoint
from moto.ec2.responses import EC2Response

from ._common import _all_backends, _hex


# ===========================================================================
# EC2
# ===========================================================================


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
