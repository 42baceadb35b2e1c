"""moto 5.2.1 extensions for the multi-account PrivateLink blueprint emulator.

Importing this module monkey-patches moto IN PLACE (it must be imported before
the moto server handles its first request).  Every added or fixed AWS API has
its own function below, with a comment naming the AWS operation.  All state is
kept on moto's own backend objects, so later Get/List/Describe calls return
what was created and deletes remove it.  See README.md for the list of gaps.

One module per AWS service (imported in this order):
  * Organizations - POST /_emulator/organization declares membership; trusted
                access for RAM (what aws_ram_sharing_with_organization reads).
  * RAM       - AssociateResourceShare, DisassociateResourceShare,
                ListResourceSharePermissions, fixed GetResourceShares /
                GetResourceShareAssociations filters, organization principals;
                with an organization declared: invitations (Get/Accept/Reject
                ResourceShareInvitation), allowExternalPrincipals,
                EnableSharingWithAwsOrganization, ListResources.
  * Route 53  - private zones created with a VPC, VPC association
                authorizations, cross-account VPC (dis)association.
  * EC2 AZs   - subnets only in the caller's Region, AvailabilityZoneId, and
                (server.py --per-account-az-ids) per-account AZ name -> id maps.
  * EC2       - VPC endpoint connections (accept/reject/describe), connection
                notifications, service permissions with ServicePermissionId,
                cross-account / cross-region interface endpoints (AZ-id rules),
                a table of AWS interface endpoint services, cross-account TGW
                attachments and routes.
  * EC2 VPN   - Site-to-Site VPN connection options (static routes, tunnels).
  * ELBv2     - TLS listeners with an ACM certificate ARN unknown to moto.
  * Route 53 Resolver - forwarding rules shared through RAM and associated
                from other accounts.
  * Route 53 Profiles - the whole service (moto has none), cross-account
                through RAM; GET /_emulator/resolve answers DNS queries
                from a VPC (direct zone associations, Profile, precedence).
  * S3        - bucket policies: the Bool operator, aws:SecureTransport (the
                emulator stands for AWS's HTTPS endpoints), statements whose
                condition does not hold do not apply.
  * IAM enforcement - signatures of body-less requests and encoded queries,
                authorization errors in each service's protocol, permission-only
                actions, trust policies in the role's account.
"""

from . import organizations, ram, route53  # noqa: F401  (side effect: patches moto)
from . import ec2_availability_zones, ec2_privatelink, ec2_transit_gateway, elbv2  # noqa: F401
from . import ec2_vpn  # noqa: F401,E402  (Site-to-Site VPN connection options on a TGW)
from . import vpclattice  # noqa: F401,E402  (VPC Lattice resource gateways / resource configurations)
from . import route53resolver  # noqa: F401,E402  (Resolver rules shared through RAM, associated cross-account)
from . import route53profiles  # noqa: F401,E402  (Route 53 Profiles service + GET /_emulator/resolve)
from . import s3  # noqa: F401,E402  (bucket policies: Bool, aws:SecureTransport, non-matching statements)
from . import iam_auth  # noqa: F401,E402  (IAM enforcement: signatures, error formats, extra actions)
