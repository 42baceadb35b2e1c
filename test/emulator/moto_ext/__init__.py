"""moto 5.2.1 extensions for the multi-account PrivateLink blueprint emulator.

Importing this module monkey-patches moto IN PLACE (it must be imported before
the moto server handles its first request).  Every added or fixed AWS API has
its own function below, with a comment naming the AWS operation.  All state is
kept on moto's own backend objects, so later Get/List/Describe calls return
what was created and deletes remove it.  See README.md for the list of gaps.

One module per AWS service (imported in this order):
  * RAM       - AssociateResourceShare, DisassociateResourceShare,
                ListResourceSharePermissions, fixed GetResourceShares /
                GetResourceShareAssociations filters, organization principals.
  * Route 53  - private zones created with a VPC, VPC association
                authorizations, cross-account VPC (dis)association.
  * EC2       - VPC endpoint connections (accept/reject/describe), connection
                notifications, service permissions with ServicePermissionId,
                cross-account / cross-region interface endpoints, a table of
                AWS interface endpoint services, cross-account TGW attachments
                and routes.
  * ELBv2     - TLS listeners with an ACM certificate ARN unknown to moto.
"""

from . import ram, route53, ec2_privatelink, ec2_transit_gateway, elbv2  # noqa: F401  (side effect: patches moto)
