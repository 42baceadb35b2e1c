"""EC2 Transit Gateway: RAM-shared TGWs across accounts, default route tables, per-table propagations, attachment and peering tags."""

from __future__ import annotations

import contextlib
import copy
from typing import Any, Iterator

from moto.core.responses import ActionResult
from moto.ec2.models import ec2_backends
from moto.ec2.models.route_tables import RouteBackend
from moto.ec2.models.transit_gateway import TransitGateway, TransitGatewayBackend
from moto.ec2.models.transit_gateway_attachments import TransitGatewayAttachment, TransitGatewayAttachmentBackend
from moto.ec2.models.transit_gateway_route_tables import TransitGatewayRelations, TransitGatewayRouteTableBackend
from moto.ec2.responses.transit_gateway_attachments import TransitGatewayAttachment as _TgwAttResp

from ._common import _all_backends
from . import ram
from .ec2_privatelink import _Ec2Error


# ---- transit gateways shared across accounts (RAM) ------------------------
def _tgw_shared_with(tgw: Any, owner_account: str, account_id: str, region: str) -> bool:
    """True if the owner shared the TGW with account_id through RAM (ram.shared_with:
    an accepted / in-organization account principal, or an organization / OU the
    account belongs to; without a declared organization any org principal)."""
    return ram.shared_with(account_id, f"arn:aws:ec2:{region}:{owner_account}:transit-gateway/{tgw.id}")


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


RouteBackend.create_route = _route_with_foreign_tgw(RouteBackend.create_route)
RouteBackend.replace_route = _route_with_foreign_tgw(RouteBackend.replace_route)


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
# EC2 Transit Gateway: default route table and propagations
# ===========================================================================


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
# EC2 Transit Gateway: attachment tags
# ===========================================================================


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
