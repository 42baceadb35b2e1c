"""EC2 Site-to-Site VPN on a Transit Gateway: the connection options the provider reads back.

moto 5.2.1 creates a VPN connection (and, with ``TransitGatewayId``, its TGW attachment of type
``vpn``) but drops ``Options``: ``DescribeVpnConnections`` answers no ``Options`` at all, so
``aws_vpn_connection.static_routes_only = true`` reads back as false and the next plan replaces
the connection (``static_routes_only: false -> true # forces replacement``), and with it every
TGW route and association of its attachment.  This keeps the options AWS echoes:
``StaticRoutesOnly`` (default false), ``EnableAcceleration`` (false), ``LocalIpv4NetworkCidr`` /
``RemoteIpv4NetworkCidr`` (default ``0.0.0.0/0``), ``OutsideIpAddressType`` (``PublicIpv4``),
``TunnelInsideIpVersion`` (``ipv4``), and two ``TunnelOptions`` with AWS-shaped inside CIDRs
from 169.254.0.0/16.  A deleted connection's TGW attachment is ``deleted`` (moto already does that).
"""

from __future__ import annotations

from typing import Any

from moto.ec2.responses.vpn_connections import VPNConnections

_orig_create_vpn_connection = VPNConnections.create_vpn_connection


def _bool(value: Any, default: bool = False) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).lower() == "true"


def _tunnel_options(requested: list[dict[str, Any]], index: int) -> list[dict[str, Any]]:
    """Two tunnels, as AWS creates them: the requested inside CIDRs, else /30s from 169.254.0.0/16."""
    out = []
    for t in range(2):
        req = requested[t] if t < len(requested) and isinstance(requested[t], dict) else {}
        base = (index * 8 + t * 4) % 65536
        cidr = req.get("TunnelInsideCidr") or f"169.254.{(base // 256) % 256}.{base % 256}/30"
        out.append({
            "OutsideIpAddress": f"52.2.144.{13 + t}",
            "TunnelInsideCidr": cidr,
            "PreSharedKey": req.get("PreSharedKey") or f"emulatorPsk{index:04d}{t}",
        })
    return out


def _create_vpn_connection(self: Any) -> Any:
    """CreateVpnConnection: keep Options (StaticRoutesOnly, tunnel inside CIDRs, ...) on the connection."""
    result = _orig_create_vpn_connection(self)
    vpn = result.result["VpnConnection"]
    options = self._get_param("Options", {}) or {}
    vpn.options = {
        "EnableAcceleration": _bool(options.get("EnableAcceleration")),
        "StaticRoutesOnly": _bool(options.get("StaticRoutesOnly")),
        "LocalIpv4NetworkCidr": options.get("LocalIpv4NetworkCidr") or "0.0.0.0/0",
        "RemoteIpv4NetworkCidr": options.get("RemoteIpv4NetworkCidr") or "0.0.0.0/0",
        "OutsideIpAddressType": options.get("OutsideIpAddressType") or "PublicIpv4",
        "TunnelInsideIpVersion": options.get("TunnelInsideIpVersion") or "ipv4",
        "TunnelOptions": _tunnel_options(options.get("TunnelOptions") or [], len(self.ec2_backend.vpn_connections)),
    }
    vpn.category = "VPN"
    return result


VPNConnections.create_vpn_connection = _create_vpn_connection
