"""Route 53 Resolver: forwarding rules shared through RAM and associated from other accounts.

moto 5.2.1 keeps resolver rules per account and Region, so a VPC of another account cannot
associate a rule that its owner shared with it through AWS RAM (``AssociateResolverRule``:
``ResourceNotFoundException: Resolver rule with ID '...' does not exist.``), which is how a hub
hands on-premises forwarding rules to its spokes.  This makes a rule of another account visible
to ``AssociateResolverRule``, ``DisassociateResolverRule`` and ``GetResolverRule`` when the owner
shares it with the caller (``ram.shared_with``: an account principal, or an organization / OU the
account belongs to); the association lives in the VPC owner's account, as in AWS.  The owner
cannot delete a rule while any account's VPC is associated with it (``ResourceInUseException``,
moto's message).  ``ShareStatus`` reads ``SHARED_BY_ME`` for a shared rule in every account (AWS
answers ``SHARED_WITH_ME`` to the accounts it is shared with; nothing here reads the field), and
``ListResolverRules`` lists the caller's own rules only.

``forwarding_rules_for_vpc`` tells ``/_emulator/resolve`` (route53profiles.py) which rules apply
to a VPC: associated directly (any owner), or through the VPC's Route 53 Profile.
"""

from __future__ import annotations

import contextlib
from typing import Any, Iterator

from moto.route53resolver import models as rr_models
from moto.route53resolver.exceptions import ResourceInUseException
from moto.route53resolver.models import Route53ResolverBackend, route53resolver_backends

from . import ram
from ._common import _all_backends


def _foreign_rule(backend: Any, rule_id: str | None) -> Any:
    """The backend of another account that owns `rule_id` and shares it with `backend`'s account."""
    if not rule_id or rule_id in backend.resolver_rules:
        return None
    for other in _all_backends(route53resolver_backends, backend.region_name):
        if other is backend or rule_id not in other.resolver_rules:
            continue
        if ram.shared_with(backend.account_id, other.resolver_rules[rule_id].arn):
            return other
    return None


@contextlib.contextmanager
def _borrow_rule(backend: Any, rule_id: str | None) -> Iterator[Any]:
    """Temporarily make another account's shared rule visible to `backend`."""
    owner = _foreign_rule(backend, rule_id)
    if owner is None:
        yield None
        return
    backend.resolver_rules[rule_id] = owner.resolver_rules[rule_id]
    try:
        yield owner
    finally:
        backend.resolver_rules.pop(rule_id, None)


_orig_associate = Route53ResolverBackend.associate_resolver_rule
_orig_disassociate = Route53ResolverBackend.disassociate_resolver_rule
_orig_get_rule = Route53ResolverBackend.get_resolver_rule
_orig_delete_rule = Route53ResolverBackend.delete_resolver_rule


def _associate_resolver_rule(self: Any, resolver_rule_id: str, name: str, vpc_id: str) -> Any:
    """AssociateResolverRule with a rule another account shared with the caller through RAM."""
    with _borrow_rule(self, resolver_rule_id):
        return _orig_associate(self, resolver_rule_id, name, vpc_id)


def _disassociate_resolver_rule(self: Any, resolver_rule_id: str, vpc_id: str) -> Any:
    """DisassociateResolverRule of a shared rule (also after the owner stopped sharing it)."""
    owner = None
    for other in _all_backends(route53resolver_backends, self.region_name):
        if other is not self and resolver_rule_id in other.resolver_rules:
            owner = other
    if owner is None or resolver_rule_id in self.resolver_rules:
        return _orig_disassociate(self, resolver_rule_id, vpc_id)
    self.resolver_rules[resolver_rule_id] = owner.resolver_rules[resolver_rule_id]
    try:
        return _orig_disassociate(self, resolver_rule_id, vpc_id)
    finally:
        self.resolver_rules.pop(resolver_rule_id, None)


def _get_resolver_rule(self: Any, resolver_rule_id: str) -> Any:
    """GetResolverRule of a rule shared with the caller."""
    with _borrow_rule(self, resolver_rule_id):
        return _orig_get_rule(self, resolver_rule_id)


def _delete_resolver_rule(self: Any, resolver_rule_id: str) -> Any:
    """DeleteResolverRule: refused while a VPC of any account is associated with it."""
    for other in _all_backends(route53resolver_backends, self.region_name):
        if other is not self and any(a.resolver_rule_id == resolver_rule_id for a in other.resolver_rule_associations.values()):
            raise ResourceInUseException("Please disassociate this resolver rule from VPC first before deleting")
    return _orig_delete_rule(self, resolver_rule_id)


Route53ResolverBackend.associate_resolver_rule = _associate_resolver_rule
Route53ResolverBackend.disassociate_resolver_rule = _disassociate_resolver_rule
Route53ResolverBackend.get_resolver_rule = _get_resolver_rule
Route53ResolverBackend.delete_resolver_rule = _delete_resolver_rule

_orig_rule_description = rr_models.ResolverRule.description


def _rule_description(self: Any) -> dict[str, Any]:
    """ShareStatus as AWS reports it to the owner (SHARED_BY_ME once shared through RAM)."""
    out = _orig_rule_description(self)
    if out.get("ShareStatus") == "NOT_SHARED" and _shared_by_owner(self):
        out["ShareStatus"] = "SHARED_BY_ME"
    return out


def _shared_by_owner(rule: Any) -> bool:
    owner = rule.arn.split(":")[4]
    for backend in _all_backends(ram.ram_models.ram_backends, rule.region):
        if backend.account_id == owner and any(s.status == "ACTIVE" and rule.arn in s.resource_arns for s in backend.resource_shares):
            return True
    return False


rr_models.ResolverRule.description = _rule_description


def find_rule(rule_id: str, region: str) -> Any:
    """A rule by id, in whichever account owns it."""
    for backend in _all_backends(route53resolver_backends, region):
        if rule_id in backend.resolver_rules:
            return backend.resolver_rules[rule_id]
    return None


def forwarding_rules_for_vpc(vpc_id: str, region: str) -> list[tuple[Any, dict[str, Any]]]:
    """FORWARD rules associated directly with a VPC (any owner), with how: [(rule, {"source": "vpc", ...})]."""
    out = []
    for backend in _all_backends(route53resolver_backends, region):
        for assoc in backend.resolver_rule_associations.values():
            if assoc.vpc_id != vpc_id:
                continue
            rule = find_rule(assoc.resolver_rule_id, region)
            if rule is not None:
                out.append((rule, {"source": "vpc", "resolverRuleAssociationId": assoc.id}))
    return out
