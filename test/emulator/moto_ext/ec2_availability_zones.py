"""EC2 Availability Zones: subnets only in the caller's Region, AvailabilityZoneId on CreateSubnet, and
(behind a server flag) a per-account mapping of AZ names to AZ ids.

AWS maps AZ *names* (us-east-1a) to physical zones, identified by AZ *ids* (use1-az6), independently
for each account: us-east-1a of one account may be use1-az1 of another.  moto 5.2.1 has one fixed
mapping for every account.  With ``PER_ACCOUNT`` on (``server.py --per-account-az-ids``) every account
gets its own mapping in PER_ACCOUNT_REGIONS: moto's list of ids rotated by a hash of the account id
and Region (deterministic, so two runs agree; accounts differ).  The mapping is used everywhere an
AZ shows up: DescribeAvailabilityZones, CreateSubnet (by name or by ``AvailabilityZoneId``),
Subnet.AvailabilityZone / AvailabilityZoneId, and through the subnets also the NLB and
endpoint-service AZ lists (ec2_privatelink.py).

Without the flag the mapping is moto's (the same for every account), as before.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

from moto.ec2.exceptions import EC2ClientError
from moto.ec2.models.availability_zones_and_regions import RegionsAndZonesBackend, Zone
from moto.ec2.models.subnets import SubnetBackend
from moto.utilities.utils import filter_resources


class _Ec2Error(EC2ClientError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message)


_Ec2Error.__module__ = "moto.ec2.exceptions"  # moto's serializer derives the service from the module name

# Off by default: the blueprint still places subnets by AZ name in several accounts (see README).
PER_ACCOUNT = os.environ.get("MOTO_EXT_PER_ACCOUNT_AZ_IDS", "").lower() in ("1", "true", "yes")
# Regions whose mapping differs per account when PER_ACCOUNT is on (the blueprint's Regions).
PER_ACCOUNT_REGIONS = ("us-east-1", "eu-west-1")

_cache: dict[tuple[str, str], list[Zone]] = {}


def set_per_account(enabled: bool) -> None:
    """Turn the per-account AZ mapping on or off (server.py --per-account-az-ids).  Takes effect for
    backends created afterwards; call it before the first request."""
    global PER_ACCOUNT
    PER_ACCOUNT = enabled
    _cache.clear()


def rotation(account_id: str, region: str, size: int) -> int:
    """How far the account's AZ ids are rotated against moto's list (0 = moto's own mapping)."""
    digest = hashlib.sha256(f"{account_id}/{region}".encode()).hexdigest()
    return int(digest, 16) % size if size else 0


def zones_for(account_id: str, region: str) -> list[Zone]:
    """The Availability Zones of `region` as `account_id` sees them (name -> id mapping)."""
    base = RegionsAndZonesBackend.zones.get(region, [])
    if not PER_ACCOUNT or region not in PER_ACCOUNT_REGIONS or not base:
        return base
    key = (account_id, region)
    if key not in _cache:
        ids = [z.zone_id for z in base]
        k = rotation(account_id, region, len(ids))
        _cache[key] = [Zone(name=z.name, region_name=region, zone_id=ids[(i + k) % len(ids)], zone_type=z.zone_type)
                       for i, z in enumerate(base)]
    return _cache[key]


def zone_id_of(account_id: str, region: str, name: str) -> str | None:
    return next((z.zone_id for z in zones_for(account_id, region) if z.name == name), None)


def zone_name_of(account_id: str, region: str, zone_id: str) -> str | None:
    return next((z.name for z in zones_for(account_id, region) if z.zone_id == zone_id), None)


def _describe_availability_zones(self: Any, filters: list[dict[str, Any]] | None = None,
                                 zone_names: list[str] | None = None,
                                 zone_ids: list[str] | None = None) -> list[Zone]:
    """DescribeAvailabilityZones in the caller's account mapping (moto's when PER_ACCOUNT is off)."""
    zones = zones_for(self.account_id, self.region_name)
    attr_pairs = (("zone-id", "zone_id"), ("zone-type", "zone_type"), ("zone-name", "name"),
                  ("region-name", "region_name"), ("state", "state"))
    result = filter_resources(zones, filters, attr_pairs) if filters else zones
    result = [z for z in result if not zone_ids or z.zone_id in zone_ids]
    return [z for z in result if not zone_names or z.name in zone_names]


RegionsAndZonesBackend.describe_availability_zones = _describe_availability_zones

_orig_create_subnet = SubnetBackend.create_subnet


def _create_subnet(self: Any, vpc_id: str, cidr_block: str, ipv6_cidr_block: str | None = None,
                   availability_zone: str | None = None, availability_zone_id: str | None = None,
                   ipv6_native: bool = False, tags: dict[str, dict[str, str]] | None = None) -> Any:
    """CreateSubnet: the AZ (by name or by AvailabilityZoneId, the provider's
    aws_subnet.availability_zone_id) must be one of the caller's Region, resolved in the caller's
    account mapping.  moto looked names and ids up in every Region (us-east-1a was accepted in
    eu-west-1), filed a subnet created by id under the AZ key None, and gave every account the
    same id."""
    zones = zones_for(self.account_id, self.region_name)
    if availability_zone is None and not availability_zone_id:
        availability_zone = zones[0].name if zones else f"{self.region_name}a"
    if availability_zone:
        zone = next((z for z in zones if z.name == availability_zone), None)
        if zone is None:
            raise _Ec2Error(
                "InvalidParameterValue",
                f"Value ({availability_zone}) for parameter availabilityZone is invalid. Subnets can currently only be "
                f"created in the following availability zones: {', '.join(z.name for z in zones)}.")
        if availability_zone_id and availability_zone_id != zone.zone_id:
            raise _Ec2Error("InvalidParameterCombination",
                            f"The availability zone {availability_zone} ({zone.zone_id}) does not match the "
                            f"availability zone id {availability_zone_id}.")
    else:
        zone = next((z for z in zones if z.zone_id == availability_zone_id), None)
        if zone is None:
            raise _Ec2Error(
                "InvalidParameterValue",
                f"Value ({availability_zone_id}) for parameter availabilityZoneId is invalid. Subnets can currently only "
                f"be created in the following availability zone ids: {', '.join(z.zone_id for z in zones)}.")
    subnet = _orig_create_subnet(self, vpc_id, cidr_block, ipv6_cidr_block, zone.name, None,
                                 ipv6_native=ipv6_native, tags=tags)
    subnet._availability_zone = zone  # this account's Zone object (name and id)
    return subnet


SubnetBackend.create_subnet = _create_subnet
