/**
 * The IAM actions the Terraform AWS provider 5.100.0 calls for each resource and data source type
 * the blueprint uses: create, read/refresh (every plan), update, delete, tagging (default tags
 * put tags on every taggable resource, and a change of them calls the tag APIs directly) and the
 * waiters, plus the actions AWS evaluates on the caller as dependent actions (iam:PassRole,
 * vpce:AllowMultiRegion, route53:AssociateVPCWithHostedZone, the EC2 calls of VPC Lattice) and the
 * service-linked roles the first call creates.
 *
 * Source: the provider's call graph (docs/aws-facts/iam-bootstrap.md §1, raw lists in
 * docs/aws-facts/provider-5.100.0-iam-calls.md) and the AWS pages quoted there. The call
 * graph is a static "may call" superset; calls that only happen with arguments the blueprint never
 * sets (IPv6, IPAM pools, VPN gateways, inline rules, instance profiles, permissions boundaries,
 * force_destroy, Lambda ENIs) are left out and named in a comment, and calls that depend on an
 * argument the blueprint sets for some resources only are `when` grants, granted to an account
 * only when one of its resources has that argument.
 *
 * A type missing here fails the bootstrap synth with the type and its stack: add its entry (from
 * the provider's CRUD functions for the type) when a construct brings a new type.
 */
import type { ScopeId, ServiceLinkedRoleId } from './scopes';

/** A resource's or data source's arguments, as synthesized. */
export type ResourceConfig = Readonly<Record<string, unknown>>;

/** Actions in one scope (`scopes.ts` says where each scope applies and why). */
export interface Grant {
  readonly scope: ScopeId;
  readonly actions: readonly string[];
}

/** Grants that apply only when a resource's configuration asks for them. */
export interface ConditionalGrants {
  /** What in the configuration calls for them, for reports. */
  readonly why: string;
  readonly when: (config: ResourceConfig, context: { readonly region: string }) => boolean;
  readonly grants: readonly Grant[];
}

export interface TypeActions {
  /** What the provider calls for every resource of the type. */
  readonly grants: readonly Grant[];
  readonly conditional?: readonly ConditionalGrants[];
}

const actions = (prefix: string, names: readonly string[]): string[] => names.map((n) => `${prefix}:${n}`);
const ec2 = (...names: string[]): Grant => ({ scope: 'regional', actions: actions('ec2', names) });
const grant = (scope: ScopeId, prefix: string, ...names: string[]): Grant => ({ scope, actions: actions(prefix, names) });
const slr = (id: ServiceLinkedRoleId): Grant => ({ scope: `slr:${id}`, actions: ['iam:CreateServiceLinkedRole'] });

/** A configuration argument that is set (a token counts: its value is decided at apply). */
const isSet = (v: unknown): boolean => v !== undefined && v !== null && v !== false && !(Array.isArray(v) && v.length === 0) && v !== '';

/**
 * EC2 tags: tags in a create call need ec2:CreateTags (tag on create), and a change of the tags
 * (or of the provider's default tags) calls CreateTags/DeleteTags directly, so an
 * `ec2:CreateAction`-conditioned grant would break the second apply after a tag change.
 */
const EC2_TAGS = ec2('CreateTags', 'DeleteTags');

/** Cross-region PrivateLink: a permission-only action with no resource type (hence the regional scope). */
const ALLOW_MULTI_REGION: Grant = { scope: 'regional', actions: ['vpce:AllowMultiRegion'] };

/** Enabling private DNS on an interface endpoint associates the VPC with the service's hidden hosted zone (dependent action). */
const ASSOCIATE_PRIVATE_DNS_ZONE = grant('hostedZones', 'route53', 'AssociateVPCWithHostedZone');

const ELB_TAGS = [
  grant('loadBalancing', 'elasticloadbalancing', 'AddTags', 'RemoveTags'),
  grant('regional', 'elasticloadbalancing', 'DescribeTags'),
];
const LATTICE_TAGS = grant('latticeResources', 'vpc-lattice', 'TagResource', 'UntagResource', 'ListTagsForResource');

export const TERRAFORM_TYPE_ACTIONS: Readonly<Record<string, TypeActions>> = {
  // ---------------------------------------------------------------------------------- VPC
  // Not granted: ModifyVpcTenancy, Associate/DisassociateVpcCidrBlock (tenancy, IPv6 and secondary
  // CIDRs), GetIpamPoolAllocations (IPAM pools): arguments the blueprint never sets.
  aws_vpc: {
    grants: [
      ec2(
        'CreateVpc',
        'DescribeVpcs',
        'DescribeVpcAttribute',
        'ModifyVpcAttribute',
        'DescribeNetworkAcls',
        'DescribeRouteTables',
        'DescribeSecurityGroups',
        'DeleteVpc',
      ),
      EC2_TAGS,
    ],
  },
  // Not granted: Associate/DisassociateSubnetCidrBlock (IPv6), Detach/DeleteNetworkInterface (lingering Lambda ENIs).
  aws_subnet: {
    grants: [ec2('CreateSubnet', 'DescribeSubnets', 'ModifySubnetAttribute', 'DeleteSubnet', 'DescribeNetworkInterfaces'), EC2_TAGS],
  },
  // Not granted: Enable/DisableVgwRoutePropagation (propagating_vgws).
  aws_route_table: {
    grants: [ec2('CreateRouteTable', 'DescribeRouteTables', 'DeleteRouteTable', 'DisassociateRouteTable'), EC2_TAGS],
    conditional: [
      {
        why: 'inline route blocks',
        when: (r) => isSet(r.route),
        grants: [ec2('CreateRoute', 'ReplaceRoute', 'DeleteRoute', 'DescribeNetworkInterfaces')],
      },
    ],
  },
  aws_route_table_association: {
    grants: [ec2('AssociateRouteTable', 'ReplaceRouteTableAssociation', 'DisassociateRouteTable', 'DescribeRouteTables')],
  },
  aws_route: {
    grants: [ec2('CreateRoute', 'ReplaceRoute', 'DeleteRoute', 'DescribeRouteTables')],
  },
  // Create always revokes the default egress rule of a VPC security group. Not granted:
  // Detach/DeleteNetworkInterface (lingering Lambda ENIs).
  aws_security_group: {
    grants: [
      ec2('CreateSecurityGroup', 'DescribeSecurityGroups', 'RevokeSecurityGroupEgress', 'DeleteSecurityGroup', 'DescribeNetworkInterfaces'),
      EC2_TAGS,
    ],
    conditional: [
      {
        why: 'inline ingress/egress blocks',
        when: (r) => isSet(r.ingress) || isSet(r.egress),
        grants: [ec2('AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress')],
      },
      {
        why: 'revoke_rules_on_delete',
        when: (r) => isSet(r.revoke_rules_on_delete),
        grants: [ec2('DescribeSecurityGroupRules', 'RevokeSecurityGroupIngress')],
      },
    ],
  },
  aws_vpc_security_group_ingress_rule: {
    grants: [
      ec2('AuthorizeSecurityGroupIngress', 'DescribeSecurityGroupRules', 'ModifySecurityGroupRules', 'RevokeSecurityGroupIngress'),
      EC2_TAGS,
    ],
  },
  aws_vpc_security_group_egress_rule: {
    grants: [
      ec2('AuthorizeSecurityGroupEgress', 'DescribeSecurityGroupRules', 'ModifySecurityGroupRules', 'RevokeSecurityGroupEgress'),
      EC2_TAGS,
    ],
  },
  aws_flow_log: {
    grants: [ec2('CreateFlowLogs', 'DescribeFlowLogs', 'DeleteFlowLogs'), EC2_TAGS],
    conditional: [
      {
        why: 'a delivery role (CloudWatch Logs destination): CreateFlowLogs passes it',
        when: (r) => isSet(r.iam_role_arn) || isSet(r.deliver_cross_account_role),
        grants: [grant('passFlowLogsRole', 'iam', 'PassRole')],
      },
    ],
  },

  // ---------------------------------------------------------------------------------- CloudWatch Logs, IAM
  // Tags are sent in CreateLogGroup (tag on create needs logs:TagResource); Read lists them.
  aws_cloudwatch_log_group: {
    grants: [
      grant('logGroups', 'logs', 'CreateLogGroup', 'DeleteLogGroup', 'TagResource', 'UntagResource', 'ListTagsForResource'),
      grant('regional', 'logs', 'DescribeLogGroups'),
    ],
    conditional: [
      {
        why: 'retention_in_days',
        when: (r) => isSet(r.retention_in_days),
        grants: [grant('logGroups', 'logs', 'PutRetentionPolicy', 'DeleteRetentionPolicy')],
      },
      {
        why: 'kms_key_id',
        when: (r) => isSet(r.kms_key_id),
        grants: [grant('logGroups', 'logs', 'AssociateKmsKey', 'DisassociateKmsKey')],
      },
    ],
  },
  // Read always lists and gets the inline and attached policies; Delete removes them first. The
  // calls that create a role or change what it may do are granted only with the bootstrap's
  // permissions boundary on the role (scope boundedRoles); the app stacks set it on every role.
  // Not granted: RemoveRoleFromInstanceProfile (no instance profiles), DeleteRolePermissionsBoundary
  // (the boundary is never removed).
  aws_iam_role: {
    grants: [
      grant(
        'iamRoles',
        'iam',
        'GetRole',
        'UpdateRole',
        'UpdateRoleDescription',
        'UpdateAssumeRolePolicy',
        'DeleteRole',
        'TagRole',
        'UntagRole',
        'ListRolePolicies',
        'GetRolePolicy',
        'ListAttachedRolePolicies',
        'ListInstanceProfilesForRole',
      ),
      grant('boundedRoles', 'iam', 'CreateRole', 'DeleteRolePolicy', 'PutRolePermissionsBoundary'),
    ],
    conditional: [
      { why: 'inline_policy blocks', when: (r) => isSet(r.inline_policy), grants: [grant('boundedRoles', 'iam', 'PutRolePolicy')] },
      {
        why: 'managed_policy_arns',
        when: (r) => isSet(r.managed_policy_arns),
        grants: [grant('boundedRoles', 'iam', 'AttachRolePolicy', 'DetachRolePolicy')],
      },
    ],
  },
  aws_iam_role_policy: {
    grants: [grant('iamRoles', 'iam', 'GetRolePolicy'), grant('boundedRoles', 'iam', 'PutRolePolicy', 'DeleteRolePolicy')],
  },

  // ---------------------------------------------------------------------------------- Transit Gateway
  aws_ec2_transit_gateway: {
    grants: [ec2('CreateTransitGateway', 'DescribeTransitGateways', 'ModifyTransitGateway', 'DeleteTransitGateway'), EC2_TAGS],
  },
  aws_ec2_transit_gateway_route_table: {
    grants: [ec2('CreateTransitGatewayRouteTable', 'DescribeTransitGatewayRouteTables', 'DeleteTransitGatewayRouteTable'), EC2_TAGS],
  },
  // The first VPC attachment of an account creates the Transit Gateway service-linked role there.
  aws_ec2_transit_gateway_vpc_attachment: {
    grants: [
      ec2(
        'CreateTransitGatewayVpcAttachment',
        'DescribeTransitGatewayVpcAttachments',
        'ModifyTransitGatewayVpcAttachment',
        'DeleteTransitGatewayVpcAttachment',
        'DescribeTransitGateways',
        'GetTransitGatewayRouteTableAssociations',
        'GetTransitGatewayRouteTablePropagations',
      ),
      EC2_TAGS,
      slr('transitGateway'),
    ],
    conditional: [
      {
        why: 'transit_gateway_default_route_table_association/propagation',
        when: (r) =>
          r.transit_gateway_default_route_table_association !== undefined ||
          r.transit_gateway_default_route_table_propagation !== undefined,
        grants: [
          ec2(
            'AssociateTransitGatewayRouteTable',
            'DisassociateTransitGatewayRouteTable',
            'EnableTransitGatewayRouteTablePropagation',
            'DisableTransitGatewayRouteTablePropagation',
          ),
        ],
      },
    ],
  },
  aws_ec2_transit_gateway_route_table_association: {
    grants: [
      ec2(
        'AssociateTransitGatewayRouteTable',
        'DisassociateTransitGatewayRouteTable',
        'GetTransitGatewayRouteTableAssociations',
        'DescribeTransitGatewayAttachments',
      ),
    ],
  },
  aws_ec2_transit_gateway_route_table_propagation: {
    grants: [
      ec2(
        'EnableTransitGatewayRouteTablePropagation',
        'DisableTransitGatewayRouteTablePropagation',
        'GetTransitGatewayRouteTablePropagations',
      ),
    ],
  },
  aws_ec2_transit_gateway_route: {
    grants: [ec2('CreateTransitGatewayRoute', 'DeleteTransitGatewayRoute', 'SearchTransitGatewayRoutes')],
  },
  aws_ec2_transit_gateway_peering_attachment: {
    grants: [
      ec2('CreateTransitGatewayPeeringAttachment', 'DescribeTransitGatewayPeeringAttachments', 'DeleteTransitGatewayPeeringAttachment'),
      EC2_TAGS,
    ],
  },
  // Tags are set with CreateTags after the accept (not tag on create).
  aws_ec2_transit_gateway_peering_attachment_accepter: {
    grants: [
      ec2(
        'AcceptTransitGatewayPeeringAttachment',
        'DescribeTransitGatewayPeeringAttachments',
        'DescribeTransitGateways',
        'DeleteTransitGatewayPeeringAttachment',
      ),
      EC2_TAGS,
    ],
  },

  // ---------------------------------------------------------------------------------- RAM
  // CreateResourceShare and the Get/List calls have no resource ARN before the share exists or
  // list across shares. Tags come back from GetResourceShares.
  aws_ram_resource_share: {
    grants: [
      grant('regional', 'ram', 'CreateResourceShare', 'GetResourceShares', 'ListResourceSharePermissions'),
      grant('resourceShares', 'ram', 'UpdateResourceShare', 'DeleteResourceShare', 'TagResource', 'UntagResource'),
    ],
  },
  aws_ram_resource_association: {
    grants: [
      grant('resourceShares', 'ram', 'AssociateResourceShare', 'DisassociateResourceShare'),
      grant('regional', 'ram', 'GetResourceShareAssociations'),
    ],
    conditional: [
      {
        // Route 53 Profiles sharing guide: "If you use a custom IAM policy, the route53profiles:GetProfilePolicy
        // and route53profiles:PutProfilePolicy actions are required."
        why: 'sharing a Route 53 Profile',
        when: (r) => String(r.resource_arn).includes('aws_route53profiles_profile.'),
        grants: [grant('regional', 'route53profiles', 'GetProfilePolicy', 'PutProfilePolicy')],
      },
      {
        // By analogy with Profiles (no AWS text read for rules): RAM sets the rule's resource policy.
        why: 'sharing a Route 53 Resolver rule',
        when: (r) => String(r.resource_arn).includes('aws_route53_resolver_rule.'),
        grants: [grant('regional', 'route53resolver', 'GetResolverRulePolicy', 'PutResolverRulePolicy')],
      },
    ],
  },
  aws_ram_principal_association: {
    grants: [
      grant('resourceShares', 'ram', 'AssociateResourceShare', 'DisassociateResourceShare'),
      grant('regional', 'ram', 'GetResourceShareAssociations'),
    ],
  },

  // ---------------------------------------------------------------------------------- PrivateLink
  // Read may call DescribePrefixLists (gateway endpoints) and DescribeNetworkInterfaces. For
  // resource endpoints (vpc_endpoint_type Resource) no further caller permission is documented.
  aws_vpc_endpoint: {
    grants: [
      ec2(
        'CreateVpcEndpoint',
        'DescribeVpcEndpoints',
        'ModifyVpcEndpoint',
        'DeleteVpcEndpoints',
        'DescribeNetworkInterfaces',
        'DescribePrefixLists',
      ),
      EC2_TAGS,
    ],
    conditional: [
      {
        why: 'service_region other than the provider region (cross-region PrivateLink)',
        when: (r, { region }) => isSet(r.service_region) && r.service_region !== region,
        grants: [ALLOW_MULTI_REGION],
      },
      {
        why: 'private_dns_enabled',
        when: (r) => r.private_dns_enabled === true || typeof r.private_dns_enabled === 'string',
        grants: [ASSOCIATE_PRIVATE_DNS_ZONE],
      },
      {
        why: 'auto_accept',
        when: (r) => isSet(r.auto_accept),
        grants: [ec2('AcceptVpcEndpointConnections', 'DescribeVpcEndpointServiceConfigurations')],
      },
    ],
  },
  // Turns private DNS on with ModifyVpcEndpoint; Delete makes no call.
  aws_vpc_endpoint_private_dns: {
    grants: [ec2('ModifyVpcEndpoint', 'DescribeVpcEndpoints'), ASSOCIATE_PRIVATE_DNS_ZONE],
  },
  aws_vpc_endpoint_service: {
    grants: [
      ec2(
        'CreateVpcEndpointServiceConfiguration',
        'DescribeVpcEndpointServiceConfigurations',
        'DescribeVpcEndpointServicePermissions',
        'ModifyVpcEndpointServiceConfiguration',
        'DeleteVpcEndpointServiceConfigurations',
      ),
      EC2_TAGS,
    ],
    conditional: [
      { why: 'supported_regions (cross-region PrivateLink)', when: (r) => isSet(r.supported_regions), grants: [ALLOW_MULTI_REGION] },
      { why: 'allowed_principals', when: (r) => isSet(r.allowed_principals), grants: [ec2('ModifyVpcEndpointServicePermissions')] },
    ],
  },
  aws_vpc_endpoint_service_allowed_principal: {
    grants: [ec2('ModifyVpcEndpointServicePermissions', 'DescribeVpcEndpointServicePermissions')],
  },
  // Delete rejects the connection.
  aws_vpc_endpoint_connection_accepter: {
    grants: [ec2('AcceptVpcEndpointConnections', 'RejectVpcEndpointConnections', 'DescribeVpcEndpointConnections')],
  },
  aws_vpc_endpoint_connection_notification: {
    grants: [
      ec2(
        'CreateVpcEndpointConnectionNotification',
        'DescribeVpcEndpointConnectionNotifications',
        'ModifyVpcEndpointConnectionNotification',
        'DeleteVpcEndpointConnectionNotifications',
      ),
    ],
  },
  // Action-like: starts the verification and (wait_for_verification) waits for it; Read, Update and Delete make no call.
  aws_vpc_endpoint_service_private_dns_verification: {
    grants: [ec2('StartVpcEndpointServicePrivateDnsVerification', 'DescribeVpcEndpointServiceConfigurations')],
  },
  'data.aws_vpc_endpoint_service': {
    grants: [ec2('DescribeVpcEndpointServices')],
  },

  // ---------------------------------------------------------------------------------- Elastic Load Balancing
  // The first load balancer or target group of an account creates the ELB service-linked role.
  // Not granted: SetIpAddressType, ModifyIpPools, ModifyCapacityReservation (ip_address_type,
  // ipam_pools, minimum_load_balancer_capacity), ec2:DescribeNetworkInterfaces on delete (ALB only).
  aws_lb: {
    grants: [
      grant(
        'loadBalancing',
        'elasticloadbalancing',
        'CreateLoadBalancer',
        'ModifyLoadBalancerAttributes',
        'SetSecurityGroups',
        'SetSubnets',
        'DeleteLoadBalancer',
      ),
      grant('regional', 'elasticloadbalancing', 'DescribeLoadBalancers', 'DescribeLoadBalancerAttributes', 'DescribeCapacityReservation'),
      ...ELB_TAGS,
      slr('elb'),
    ],
  },
  // Not granted: ModifyListenerAttributes (listener attributes the blueprint does not set).
  aws_lb_listener: {
    grants: [
      grant('loadBalancing', 'elasticloadbalancing', 'CreateListener', 'ModifyListener', 'DeleteListener'),
      grant('regional', 'elasticloadbalancing', 'DescribeListeners', 'DescribeListenerAttributes'),
      ...ELB_TAGS,
    ],
  },
  aws_lb_target_group: {
    grants: [
      grant(
        'loadBalancing',
        'elasticloadbalancing',
        'CreateTargetGroup',
        'ModifyTargetGroup',
        'ModifyTargetGroupAttributes',
        'DeleteTargetGroup',
      ),
      grant('regional', 'elasticloadbalancing', 'DescribeTargetGroups', 'DescribeTargetGroupAttributes'),
      ...ELB_TAGS,
      slr('elb'),
    ],
  },
  aws_lb_target_group_attachment: {
    grants: [
      grant('loadBalancing', 'elasticloadbalancing', 'RegisterTargets', 'DeregisterTargets'),
      grant('regional', 'elasticloadbalancing', 'DescribeTargetHealth'),
    ],
  },

  // ---------------------------------------------------------------------------------- SNS
  // Tags are sent in CreateTopic (tag on create needs sns:TagResource); Read lists them.
  aws_sns_topic: {
    grants: [
      grant(
        'snsTopics',
        'sns',
        'CreateTopic',
        'GetTopicAttributes',
        'SetTopicAttributes',
        'DeleteTopic',
        'TagResource',
        'UntagResource',
        'ListTagsForResource',
      ),
    ],
  },
  // Delete resets the policy with SetTopicAttributes.
  aws_sns_topic_policy: {
    grants: [grant('snsTopics', 'sns', 'SetTopicAttributes', 'GetTopicAttributes')],
  },

  // ---------------------------------------------------------------------------------- KMS
  // The encrypted connection-notification topic's customer-managed key. CreateKey has no resource
  // type, and tags in CreateKey are authorized as kms:TagResource on '*'. The create's lockout
  // check needs the caller to be allowed kms:PutKeyPolicy by the new key's policy (the blueprint's
  // key policies delegate to IAM through the account root). Read gets the policy, the rotation
  // status and the tags. Not granted: EnableKey/DisableKey (is_enabled).
  aws_kms_key: {
    grants: [
      grant('regional', 'kms', 'CreateKey', 'TagResource'),
      grant(
        'kmsKeys',
        'kms',
        'DescribeKey',
        'GetKeyPolicy',
        'PutKeyPolicy',
        'GetKeyRotationStatus',
        'ListResourceTags',
        'UntagResource',
        'UpdateKeyDescription',
        'ScheduleKeyDeletion',
      ),
    ],
    conditional: [
      {
        why: 'enable_key_rotation',
        when: (r) => isSet(r.enable_key_rotation),
        grants: [grant('kmsKeys', 'kms', 'EnableKeyRotation', 'DisableKeyRotation')],
      },
    ],
  },
  // Alias calls are authorized on the alias and on the key it points to.
  aws_kms_alias: {
    grants: [
      grant('kmsAliases', 'kms', 'CreateAlias', 'UpdateAlias', 'DeleteAlias'),
      grant('kmsKeys', 'kms', 'CreateAlias', 'UpdateAlias', 'DeleteAlias'),
      grant('regional', 'kms', 'ListAliases'),
    ],
  },

  // ---------------------------------------------------------------------------------- Route 53
  // CreateHostedZone has no tags parameter (tags are a separate ChangeTagsForResource) and needs
  // ec2:DescribeVpcs for a private zone. Not granted: GetDNSSEC, DisableHostedZoneDNSSEC (force_destroy only).
  aws_route53_zone: {
    grants: [
      grant('global', 'route53', 'CreateHostedZone'),
      grant('global', 'ec2', 'DescribeVpcs'),
      grant(
        'hostedZones',
        'route53',
        'GetHostedZone',
        'GetChange',
        'ListResourceRecordSets',
        'UpdateHostedZoneComment',
        'AssociateVPCWithHostedZone',
        'DisassociateVPCFromHostedZone',
        'DeleteHostedZone',
        'ChangeTagsForResource',
        'ListTagsForResource',
      ),
    ],
    conditional: [
      {
        why: 'force_destroy',
        when: (r) => isSet(r.force_destroy),
        grants: [grant('hostedZones', 'route53', 'ChangeResourceRecordSets', 'GetDNSSEC')],
      },
    ],
  },
  aws_route53_record: {
    grants: [grant('hostedZones', 'route53', 'ChangeResourceRecordSets', 'GetChange', 'GetHostedZone', 'ListResourceRecordSets')],
  },
  // In the zone's account: lets the VPC of another account associate.
  aws_route53_vpc_association_authorization: {
    grants: [
      grant(
        'hostedZones',
        'route53',
        'CreateVPCAssociationAuthorization',
        'DeleteVPCAssociationAuthorization',
        'ListVPCAssociationAuthorizations',
      ),
    ],
  },
  // In the VPC's account. ec2:DescribeVpcs as for CreateHostedZone (unverified for the association; read-only).
  aws_route53_zone_association: {
    grants: [
      grant('hostedZones', 'route53', 'AssociateVPCWithHostedZone', 'DisassociateVPCFromHostedZone', 'GetChange'),
      grant('global', 'route53', 'ListHostedZonesByVPC'),
      grant('global', 'ec2', 'DescribeVpcs'),
    ],
  },

  // ---------------------------------------------------------------------------------- VPC Lattice
  // The resource gateway places ENIs in the VPC with the caller's EC2 permissions (VPC Lattice
  // guide, "API permissions"); the first Lattice resource creates the Lattice service-linked role.
  aws_vpclattice_resource_gateway: {
    grants: [
      grant('regional', 'vpc-lattice', 'CreateResourceGateway'),
      grant('latticeResources', 'vpc-lattice', 'GetResourceGateway', 'UpdateResourceGateway', 'DeleteResourceGateway'),
      LATTICE_TAGS,
      ec2(
        'AssignPrivateIpAddresses',
        'AssignIpv6Addresses',
        'UnassignPrivateIpAddresses',
        'CreateNetworkInterface',
        'CreateNetworkInterfacePermission',
        'DeleteNetworkInterface',
        'DescribeNetworkInterfaces',
        'ModifyNetworkInterfaceAttribute',
        'DescribeSecurityGroups',
        'DescribeSubnets',
      ),
      slr('vpcLattice'),
    ],
  },
  aws_vpclattice_resource_configuration: {
    grants: [
      grant('regional', 'vpc-lattice', 'CreateResourceConfiguration'),
      grant('latticeResources', 'vpc-lattice', 'GetResourceConfiguration', 'UpdateResourceConfiguration', 'DeleteResourceConfiguration'),
      LATTICE_TAGS,
      ec2('DescribeSubnets'),
      slr('vpcLattice'),
    ],
    conditional: [
      {
        why: 'an ARN resource (an RDS database)',
        when: (r) => JSON.stringify(r.resource_configuration_definition ?? null).includes('arn_resource'),
        grants: [grant('regional', 'rds', 'DescribeDBInstances', 'DescribeDBClusters')],
      },
    ],
  },

  // ---------------------------------------------------------------------------------- Route 53 Profiles
  // Their own namespace (route53profiles:), not route53: or route53resolver:. The API has resource-level
  // permissions, but no scope of scopes.ts names profile ARNs yet: the account's regions instead. Tags:
  // the framework interceptor lists them on every read and tags/untags on a change of default tags.
  aws_route53profiles_profile: {
    grants: [
      grant(
        'regional',
        'route53profiles',
        'CreateProfile',
        'GetProfile',
        'DeleteProfile',
        'ListTagsForResource',
        'TagResource',
        'UntagResource',
      ),
    ],
  },
  // In the VPC's account: a consumer needs AssociateProfile for a profile shared with it
  // (ministryofjustice/modernisation-platform #13499/#13500 hit AccessDeniedException without it).
  aws_route53profiles_association: {
    grants: [
      grant(
        'regional',
        'route53profiles',
        'AssociateProfile',
        'GetProfileAssociation',
        'DisassociateProfile',
        'ListTagsForResource',
        'TagResource',
        'UntagResource',
      ),
    ],
  },
  // Permissions on the associated zone or rule itself: not documented in what was read.
  aws_route53profiles_resource_association: {
    grants: [
      grant(
        'regional',
        'route53profiles',
        'AssociateResourceToProfile',
        'GetProfileResourceAssociation',
        'DisassociateResourceFromProfile',
      ),
    ],
  },

  // ---------------------------------------------------------------------------------- Route 53 Resolver
  // The endpoint's ENIs are created with the caller's EC2 permissions: the EC2 actions of the AWS managed
  // policy AmazonRoute53ResolverFullAccess (docs.aws.amazon.com/aws-managed-policy/latest/reference).
  aws_route53_resolver_endpoint: {
    grants: [
      grant(
        'regional',
        'route53resolver',
        'CreateResolverEndpoint',
        'GetResolverEndpoint',
        'ListResolverEndpointIpAddresses',
        'UpdateResolverEndpoint',
        'AssociateResolverEndpointIpAddress',
        'DisassociateResolverEndpointIpAddress',
        'DeleteResolverEndpoint',
        'ListTagsForResource',
        'TagResource',
        'UntagResource',
      ),
      ec2(
        'DescribeSubnets',
        'CreateNetworkInterface',
        'DeleteNetworkInterface',
        'ModifyNetworkInterfaceAttribute',
        'DescribeNetworkInterfaces',
        'CreateNetworkInterfacePermission',
        'DescribeSecurityGroups',
        'DescribeVpcs',
        'DescribeAvailabilityZones',
      ),
    ],
  },
  // Not in the call-graph lists: the API's own operations for a rule (create, read, update, delete, tags).
  aws_route53_resolver_rule: {
    grants: [
      grant(
        'regional',
        'route53resolver',
        'CreateResolverRule',
        'GetResolverRule',
        'UpdateResolverRule',
        'DeleteResolverRule',
        'ListTagsForResource',
        'TagResource',
        'UntagResource',
      ),
    ],
  },
  // In the VPC's account, for a rule shared with it through RAM. ec2:DescribeVpcs as for the other VPC associations.
  aws_route53_resolver_rule_association: {
    grants: [
      grant('regional', 'route53resolver', 'AssociateResolverRule', 'GetResolverRuleAssociation', 'DisassociateResolverRule'),
      ec2('DescribeVpcs'),
    ],
  },

  // ---------------------------------------------------------------------------------- Site-to-Site VPN, Direct Connect
  aws_customer_gateway: {
    grants: [ec2('CreateCustomerGateway', 'DescribeCustomerGateways', 'DeleteCustomerGateway'), EC2_TAGS],
  },
  // On a Transit Gateway: Read finds the attachment AWS creates with the connection.
  aws_vpn_connection: {
    grants: [
      ec2(
        'CreateVpnConnection',
        'DescribeVpnConnections',
        'DescribeTransitGatewayAttachments',
        'ModifyVpnConnection',
        'ModifyVpnConnectionOptions',
        'ModifyVpnTunnelOptions',
        'DeleteVpnConnection',
      ),
      EC2_TAGS,
    ],
  },
  // A Direct Connect gateway of the same account; accepting a proposal (cross-account) only with proposal_id.
  aws_dx_gateway_association: {
    grants: [
      grant(
        'regional',
        'directconnect',
        'CreateDirectConnectGatewayAssociation',
        'DescribeDirectConnectGatewayAssociations',
        'UpdateDirectConnectGatewayAssociation',
        'DeleteDirectConnectGatewayAssociation',
      ),
    ],
    conditional: [
      {
        why: 'proposal_id (cross-account)',
        when: (r) => isSet(r.proposal_id),
        grants: [grant('regional', 'directconnect', 'AcceptDirectConnectGatewayAssociationProposal')],
      },
    ],
  },
  'data.aws_ec2_transit_gateway_dx_gateway_attachment': {
    grants: [ec2('DescribeTransitGatewayAttachments')],
  },
};

/**
 * Types of other providers that make no AWS call with the deploy role: `terraform_remote_state`
 * reads other stacks' state with the backend's credentials (the state bucket's, or HCP Terraform's).
 */
export const TYPES_WITHOUT_AWS_CALLS: readonly string[] = ['data.terraform_remote_state', 'terraform_data'];
