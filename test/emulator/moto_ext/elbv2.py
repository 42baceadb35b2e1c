"""ELBv2: TLS listeners with certificates unknown to moto, EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic."""

from __future__ import annotations

import re
from typing import Any

from moto.core.responses import ActionResult
from moto.elb.exceptions import CertificateNotFoundException
from moto.elbv2 import models as elbv2_models
from moto.elbv2.models import FakeLoadBalancer
from moto.elbv2.responses import ELBV2Response


# ===========================================================================
# ELBv2
# ===========================================================================

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
