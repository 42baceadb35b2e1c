"""EC2 PrivateLink: endpoint services, connections, permissions, notifications, cross-account and cross-region
interface endpoints, Resource-type endpoints (VPC Lattice resource configurations)."""

from __future__ import annotations

import hashlib
import ipaddress
import re
from typing import Any, NamedTuple

from moto.core.responses import ActionResult
from moto.ec2.exceptions import EC2ClientError, InvalidServiceName
from moto.ec2.models import ec2_backends
from moto.ec2.models.availability_zones_and_regions import RegionsAndZonesBackend
from moto.ec2.models.vpc_service_configuration import VPCServiceConfiguration, VPCServiceConfigurationBackend
from moto.ec2.models.vpcs import VPCBackend, VPCEndPoint
from moto.ec2.responses import EC2Response

from . import iam_auth, ram, vpclattice
from .ec2_availability_zones import zone_id_of, zone_name_of
from ._common import _all_backends, _hex


# ===========================================================================
# EC2
# ===========================================================================


class _Ec2Error(EC2ClientError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message)


_Ec2Error.__module__ = "moto.ec2.exceptions"  # see _R53Error


# ---- AWS interface endpoint services --------------------------------------
class AwsInterfaceService(NamedTuple):
    """One AWS service as DescribeVpcEndpointServices shows it ({r} = Region)."""
    private_dns: tuple[str, ...]  # PrivateDnsNames; the first is PrivateDnsName; () = the service offers none
    base: str                     # BaseEndpointDnsNames[0]
    source: str                   # where the private DNS name(s) come from


_GENERAL_REFERENCE = "service endpoint hostname, AWS General Reference (one name; AWS may also list *.api.aws)"

# service suffix of com.amazonaws.<r>.<suffix> -> entry.  Sources: docs/aws-facts/privatelink.md
# section 7 and the README table; "facts 7.x" below refers to it.
AWS_INTERFACE_SERVICES: dict[str, AwsInterfaceService] = {
    "sts": AwsInterfaceService(("sts.{r}.amazonaws.com",), "sts.{r}.vpce.amazonaws.com", _GENERAL_REFERENCE),
    "ssm": AwsInterfaceService(("ssm.{r}.amazonaws.com",), "ssm.{r}.vpce.amazonaws.com", _GENERAL_REFERENCE),
    "ssmmessages": AwsInterfaceService(("ssmmessages.{r}.amazonaws.com",), "ssmmessages.{r}.vpce.amazonaws.com",
                                       _GENERAL_REFERENCE),
    "ec2messages": AwsInterfaceService(("ec2messages.{r}.amazonaws.com",), "ec2messages.{r}.vpce.amazonaws.com",
                                       _GENERAL_REFERENCE),
    "ec2": AwsInterfaceService(("ec2.{r}.amazonaws.com",), "ec2.{r}.vpce.amazonaws.com", _GENERAL_REFERENCE),
    "logs": AwsInterfaceService(("logs.{r}.amazonaws.com",), "logs.{r}.vpce.amazonaws.com", _GENERAL_REFERENCE),
    "kms": AwsInterfaceService(("kms.{r}.amazonaws.com",), "kms.{r}.vpce.amazonaws.com", _GENERAL_REFERENCE),
    "secretsmanager": AwsInterfaceService(("secretsmanager.{r}.amazonaws.com",),
                                          "secretsmanager.{r}.vpce.amazonaws.com", _GENERAL_REFERENCE),
    # PrivateLink guide, "View information about a service": describe-vpc-endpoint-services output (facts 7.4)
    "monitoring": AwsInterfaceService(
        ("monitoring.{r}.amazonaws.com", "monitoring.{r}.api.aws", "monitoring-fips.{r}.amazonaws.com",
         "monitoring-fips.{r}.api.aws"), "monitoring.{r}.vpce.amazonaws.com",
        "PrivateLink guide, describe-vpc-endpoint-services example for com.amazonaws.us-east-1.monitoring"),
    "sqs": AwsInterfaceService(("sqs.{r}.amazonaws.com",), "sqs.{r}.vpce.amazonaws.com", _GENERAL_REFERENCE),
    "sns": AwsInterfaceService(("sns.{r}.amazonaws.com",), "sns.{r}.vpce.amazonaws.com", _GENERAL_REFERENCE),
    # ECR user guide, "Amazon ECR interface VPC endpoints" (facts 7.6)
    "ecr.api": AwsInterfaceService(("api.ecr.{r}.amazonaws.com",), "api.ecr.{r}.vpce.amazonaws.com",
                                   "ECR user guide: com.amazonaws.<r>.ecr.api serves api.ecr.<r>.amazonaws.com"),
    # registry host <account>.dkr.ecr.<r>.amazonaws.com; whitepaper: "dkr.ecr require a wildcard" (facts 7.1, 7.6)
    "ecr.dkr": AwsInterfaceService(("*.dkr.ecr.{r}.amazonaws.com",), "dkr.ecr.{r}.vpce.amazonaws.com",
                                   "ECR user guide + centralized-endpoints whitepaper (wildcard for dkr.ecr)"),
    # S3 user guide, "Private DNS": regional bucket, control and access point endpoints (facts 7.2);
    # the wildcard form follows the host names <bucket>.s3.<r>, <account>.s3-control.<r>,
    # <name>-<account>.s3-accesspoint.<r> (inferred; AWS does not print the list)
    "s3": AwsInterfaceService(
        ("*.s3.{r}.amazonaws.com", "*.s3-accesspoint.{r}.amazonaws.com", "*.s3-control.{r}.amazonaws.com"),
        "s3.{r}.vpce.amazonaws.com", "S3 user guide, AWS PrivateLink for Amazon S3 > Private DNS"),
    # DynamoDB developer guide: private DNS is not supported for DynamoDB interface endpoints (facts 7.5)
    "dynamodb": AwsInterfaceService((), "dynamodb.{r}.vpce.amazonaws.com",
                                    "DynamoDB developer guide: interface endpoints do not support private DNS"),
    # endpoint service name differs from the API host name (LZA issue #1014, facts 7.3)
    "kinesis-streams": AwsInterfaceService(("kinesis.{r}.amazonaws.com",), "kinesis.{r}.vpce.amazonaws.com",
                                           "LZA #1014: kinesis-streams resolves as kinesis.<r>.amazonaws.com"),
    "kinesis-firehose": AwsInterfaceService(("firehose.{r}.amazonaws.com",), "firehose.{r}.vpce.amazonaws.com",
                                            "LZA #1014: kinesis-firehose resolves as firehose.<r>.amazonaws.com"),
    # private REST APIs are called at <api-id>.execute-api.<r>.amazonaws.com (API Gateway developer guide)
    "execute-api": AwsInterfaceService(("*.execute-api.{r}.amazonaws.com",), "execute-api.{r}.vpce.amazonaws.com",
                                       "API Gateway developer guide, private APIs"),
    "lambda": AwsInterfaceService(("lambda.{r}.amazonaws.com",), "lambda.{r}.vpce.amazonaws.com", _GENERAL_REFERENCE),
    "elasticloadbalancing": AwsInterfaceService(("elasticloadbalancing.{r}.amazonaws.com",),
                                                "elasticloadbalancing.{r}.vpce.amazonaws.com", _GENERAL_REFERENCE),
    "events": AwsInterfaceService(("events.{r}.amazonaws.com",), "events.{r}.vpce.amazonaws.com", _GENERAL_REFERENCE),
    "states": AwsInterfaceService(("states.{r}.amazonaws.com",), "states.{r}.vpce.amazonaws.com", _GENERAL_REFERENCE),
    # SES developer guide, "Setting up VPC endpoints with Amazon SES": SMTP endpoint (ports 465/587/2465/2587)
    "email-smtp": AwsInterfaceService(("email-smtp.{r}.amazonaws.com",), "email-smtp.{r}.vpce.amazonaws.com",
                                      "SES developer guide, VPC endpoints: SMTP endpoint email-smtp.<r>.amazonaws.com"),
    # Amazon Keyspaces developer guide, service endpoints / interface VPC endpoints (port 9142)
    "cassandra": AwsInterfaceService(("cassandra.{r}.amazonaws.com",), "cassandra.{r}.vpce.amazonaws.com",
                                     "Keyspaces developer guide, service endpoints: cassandra.<r>.amazonaws.com"),
}


def aws_service_private_dns_names(service_suffix: str, region: str) -> list[str]:
    """Private DNS names of an AWS interface endpoint service (empty when it offers none)."""
    entry = AWS_INTERFACE_SERVICES.get(service_suffix)
    return [name.format(r=region) for name in entry.private_dns] if entry else []


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


def _aws_service_entry(region: str, zones: list[str], zone_ids: list[str], svc: str) -> dict[str, Any]:
    entry = AWS_INTERFACE_SERVICES[svc]
    name = f"com.amazonaws.{region}.{svc}"
    names = aws_service_private_dns_names(svc, region)
    out: dict[str, Any] = {
        "AcceptanceRequired": False,
        "AvailabilityZones": zones,
        "AvailabilityZoneIds": zone_ids,
        "BaseEndpointDnsNames": [entry.base.format(r=region)],
        "ManagesVpcEndpoints": False,
        "Owner": "amazon",
        "ServiceId": _stable_svc_id(name),
        "ServiceName": name,
        "ServiceType": [{"ServiceType": "Interface"}],
        "SupportedIpAddressTypes": ["ipv4"],
        "ServiceRegion": region,
        "Tags": [],
        "VpcEndpointPolicySupported": True,
    }
    if names:  # a service without private DNS (dynamodb) has none of these members
        out["PrivateDnsName"] = names[0]
        out["PrivateDnsNameVerificationState"] = "verified"
        out["PrivateDnsNames"] = [{"PrivateDnsName": n} for n in names]
    return out


_orig_collect = VPCBackend._collect_default_endpoint_services
_patched_regions: set[str] = set()


def _collect_default_endpoint_services(account_id: str, region: str) -> list[dict[str, Any]]:
    """DescribeVpcEndpointServices (AWS services): replace moto's entries for
    the services in AWS_INTERFACE_SERVICES by realistic Interface entries
    (moto had e.g. no sts, a Gateway-only s3/dynamodb, and PrivateDnsNames like
    'ecr.dkr.us-east-1.amazonaws.com')."""
    services = _orig_collect(account_id, region)
    if region not in _patched_regions:
        base = RegionsAndZonesBackend.zones.get(region, [])
        zones = sorted(z.name for z in base) or [f"{region}{z}" for z in "abc"]
        zone_ids = sorted(z.zone_id for z in base)
        ours = {f"com.amazonaws.{region}.{svc}" for svc in AWS_INTERFACE_SERVICES}
        services[:] = [s for s in services if s["ServiceName"] not in ours]
        services.extend(_aws_service_entry(region, zones, zone_ids, svc) for svc in AWS_INTERFACE_SERVICES)
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


def _config_zone_ids(config: Any) -> list[str]:
    """AZ ids of the service: those of its load balancers' subnets when the service was created
    (AWS: a zone enabled on the NLB later is not enabled for the endpoint service)."""
    ids = getattr(config, "availability_zone_ids", None)
    if ids is None:  # created before this module patched the constructor
        owner = config.ec2_backend
        ids = [zone_id_of(owner.account_id, owner.region_name, n) or n for n in config.availability_zones]
    return ids


def _config_to_dict(self: Any, viewer: str | None = None, viewer_region: str | None = None) -> dict[str, Any]:
    """ServiceDetail of a customer endpoint service, with ServiceRegion and AvailabilityZoneIds;
    AvailabilityZones are names in the viewer's account mapping (the owner's by default)."""
    d = _orig_to_dict(self)
    region = self.ec2_backend.region_name
    d["ServiceRegion"] = region
    ids = _config_zone_ids(self)
    d["AvailabilityZoneIds"] = list(ids)
    if viewer is not None and viewer != self.ec2_backend.account_id:
        if (viewer_region or region) == region:
            d["AvailabilityZones"] = [zone_name_of(viewer, region, i) or i for i in ids]
        else:  # cross-Region: AWS lists no zones (provider issue #44186: availability_zones = [])
            d["AvailabilityZones"] = []
            d["AvailabilityZoneIds"] = []
    return d


class _ConsumerView:
    """A customer endpoint service as another account sees it in DescribeVpcEndpointServices."""

    def __init__(self, config: Any, viewer: str, region: str) -> None:
        self.config, self.viewer, self.region = config, viewer, region

    def to_dict(self) -> dict[str, Any]:
        return _config_to_dict(self.config, self.viewer, self.region)


_orig_config_init = VPCServiceConfiguration.__init__


def _config_init(self: Any, load_balancers: list[Any], *args: Any, **kwargs: Any) -> None:
    _orig_config_init(self, load_balancers, *args, **kwargs)
    self.availability_zone_ids = []
    for lb in load_balancers:
        for subnet in lb.subnets:
            if subnet.availability_zone_id not in self.availability_zone_ids:
                self.availability_zone_ids.append(subnet.availability_zone_id)


VPCServiceConfiguration.__init__ = _config_init


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
    self.configurations.update({c.id: _ConsumerView(c, self.account_id, region) for c in foreign})
    try:
        return _orig_describe_services(self, service_names, filters, max_results, next_token, region)
    finally:
        self.configurations = saved


VPCBackend.describe_vpc_endpoint_services = _describe_vpc_endpoint_services


# ---- CreateVpcEndpoint ----------------------------------------------------
_orig_create_vpc_endpoint = VPCBackend.create_vpc_endpoint


def _private_dns_before_acceptance(service_name: str | None) -> Exception:
    return _Ec2Error("InvalidParameter",
                     f"Private DNS can only be enabled after the endpoint connection is accepted by the owner of {service_name}")


# Availability Zone ids AWS excludes from cross-Region access (PrivateLink guide, "Cross-Region access").
REMOTE_ACCESS_EXCLUDED_AZ_IDS = ("use1-az3", "usw1-az2", "apne1-az3", "apne2-az2", "apne2-az4")


def check_endpoint_subnets(backend: Any, config: Any, service_name: str | None, subnet_ids: list[str]) -> None:
    """Subnets of an interface endpoint to a customer endpoint service, by AZ id as AWS checks them.

    Same Region: every subnet's AZ id must be one where the service is available (its NLB subnets):
    InvalidParameter "The VPC endpoint service <name> does not support the availability zone of the
    subnet: <subnet-id>."  Cross-Region (ServiceRegion): no subnet in an AZ excluded from remote
    access: InvalidParameter "Only the following availability zones are supported for remote access:
    <the caller Region's other AZ ids, in the caller's AZ-name order>"."""
    if config is None:
        return
    subnets = [backend.get_subnet(sid) for sid in subnet_ids]
    if config.ec2_backend.region_name == backend.region_name:
        allowed = set(_config_zone_ids(config))
        for subnet in subnets:
            if subnet.availability_zone_id not in allowed:
                raise _Ec2Error("InvalidParameter",
                                f"The VPC endpoint service {service_name} does not support the availability zone "
                                f"of the subnet: {subnet.id}.")
        return
    if any(subnet.availability_zone_id in REMOTE_ACCESS_EXCLUDED_AZ_IDS for subnet in subnets):
        supported = [z.zone_id for z in backend.describe_availability_zones()
                     if z.zone_id not in REMOTE_ACCESS_EXCLUDED_AZ_IDS]
        raise _Ec2Error("InvalidParameter",
                        f"Only the following availability zones are supported for remote access: {', '.join(supported)}")


def _service_private_dns_names(config: Any, service_name: str | None) -> list[str]:
    if config is not None:
        return [config.private_dns_name] if config.private_dns_name else []
    prefix = "com.amazonaws."
    rest = (service_name or "")[len(prefix):] if (service_name or "").startswith(prefix) else ""
    svc = rest.split(".", 1)[1] if "." in rest else ""
    if svc in AWS_INTERFACE_SERVICES:
        return aws_service_private_dns_names(svc, rest.split(".", 1)[0])
    return ["?"]  # a service this table does not know: not checked


def _no_private_dns_name(service_name: str | None) -> Exception:
    # wording of the EC2 error (facts-privatelink 6.3, verbatim from a public report)
    return _Ec2Error("InvalidParameter", f"Private DNS can't be enabled because the service {service_name} does not "
                                         "provide a private DNS name.")


def _create_vpc_endpoint(self: Any, *args: Any, service_region: str | None = None,
                         resource_configuration_arn: str | None = None, ip_address_type: str | None = None,
                         service_network_arn: str | None = None, **kwargs: Any) -> VPCEndPoint:
    """CreateVpcEndpoint: resolve customer endpoint services owned by other
    accounts / regions (ServiceRegion), start in pendingAcceptance when the
    service requires acceptance, store ServiceRegion and realistic DnsEntries.
    VpcEndpointType Resource: see _create_resource_endpoint."""
    if (kwargs.get("endpoint_type") or "").lower() == "resource":
        return _create_resource_endpoint(self, resource_configuration_arn, ip_address_type,
                                         service_network_arn, service_region, **kwargs)
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
    if (kwargs.get("endpoint_type") or "").lower() == "interface":
        check_endpoint_subnets(self, config, service_name, list(kwargs.get("subnet_ids") or []))
        if not _service_private_dns_names(config, service_name):
            if kwargs.get("private_dns_enabled") is True:
                raise _no_private_dns_name(service_name)
            kwargs["private_dns_enabled"] = False  # AWS default "true" applies only where a name exists
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
                if endpoint.private_dns_enabled and config.private_dns_name:
                    # As AWS: private DNS needs an accepted connection (the request fails, nothing is created).
                    self.vpc_end_points.pop(endpoint.id, None)
                    raise _private_dns_before_acceptance(service_name)
        else:
            svc = (service_name or "").split(".", 3)[-1]
            known = AWS_INTERFACE_SERVICES.get(svc)
            base = (known.base if known else f"{svc}.{{r}}.vpce.amazonaws.com").format(r=region)
        suffix = _hex(8)
        zone = _vpce_zone_id(region)
        entries = [{"DnsName": f"{endpoint.id}-{suffix}.{base}", "HostedZoneId": zone}]
        for sid in endpoint.subnet_ids or []:
            az = self.get_subnet(sid).availability_zone
            entries.append({"DnsName": f"{endpoint.id}-{suffix}-{az}.{base}", "HostedZoneId": zone})
        endpoint.dns_entries = entries
    return endpoint


VPCBackend.create_vpc_endpoint = _create_vpc_endpoint


def _private_dns_param(self: Any) -> bool | None:
    """PrivateDnsEnabled as asked; for an interface endpoint to a service without a private DNS name
    None (not given) so that the backend can apply AWS's default (false there, true elsewhere)."""
    kind = (self._get_param("VpcEndpointType") or "").lower()
    given = self._get_param("PrivateDnsEnabled")
    if given is None:
        if kind == "interface" and not _service_private_dns_names(
                _find_endpoint_service(self._get_param("ServiceName")), self._get_param("ServiceName")):
            return None
        return kind != "resource"
    return str(given).lower() == "true"


def create_vpc_endpoint(self: Any) -> ActionResult:
    """EC2 CreateVpcEndpoint response, passing the ServiceRegion parameter."""
    from moto.ec2.responses._base_response import EC2BaseResponse  # noqa: F401
    from moto.ec2.utils import add_tag_specification

    service_region = self._get_param("ServiceRegion")
    if service_region and service_region != self.region:
        # AWS evaluates the permission-only action vpce:AllowMultiRegion for cross-Region endpoints
        iam_auth.require_action(self, "vpce:AllowMultiRegion")
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
        private_dns_enabled=_private_dns_param(self),
        service_region=service_region,
        resource_configuration_arn=self._get_param("ResourceConfigurationArn"),
        ip_address_type=self._get_param("IpAddressType"),
        service_network_arn=self._get_param("ServiceNetworkArn"),
    )
    return ActionResult({"VpcEndpoint": endpoint})


# ---- Resource endpoints (VPC Lattice resource configurations) -------------
_RCFG_ARN_RE = re.compile(r"^arn:aws[a-z-]*:vpc-lattice:([a-z0-9-]+):(\d{12}):resourceconfiguration/(rcfg-[0-9a-z]{17})$")
# every documented resource-endpoint DNS name carries this label
# (<vpce-id>.<rcfg-id>.4232ccc.vpc-lattice-rsc.<region>.on.aws)
_LATTICE_RSC_HASH = "4232ccc"


def _lattice_zone_id(region: str) -> str:
    return "Z0" + hashlib.sha1(("vpc-lattice-rsc." + region).encode()).hexdigest()[:19].upper()


def _accessible_config(account_id: str, region: str, arn: str) -> Any:
    """The resource configuration if the caller may use it: same region, and
    owned by the caller or shared with it through an ACTIVE RAM share."""
    m = _RCFG_ARN_RE.match(arn or "")
    if not m or m.group(1) != region:
        return None
    cfg = vpclattice.find_resource_configuration(arn)
    if cfg is None:
        return None
    if cfg.account_id == account_id or ram.shared_with(account_id, arn):
        return cfg
    return None


def _create_resource_endpoint(self: Any, arn: str | None, ip_address_type: str | None,
                              service_network_arn: str | None, service_region: str | None,
                              **kwargs: Any) -> VPCEndPoint:
    """CreateVpcEndpoint with VpcEndpointType Resource (a resource endpoint).

    Enforced as AWS does: ResourceConfigurationArn required and well formed
    (InvalidResourceConfigurationArn.Malformed); the configuration must exist
    in this region and be the caller's or shared with it through RAM
    (InvalidResourceConfigurationArn.NotFound); no ServiceName /
    ServiceNetworkArn / RouteTableIds; one subnet per Availability Zone
    (DuplicateSubnetsInSameZone); at least one AZ in common with the resource
    gateway and not in the gateway's VPC (InvalidParameter).
    Returned as AWS does: state pending (available from the next describe), no
    ServiceName, no PolicyDocument, empty DnsEntries (the DNS names are on
    DescribeVpcEndpointAssociations), one ENI per subnet, the VPC's default
    security group when none is given, PrivateDnsEnabled false by default."""
    if not arn:
        raise _Ec2Error("MissingParameter", "The request must contain the parameter ResourceConfigurationArn")
    if kwargs.get("service_name") or service_network_arn:
        raise _Ec2Error("InvalidParameter",
                        "ServiceName and ServiceNetworkArn are not supported for Resource type VPC Endpoints.")
    if kwargs.get("route_table_ids"):
        raise _Ec2Error("InvalidParameter", "Route table IDs are only supported for Gateway type VPC Endpoint.")
    if service_region and service_region != self.region_name:
        raise _Ec2Error("InvalidParameter", "ServiceRegion is not supported for Resource type VPC Endpoints.")
    if not _RCFG_ARN_RE.match(arn):
        raise _Ec2Error("InvalidResourceConfigurationArn.Malformed",
                        f"The specified resource configuration ARN is malformed: {arn}")
    cfg = _accessible_config(self.account_id, self.region_name, arn)
    if cfg is None:
        raise _Ec2Error("InvalidResourceConfigurationArn.NotFound",
                        f"The specified resource configuration ARN does not exist: {arn}")
    vpc_id = kwargs.get("vpc_id")
    self.get_vpc(vpc_id)
    subnet_ids = list(kwargs.get("subnet_ids") or [])
    zones: dict[str, str] = {}
    for sid in subnet_ids:
        subnet = self.get_subnet(sid)
        if subnet.vpc_id != vpc_id:
            raise _Ec2Error("InvalidParameter", f"The subnet ID '{sid}' does not belong to the VPC '{vpc_id}'.")
        if subnet.availability_zone in zones:
            raise _Ec2Error("DuplicateSubnetsInSameZone",
                            f"Found another VPC endpoint subnet in the availability zone of {sid}. "
                            "VPC endpoint subnets should be in different availability zones.")
        zones[subnet.availability_zone] = subnet.availability_zone_id
    gateway = vpclattice.find_resource_gateway(cfg.account_id, cfg.region, cfg.resource_gateway_id)
    if gateway is not None and subnet_ids:
        gw_backend = ec2_backends[cfg.account_id][cfg.region]
        gw_zones = {gw_backend.get_subnet(s).availability_zone_id for s in gateway.subnet_ids
                    if any(s in per_zone for per_zone in gw_backend.subnets.values())}
        if gateway.account_id == self.account_id and gateway.vpc_id == vpc_id:
            raise _Ec2Error("InvalidParameter",
                            f"The resource gateway {gateway.id} of {arn} is in the VPC {vpc_id} of the endpoint.")
        if gw_zones and not gw_zones & set(zones.values()):
            raise _Ec2Error("InvalidParameter",
                            f"The endpoint subnets must share at least one Availability Zone with the resource "
                            f"gateway {gateway.id} (AZ IDs {', '.join(sorted(gw_zones))}).")
    sg_ids = list(kwargs.get("security_group_ids") or [])
    for sg_id in sg_ids:
        if self.get_security_group_from_id(sg_id) is None:
            raise _Ec2Error("InvalidSecurityGroupId.NotFound", f"The security group '{sg_id}' does not exist")
    if not sg_ids:
        default = self.get_default_security_group(vpc_id)
        sg_ids = [default.id] if default is not None else []
    kwargs["security_group_ids"] = sg_ids
    kwargs["service_name"] = None
    endpoint = _orig_create_vpc_endpoint(self, **kwargs)
    endpoint.resource_configuration_arn = arn
    endpoint.service_network_arn = None
    endpoint.service_region = None
    endpoint.policy_document = None
    endpoint.route_table_ids = []
    endpoint.dns_entries = []
    endpoint.ip_address_type = ip_address_type or "IPV4"  # as in AWS's create-vpc-endpoint example
    endpoint.requester_managed = False
    endpoint.state = "pending"
    endpoint.association_id = f"vpce-rsc-asc-{_hex(17)}"
    enis = []
    for sid in subnet_ids:
        net = ipaddress.ip_network(self.get_subnet(sid).cidr_block)
        ip = str(net.network_address + 4 + int(_hex(4), 16) % max(net.num_addresses - 5, 1))
        eni = self.create_network_interface(sid, ip, group_ids=sg_ids,
                                            description=f"VPC Endpoint Interface {endpoint.id}")
        enis.append(eni.id)
    endpoint.network_interface_ids = enis
    return endpoint


def _is_resource_endpoint(ep: Any) -> bool:
    return (getattr(ep, "vpc_endpoint_type", None) or "").lower() == "resource"


_orig_describe_vpc_endpoints = VPCBackend.describe_vpc_endpoints


def _describe_vpc_endpoints(self: Any, vpc_end_point_ids: list[str] | None, filters: Any = None) -> list[VPCEndPoint]:
    """DescribeVpcEndpoints: a Resource endpoint created as pending is
    available from the first describe on (what the provider's waiter polls)."""
    endpoints = _orig_describe_vpc_endpoints(self, vpc_end_point_ids, filters)
    for ep in endpoints:
        if _is_resource_endpoint(ep) and ep.state == "pending":
            ep.state = "available"
    return endpoints


VPCBackend.describe_vpc_endpoints = _describe_vpc_endpoints

_orig_delete_vpc_endpoints = VPCBackend.delete_vpc_endpoints


def _delete_vpc_endpoints(self: Any, vpce_ids: list[str] | None = None) -> None:
    """DeleteVpcEndpoints: a Resource endpoint's network interfaces go too."""
    for vpce_id in vpce_ids or []:
        ep = self.vpc_end_points.get(vpce_id)
        if ep is not None and _is_resource_endpoint(ep) and ep.state != "deleted":
            for eni_id in ep.network_interface_ids:
                self.enis.pop(eni_id, None)
    _orig_delete_vpc_endpoints(self, vpce_ids)


VPCBackend.delete_vpc_endpoints = _delete_vpc_endpoints

_orig_modify_vpc_endpoint_response = EC2Response.modify_vpc_endpoint


def modify_vpc_endpoint(self: Any) -> ActionResult:
    """EC2 ModifyVpcEndpoint: of a Resource endpoint only the security groups
    can change (AWS: "After you create a resource endpoint, you can only modify
    its security groups or tags"); anything else -> InvalidParameter."""
    ep_id = self._get_param("VpcEndpointId")
    ep = self.ec2_backend.vpc_end_points.get(ep_id)
    if ep is not None and not _is_resource_endpoint(ep):
        config = _find_endpoint_service(ep.service_name)
        added = self._get_param("AddSubnetIds", []) or []
        if added and (ep.vpc_endpoint_type or "").lower() == "interface":
            check_endpoint_subnets(self.ec2_backend, config, ep.service_name, added)
        # moto ignores PrivateDnsEnabled; AWS turns it on only once the connection is accepted.
        wanted = self._get_param("PrivateDnsEnabled")
        if wanted is not None:
            on = str(wanted).lower() == "true"
            if on and not _service_private_dns_names(config, ep.service_name):
                raise _no_private_dns_name(ep.service_name)
            if on and ep.state == "pendingAcceptance":
                raise _private_dns_before_acceptance(ep.service_name)
            ep.private_dns_enabled = on
        return _orig_modify_vpc_endpoint_response(self)
    if ep is None:
        return _orig_modify_vpc_endpoint_response(self)
    others = [p for p in ("AddSubnetIds", "RemoveSubnetIds", "AddRouteTableIds", "RemoveRouteTableIds",
                          "PolicyDocument", "ResetPolicy", "PrivateDnsEnabled", "DnsOptions",
                          "IpAddressType", "SubnetConfigurations") if self._get_param(p) not in (None, [], {})]
    if others:
        raise _Ec2Error("InvalidParameter",
                        f"Only the security groups of a Resource type VPC Endpoint can be modified ({', '.join(others)}).")
    add = self._get_param("AddSecurityGroupIds", []) or []
    remove = self._get_param("RemoveSecurityGroupIds", []) or []
    for sg_id in add:
        if self.ec2_backend.get_security_group_from_id(sg_id) is None:
            raise _Ec2Error("InvalidSecurityGroupId.NotFound", f"The security group '{sg_id}' does not exist")
    ep.security_group_ids = [g for g in ep.security_group_ids if g not in remove]
    ep.security_group_ids += [g for g in add if g not in ep.security_group_ids]
    return ActionResult({"Return": True})


def describe_vpc_endpoint_associations(self: Any) -> ActionResult:
    """EC2 DescribeVpcEndpointAssociations: the resource configuration of each
    Resource endpoint, with its default DNS name
    <vpce-id>.<rcfg-id>.4232ccc.vpc-lattice-rsc.<region>.on.aws and
    AssociatedResourceAccessibility (Inaccessible once the configuration is
    deleted or no longer shared).  PrivateDnsEntry only for a configuration
    with a customDomainName on an endpoint with private DNS enabled (domain
    verification is not modelled).  Filters vpc-endpoint-id, association-id,
    associated-resource-id, associated-resource-accessibility."""
    ids = self._get_param("VpcEndpointIds", []) or []
    endpoints = self.ec2_backend.describe_vpc_endpoints(vpc_end_point_ids=ids) if ids else \
        list(self.ec2_backend.vpc_end_points.values())
    flt = _filters(self)
    out = []
    for ep in endpoints:
        if not _is_resource_endpoint(ep) or ep.state == "deleted":
            continue
        arn = ep.resource_configuration_arn
        rcfg_id = arn.rsplit("/", 1)[-1]
        region = self.ec2_backend.region_name
        cfg = _accessible_config(self.ec2_backend.account_id, region, arn)
        assoc: dict[str, Any] = {
            "Id": ep.association_id,
            "VpcEndpointId": ep.id,
            "AssociatedResourceAccessibility": "Accessible" if cfg is not None else "Inaccessible",
            "DnsEntry": {"DnsName": f"{ep.id}.{rcfg_id}.{_LATTICE_RSC_HASH}.vpc-lattice-rsc.{region}.on.aws",
                         "HostedZoneId": _lattice_zone_id(region)},
            "AssociatedResourceArn": arn,
            "Tags": [],
        }
        if cfg is not None and ep.private_dns_enabled and cfg.custom_domain_name:
            assoc["PrivateDnsEntry"] = {"DnsName": cfg.custom_domain_name,
                                        "HostedZoneId": _lattice_zone_id(region + "." + ep.id)}
        if cfg is not None and cfg.group_id:
            assoc["ResourceConfigurationGroupArn"] = arn.replace(cfg.id, cfg.group_id)
        keys = {"vpc-endpoint-id": assoc["VpcEndpointId"], "association-id": assoc["Id"],
                "associated-resource-id": rcfg_id,
                "associated-resource-accessibility": assoc["AssociatedResourceAccessibility"]}
        if all(keys[k] in v for k, v in flt.items() if k in keys):
            out.append(assoc)
    return ActionResult({"VpcEndpointAssociations": out})


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


def _multi_region_check(method: Any, param: str) -> Any:
    def wrapper(self: Any) -> Any:
        regions = self._get_param(param, []) or []
        if any(r != self.region for r in regions):
            iam_auth.require_action(self, "vpce:AllowMultiRegion")
        return method(self)
    wrapper.__name__ = method.__name__
    wrapper.__doc__ = (f"EC2 {method.__name__}: {param} naming another Region needs the permission-only action "
                       "vpce:AllowMultiRegion (checked when IAM enforcement is on).")
    return wrapper


EC2Response.create_vpc_endpoint_service_configuration = _multi_region_check(
    EC2Response.create_vpc_endpoint_service_configuration, "SupportedRegions")
EC2Response.modify_vpc_endpoint_service_configuration = _multi_region_check(
    EC2Response.modify_vpc_endpoint_service_configuration, "AddSupportedRegions")

for _fn in (create_vpc_endpoint, modify_vpc_endpoint, describe_vpc_endpoint_associations,
            describe_vpc_endpoint_connections,
            accept_vpc_endpoint_connections, reject_vpc_endpoint_connections,
            modify_vpc_endpoint_service_permissions, describe_vpc_endpoint_service_permissions,
            create_vpc_endpoint_connection_notification,
            describe_vpc_endpoint_connection_notifications,
            modify_vpc_endpoint_connection_notification,
            delete_vpc_endpoint_connection_notifications):
    setattr(EC2Response, _fn.__name__, _fn)


# ---- a chosen service id, for test fixtures ---------------------------------
# AWS assigns endpoint service ids; a fixture that plays a SaaS vendor must publish the service
# an environment file already names. The tag `emulator:service-id` asks for that id.
_orig_create_service_configuration = VPCServiceConfigurationBackend.create_vpc_endpoint_service_configuration
_SERVICE_ID_RE = re.compile(r"^vpce-svc-[0-9a-f]{17}$")


def _create_service_configuration(self: Any, *args: Any, **kwargs: Any) -> VPCServiceConfiguration:
    config = _orig_create_service_configuration(self, *args, **kwargs)
    tags = {t["key"]: t["value"] for t in config.get_tags()}
    wanted = tags.get("emulator:service-id")
    if wanted:
        old_id = config.id
        self.delete_tags([old_id], tags)
        self.configurations.pop(old_id, None)
        if not _SERVICE_ID_RE.match(wanted) or _find_endpoint_service(f"com.amazonaws.vpce.{self.region_name}.{wanted}"):
            raise _Ec2Error("InvalidParameter", f"emulator:service-id '{wanted}' is malformed or taken")
        config.id = wanted
        config.service_name = f"com.amazonaws.vpce.{self.region_name}.{wanted}"
        config.endpoint_dns_name = f"{wanted}.{self.region_name}.vpce.amazonaws.com"
        self.configurations[wanted] = config
        config.add_tags(tags)
    return config


VPCServiceConfigurationBackend.create_vpc_endpoint_service_configuration = _create_service_configuration
