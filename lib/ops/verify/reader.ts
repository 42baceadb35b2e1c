/**
 * The live reads of `npm run verify`, through injectable SDK clients (a {@link ClientFactory}),
 * into {@link LiveJson}: for every account and region the environment's stacks act in,
 *
 * - EC2: VPCs (tagged `environment=<env>`), their subnets, route tables and routes, security
 *   groups and ingress rules, VPC endpoints, TGW VPC attachments; in the network account the
 *   TGWs, their route tables, associations, propagations, static routes and peerings; in owner
 *   accounts the endpoint services with their allowed principals and connection states;
 * - ELBv2: the endpoint services' NLBs (subnets, security groups, PrivateLink enforcement);
 * - VPC Lattice and RAM: resource gateways and configurations, the shares holding them and their
 *   principals;
 * - Route 53 (global, per account): private hosted zones with their VPC associations and records.
 *
 * Route 53 Profiles have no SDK client on the registry this project uses; {@link ProfileReader}
 * is the seam for them (profile associations become `aws_route53profiles_*` resources).
 */
import {
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeTransitGatewayPeeringAttachmentsCommand,
  DescribeTransitGatewayRouteTablesCommand,
  DescribeTransitGatewaysCommand,
  DescribeTransitGatewayVpcAttachmentsCommand,
  DescribeVpcEndpointConnectionsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointServicePermissionsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetTransitGatewayRouteTableAssociationsCommand,
  GetTransitGatewayRouteTablePropagationsCommand,
  SearchTransitGatewayRoutesCommand,
  type Filter,
  type IpPermission,
  type Tag,
} from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetResourceShareAssociationsCommand, GetResourceSharesCommand, RAMClient } from '@aws-sdk/client-ram';
import {
  GetHostedZoneCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  ListTagsForResourcesCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import {
  ListResourceConfigurationsCommand,
  ListResourceGatewaysCommand,
  ListTagsForResourceCommand,
  VPCLatticeClient,
} from '@aws-sdk/client-vpc-lattice';
import { mapLimit } from '../../cli/run';
import type { ClientFactory } from '../aws';
import { LiveJson, ref, type Place } from './live-json';

export interface ZoneRecord {
  readonly zoneId: string;
  readonly zoneName: string;
  readonly name: string;
  readonly type: string;
  /** Alias target DNS name, lower case without the trailing dot. */
  readonly aliasTarget?: string;
}

/** Route 53 Profiles: which profiles a VPC uses and which zones a profile holds. */
export interface ProfileReader {
  /** Profile associations of these VPCs of an account and region: profile id and the VPC. */
  associations(place: Place, vpcIds: readonly string[]): Promise<readonly { profileId: string; vpcId: string; id: string }[]>;
  /** Resources (zone ARNs) of a profile. */
  resources(place: Place, profileId: string): Promise<readonly { resourceArn: string; id: string }[]>;
}

export interface LiveReadOptions {
  readonly clients: ClientFactory;
  /** The `environment` tag value. */
  readonly environment: string;
  /** Every account and region to read. */
  readonly places: readonly Place[];
  /** Places of the network account (TGWs, their tables). */
  readonly networkAccount: string;
  readonly parallel?: number;
  readonly profiles?: ProfileReader;
  readonly onError?: (what: string, error: unknown) => void;
}

export interface LiveZone {
  readonly id: string;
  readonly name: string;
  readonly account: string;
  readonly stack?: string;
  readonly vpcIds: readonly string[];
}

export interface LiveEndpoint {
  readonly id: string;
  readonly vpcId?: string;
  readonly account: string;
  readonly region: string;
  readonly stack?: string;
  readonly state?: string;
}

export interface LiveState {
  readonly json: LiveJson;
  readonly records: readonly ZoneRecord[];
  readonly zones: readonly LiveZone[];
  readonly endpoints: readonly LiveEndpoint[];
  /** Each VPC endpoint's DNS names (lower case, no trailing dot). */
  readonly endpointDns: ReadonlyMap<string, readonly string[]>;
  /** The endpoint service each interface endpoint connects to (customer services). */
  readonly endpointService: ReadonlyMap<string, string>;
  /** Interface endpoint network interfaces, for Reachability Analyzer. */
  readonly endpointEnis: ReadonlyMap<string, readonly string[]>;
}

const tagsOf = (tags: readonly Tag[] | undefined): Record<string, string> =>
  Object.fromEntries((tags ?? []).flatMap((t) => (t.Key === undefined ? [] : [[t.Key, t.Value ?? '']])));

async function ec2Pages<T>(fetch: (token?: string) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.push(...page.items);
    token = page.next || undefined;
  } while (token);
  return out;
}

function ingressOf(perms: readonly IpPermission[] | undefined): Record<string, unknown>[] {
  return (perms ?? []).map((p) => ({
    protocol: p.IpProtocol ?? '-1',
    from_port: p.FromPort ?? 0,
    to_port: p.ToPort ?? 0,
    cidr_blocks: (p.IpRanges ?? []).flatMap((r) => r.CidrIp ?? []),
    ipv6_cidr_blocks: (p.Ipv6Ranges ?? []).flatMap((r) => r.CidrIpv6 ?? []),
    prefix_list_ids: (p.PrefixListIds ?? []).flatMap((r) => r.PrefixListId ?? []),
    security_groups: (p.UserIdGroupPairs ?? []).flatMap((g) => (g.GroupId ? [ref(g.GroupId)] : [])),
  }));
}

/** Reads one account and region's VPC-level objects (everything tagged with the environment, and what is in those VPCs). */
async function readPlace(
  o: LiveReadOptions,
  place: Place,
  live: LiveJson,
  serviceNames: Map<string, string>,
  dns: Map<string, string[]>,
  enis: Map<string, string[]>,
  found: LiveEndpoint[],
): Promise<void> {
  const ec2 = o.clients(EC2Client, place.account, place.region);
  const envFilter: Filter[] = [{ Name: 'tag:environment', Values: [o.environment] }];
  const vpcs = await ec2Pages(async (NextToken) => {
    const r = await ec2.send(new DescribeVpcsCommand({ Filters: envFilter, NextToken }));
    return { items: r.Vpcs ?? [], next: r.NextToken };
  });
  const vpcStack = new Map<string, string | undefined>();
  for (const v of vpcs) {
    if (!v.VpcId) continue;
    const stack = tagsOf(v.Tags).stack;
    vpcStack.set(v.VpcId, stack);
    live.add(stack, 'aws_vpc', v.VpcId, place, { cidr_block: v.CidrBlock, tags: tagsOf(v.Tags) });
  }
  const vpcIds = [...vpcStack.keys()];
  const inVpcs: Filter[] = [{ Name: 'vpc-id', Values: vpcIds }];
  const stackOfVpc = (vpc: string | undefined, tags?: Tag[]) => tagsOf(tags).stack ?? (vpc ? vpcStack.get(vpc) : undefined);

  // Endpoint services of this account (owner side): ids, names, principals, connections.
  const services = await ec2Pages(async (NextToken) => {
    const r = await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ Filters: envFilter, NextToken }));
    return { items: r.ServiceConfigurations ?? [], next: r.NextToken };
  });
  for (const s of services) {
    if (!s.ServiceId) continue;
    if (s.ServiceName) serviceNames.set(s.ServiceName, s.ServiceId);
    const { AllowedPrincipals = [] } = await ec2.send(new DescribeVpcEndpointServicePermissionsCommand({ ServiceId: s.ServiceId }));
    const stack = tagsOf(s.Tags).stack;
    live.add(stack, 'aws_vpc_endpoint_service', s.ServiceId, place, {
      acceptance_required: s.AcceptanceRequired !== false,
      network_load_balancer_arns: (s.NetworkLoadBalancerArns ?? []).map((a) => ref(a, 'arn')),
      supported_regions: (s.SupportedRegions ?? []).flatMap((r) => r.Region ?? []),
      allowed_principals: AllowedPrincipals.flatMap((p) => p.Principal ?? []),
      tags: tagsOf(s.Tags),
    });
    const { VpcEndpointConnections = [] } = await ec2.send(
      new DescribeVpcEndpointConnectionsCommand({ Filters: [{ Name: 'service-id', Values: [s.ServiceId] }] }),
    );
    for (const c of VpcEndpointConnections) {
      if (!c.VpcEndpointId) continue;
      const state = c.VpcEndpointState ?? 'unknown';
      if (/^available$/i.test(state)) {
        live.add(stack, 'aws_vpc_endpoint_connection_accepter', `${s.ServiceId}_${c.VpcEndpointId}`, place, {
          vpc_endpoint_id: ref(c.VpcEndpointId),
          vpc_endpoint_service_id: ref(s.ServiceId),
        });
      } else {
        live.note(c.VpcEndpointId, `its connection to ${s.ServiceId} is ${state} (owner ${c.VpcEndpointOwner ?? '?'})`);
      }
    }
    if ((s.NetworkLoadBalancerArns ?? []).length > 0) {
      const elb = o.clients(ElasticLoadBalancingV2Client, place.account, place.region);
      const { LoadBalancers = [] } = await elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: s.NetworkLoadBalancerArns }));
      for (const lb of LoadBalancers) {
        if (!lb.LoadBalancerArn) continue;
        live.add(stack, 'aws_lb', lb.LoadBalancerArn, place, {
          subnets: (lb.AvailabilityZones ?? []).flatMap((z) => (z.SubnetId ? [ref(z.SubnetId)] : [])),
          security_groups: (lb.SecurityGroups ?? []).map((g) => ref(g)),
          enforce_security_group_inbound_rules_on_private_link_traffic: lb.EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic ?? 'on',
          load_balancer_type: lb.Type,
        });
      }
    }
  }

  if (vpcIds.length > 0) {
    const subnets = await ec2Pages(async (NextToken) => {
      const r = await ec2.send(new DescribeSubnetsCommand({ Filters: inVpcs, NextToken }));
      return { items: r.Subnets ?? [], next: r.NextToken };
    });
    for (const s of subnets)
      if (s.SubnetId)
        live.add(stackOfVpc(s.VpcId, s.Tags), 'aws_subnet', s.SubnetId, place, {
          vpc_id: ref(s.VpcId ?? ''),
          cidr_block: s.CidrBlock,
          availability_zone: s.AvailabilityZone,
        });
    const tables = await ec2Pages(async (NextToken) => {
      const r = await ec2.send(new DescribeRouteTablesCommand({ Filters: inVpcs, NextToken }));
      return { items: r.RouteTables ?? [], next: r.NextToken };
    });
    for (const t of tables) {
      if (!t.RouteTableId) continue;
      const routes = (t.Routes ?? [])
        .filter((r) => r.State !== 'blackhole')
        .flatMap((r) => {
          const cidr = r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock;
          if (!cidr) return [];
          return [
            {
              cidr_block: cidr,
              ...(r.TransitGatewayId && { transit_gateway_id: ref(r.TransitGatewayId) }),
              ...(r.GatewayId && { gateway_id: r.GatewayId }),
              ...(r.NatGatewayId && { nat_gateway_id: r.NatGatewayId }),
              ...(r.EgressOnlyInternetGatewayId && { egress_only_gateway_id: r.EgressOnlyInternetGatewayId }),
              ...(r.VpcPeeringConnectionId && { vpc_peering_connection_id: r.VpcPeeringConnectionId }),
            },
          ];
        });
      live.add(stackOfVpc(t.VpcId, t.Tags), 'aws_route_table', t.RouteTableId, place, { vpc_id: ref(t.VpcId ?? ''), route: routes });
    }
    const groups = await ec2Pages(async (NextToken) => {
      const r = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: inVpcs, NextToken }));
      return { items: r.SecurityGroups ?? [], next: r.NextToken };
    });
    for (const g of groups)
      if (g.GroupId)
        live.add(stackOfVpc(g.VpcId, g.Tags), 'aws_security_group', g.GroupId, place, {
          vpc_id: ref(g.VpcId ?? ''),
          name: g.GroupName,
          ingress: ingressOf(g.IpPermissions),
        });
    const endpoints = await ec2Pages(async (NextToken) => {
      const r = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: inVpcs, NextToken }));
      return { items: r.VpcEndpoints ?? [], next: r.NextToken };
    });
    for (const e of endpoints) {
      if (!e.VpcEndpointId || /^(deleted|deleting)$/i.test(e.State ?? '')) continue;
      if (e.State && !/^available$/i.test(e.State)) live.note(e.VpcEndpointId, `the endpoint is ${e.State}`);
      dns.set(
        e.VpcEndpointId,
        (e.DnsEntries ?? []).flatMap((d) => (d.DnsName ? [d.DnsName.toLowerCase().replace(/\.$/, '')] : [])),
      );
      enis.set(e.VpcEndpointId, e.NetworkInterfaceIds ?? []);
      found.push({
        id: e.VpcEndpointId,
        vpcId: e.VpcId,
        account: place.account,
        region: place.region,
        stack: stackOfVpc(e.VpcId, e.Tags),
        state: e.State,
      });
      live.add(stackOfVpc(e.VpcId, e.Tags), 'aws_vpc_endpoint', e.VpcEndpointId, place, {
        vpc_id: ref(e.VpcId ?? ''),
        vpc_endpoint_type: e.VpcEndpointType,
        // A customer endpoint service is referred to by id (resolved once every account is read).
        service_name: e.ServiceName,
        ...(e.ServiceRegion && { service_region: e.ServiceRegion }),
        ...(e.ResourceConfigurationArn && { resource_configuration_arn: ref(e.ResourceConfigurationArn, 'arn') }),
        security_group_ids: (e.Groups ?? []).flatMap((g) => (g.GroupId ? [ref(g.GroupId)] : [])),
        subnet_ids: (e.SubnetIds ?? []).map((s) => ref(s)),
        private_dns_enabled: e.PrivateDnsEnabled ?? false,
        tags: tagsOf(e.Tags),
      });
    }
    const attachments = await ec2Pages(async (NextToken) => {
      const r = await ec2.send(new DescribeTransitGatewayVpcAttachmentsCommand({ Filters: inVpcs, NextToken }));
      return { items: r.TransitGatewayVpcAttachments ?? [], next: r.NextToken };
    });
    for (const a of attachments) {
      if (!a.TransitGatewayAttachmentId || /^(deleted|deleting|failed|rejected)$/.test(a.State ?? '')) continue;
      live.add(stackOfVpc(a.VpcId, a.Tags), 'aws_ec2_transit_gateway_vpc_attachment', a.TransitGatewayAttachmentId, place, {
        transit_gateway_id: ref(a.TransitGatewayId ?? ''),
        vpc_id: ref(a.VpcId ?? ''),
        subnet_ids: (a.SubnetIds ?? []).map((s) => ref(s)),
      });
    }
  }

  if (place.account === o.networkAccount) await readTransitGateways(o, place, live, envFilter);
  await readLattice(o, place, live);
  await readShares(o, place, live);
  if (o.profiles && vpcIds.length > 0) {
    const associations = await o.profiles.associations(place, vpcIds).catch((e: unknown) => {
      o.onError?.(`${place.account}/${place.region} Route 53 Profiles`, e);
      return [];
    });
    for (const a of associations) {
      live.add(vpcStack.get(a.vpcId), 'aws_route53profiles_association', a.id, place, {
        profile_id: a.profileId,
        resource_id: ref(a.vpcId),
      });
      for (const r of await o.profiles.resources(place, a.profileId)) {
        // A zone is named by its ARN: point at the zone read from Route 53 (`arn` of the zone id).
        const zone = /^arn:[^:]+:route53:::hostedzone\/(.+)$/.exec(r.resourceArn)?.[1];
        live.add(vpcStack.get(a.vpcId), 'aws_route53profiles_resource_association', `${a.id}_${r.id}`, place, {
          profile_id: a.profileId,
          resource_arn: zone ? ref(zone, 'arn') : r.resourceArn,
        });
      }
    }
  }
}

async function readTransitGateways(o: LiveReadOptions, place: Place, live: LiveJson, envFilter: Filter[]): Promise<void> {
  const ec2 = o.clients(EC2Client, place.account, place.region);
  const { TransitGateways = [] } = await ec2.send(new DescribeTransitGatewaysCommand({ Filters: envFilter }));
  for (const tgw of TransitGateways) {
    if (!tgw.TransitGatewayId || /^(deleted|deleting)$/.test(tgw.State ?? '')) continue;
    const stack = tagsOf(tgw.Tags).stack;
    live.add(stack, 'aws_ec2_transit_gateway', tgw.TransitGatewayId, place, { tags: tagsOf(tgw.Tags) });
    const tgwFilter = [{ Name: 'transit-gateway-id', Values: [tgw.TransitGatewayId] }];
    const { TransitGatewayVpcAttachments = [] } = await ec2.send(new DescribeTransitGatewayVpcAttachmentsCommand({ Filters: tgwFilter }));
    for (const a of TransitGatewayVpcAttachments) {
      if (!a.TransitGatewayAttachmentId || /^(deleted|deleting|failed|rejected)$/.test(a.State ?? '')) continue;
      // The spoke's side names the attachment's stack; from here only unknown ones are added.
      live.add(tagsOf(a.Tags).stack ?? stack, 'aws_ec2_transit_gateway_vpc_attachment', a.TransitGatewayAttachmentId, place, {
        transit_gateway_id: ref(tgw.TransitGatewayId),
        vpc_id: ref(a.VpcId ?? ''),
      });
    }
    const { TransitGatewayPeeringAttachments = [] } = await ec2.send(
      new DescribeTransitGatewayPeeringAttachmentsCommand({ Filters: tgwFilter }),
    );
    for (const p of TransitGatewayPeeringAttachments) {
      if (!p.TransitGatewayAttachmentId || /^(deleted|deleting|failed|rejected)$/.test(p.State ?? '')) continue;
      live.add(tagsOf(p.Tags).stack ?? stack, 'aws_ec2_transit_gateway_peering_attachment', p.TransitGatewayAttachmentId, place, {
        transit_gateway_id: ref(p.RequesterTgwInfo?.TransitGatewayId ?? ''),
        peer_transit_gateway_id: ref(p.AccepterTgwInfo?.TransitGatewayId ?? ''),
      });
    }
    const { TransitGatewayRouteTables = [] } = await ec2.send(new DescribeTransitGatewayRouteTablesCommand({ Filters: tgwFilter }));
    for (const t of TransitGatewayRouteTables) {
      const table = t.TransitGatewayRouteTableId;
      if (!table || t.State === 'deleted') continue;
      const tableStack = tagsOf(t.Tags).stack ?? stack;
      live.add(tableStack, 'aws_ec2_transit_gateway_route_table', table, place, {
        transit_gateway_id: ref(tgw.TransitGatewayId),
        tags: tagsOf(t.Tags),
      });
      const { Associations = [] } = await ec2.send(
        new GetTransitGatewayRouteTableAssociationsCommand({ TransitGatewayRouteTableId: table }),
      );
      for (const a of Associations) {
        if (!a.TransitGatewayAttachmentId || a.State === 'disassociated') continue;
        live.add(tableStack, 'aws_ec2_transit_gateway_route_table_association', `${table}_${a.TransitGatewayAttachmentId}`, place, {
          transit_gateway_attachment_id: ref(a.TransitGatewayAttachmentId),
          transit_gateway_route_table_id: ref(table),
        });
      }
      const { TransitGatewayRouteTablePropagations = [] } = await ec2.send(
        new GetTransitGatewayRouteTablePropagationsCommand({ TransitGatewayRouteTableId: table }),
      );
      for (const p of TransitGatewayRouteTablePropagations) {
        if (!p.TransitGatewayAttachmentId || p.State === 'disabled') continue;
        live.add(tableStack, 'aws_ec2_transit_gateway_route_table_propagation', `prop_${table}_${p.TransitGatewayAttachmentId}`, place, {
          transit_gateway_attachment_id: ref(p.TransitGatewayAttachmentId),
          transit_gateway_route_table_id: ref(table),
        });
      }
      const { Routes = [] } = await ec2.send(
        new SearchTransitGatewayRoutesCommand({ TransitGatewayRouteTableId: table, Filters: [{ Name: 'type', Values: ['static'] }] }),
      );
      for (const r of Routes) {
        if (!r.DestinationCidrBlock) continue;
        const attachment = r.TransitGatewayAttachments?.[0]?.TransitGatewayAttachmentId;
        live.add(tableStack, 'aws_ec2_transit_gateway_route', `route_${table}_${r.DestinationCidrBlock}`, place, {
          destination_cidr_block: r.DestinationCidrBlock,
          transit_gateway_route_table_id: ref(table),
          ...(r.State === 'blackhole' || !attachment ? { blackhole: true } : { transit_gateway_attachment_id: ref(attachment) }),
        });
      }
    }
  }
}

async function readLattice(o: LiveReadOptions, place: Place, live: LiveJson): Promise<void> {
  const lattice = o.clients(VPCLatticeClient, place.account, place.region);
  const tagsAt = async (arn: string | undefined) =>
    arn ? ((await lattice.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags ?? {}) : {};
  const { items: gateways = [] } = await lattice.send(new ListResourceGatewaysCommand({}));
  for (const g of gateways) {
    if (!g.id) continue;
    const tags = await tagsAt(g.arn);
    if (tags.environment !== o.environment) continue;
    live.add(tags.stack, 'aws_vpclattice_resource_gateway', g.id, place, { vpc_id: ref(g.vpcIdentifier ?? ''), name: g.name });
  }
  const { items: configs = [] } = await lattice.send(new ListResourceConfigurationsCommand({}));
  for (const c of configs) {
    if (!c.arn) continue;
    const tags = await tagsAt(c.arn);
    if (tags.environment !== o.environment) continue;
    live.add(tags.stack, 'aws_vpclattice_resource_configuration', c.arn, place, {
      resource_gateway_identifier: ref(c.resourceGatewayId ?? ''),
      name: c.name,
      arn: c.arn,
    });
  }
}

async function readShares(o: LiveReadOptions, place: Place, live: LiveJson): Promise<void> {
  const ram = o.clients(RAMClient, place.account, place.region);
  const { resourceShares = [] } = await ram.send(
    new GetResourceSharesCommand({
      resourceOwner: 'SELF',
      resourceShareStatus: 'ACTIVE',
      tagFilters: [{ tagKey: 'environment', tagValues: [o.environment] }],
    }),
  );
  for (const s of resourceShares) {
    const arn = s.resourceShareArn;
    if (!arn) continue;
    const stack = (s.tags ?? []).find((t) => t.key === 'stack')?.value;
    live.add(stack, 'aws_ram_resource_share', arn, place, { name: s.name, allow_external_principals: s.allowExternalPrincipals ?? false });
    for (const type of ['RESOURCE', 'PRINCIPAL'] as const) {
      const { resourceShareAssociations = [] } = await ram.send(
        new GetResourceShareAssociationsCommand({ associationType: type, resourceShareArns: [arn] }),
      );
      for (const a of resourceShareAssociations) {
        if (a.status !== 'ASSOCIATED' || !a.associatedEntity) continue;
        if (type === 'RESOURCE')
          live.add(stack, 'aws_ram_resource_association', `${arn}_${a.associatedEntity}`, place, {
            resource_arn: ref(a.associatedEntity, 'arn'),
            resource_share_arn: ref(arn, 'arn'),
          });
        else
          live.add(stack, 'aws_ram_principal_association', `${arn}_${a.associatedEntity}`, place, {
            principal: a.associatedEntity,
            resource_share_arn: ref(arn, 'arn'),
          });
      }
    }
  }
}

/** Private hosted zones of an account tagged with the environment: their VPCs and records. */
async function readZones(o: LiveReadOptions, account: string, live: LiveJson, records: ZoneRecord[], found: LiveZone[]): Promise<void> {
  const r53 = o.clients(Route53Client, account, 'us-east-1');
  const zones: { id: string; name: string }[] = [];
  let marker: string | undefined;
  do {
    const page = await r53.send(new ListHostedZonesCommand({ Marker: marker }));
    for (const z of page.HostedZones ?? [])
      if (z.Id && z.Config?.PrivateZone) zones.push({ id: z.Id.replace(/^\/hostedzone\//, ''), name: z.Name ?? '' });
    marker = page.IsTruncated ? page.NextMarker : undefined;
  } while (marker);
  const tags = new Map<string, Record<string, string>>();
  for (let i = 0; i < zones.length; i += 10) {
    const { ResourceTagSets = [] } = await r53.send(
      new ListTagsForResourcesCommand({ ResourceType: 'hostedzone', ResourceIds: zones.slice(i, i + 10).map((z) => z.id) }),
    );
    for (const set of ResourceTagSets) if (set.ResourceId) tags.set(set.ResourceId, tagsOf(set.Tags));
  }
  for (const z of zones) {
    const t = tags.get(z.id) ?? {};
    if (t.environment !== o.environment) continue;
    const { VPCs = [] } = await r53.send(new GetHostedZoneCommand({ Id: z.id }));
    found.push({ id: z.id, name: z.name.replace(/\.$/, ''), account, stack: t.stack, vpcIds: VPCs.flatMap((v) => v.VPCId ?? []) });
    live.add(
      t.stack,
      'aws_route53_zone',
      z.id,
      { account, region: VPCs[0]?.VPCRegion ?? 'us-east-1' },
      {
        name: z.name.replace(/\.$/, ''),
        vpc: VPCs.flatMap((v) => (v.VPCId ? [{ vpc_id: ref(v.VPCId), vpc_region: v.VPCRegion }] : [])),
        tags: t,
      },
    );
    const { ResourceRecordSets = [] } = await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: z.id }));
    for (const r of ResourceRecordSets) {
      if (!r.Name || !r.Type || r.Type === 'SOA' || r.Type === 'NS') continue;
      records.push({
        zoneId: z.id,
        zoneName: z.name.replace(/\.$/, ''),
        name: r.Name.replace(/\.$/, ''),
        type: r.Type,
        aliasTarget: r.AliasTarget?.DNSName?.toLowerCase().replace(/\.$/, ''),
      });
    }
  }
}

/** Reads every place, then points endpoints at the endpoint services they name. */
export async function readLive(o: LiveReadOptions): Promise<LiveState> {
  const live = new LiveJson();
  const serviceNames = new Map<string, string>();
  const dns = new Map<string, string[]>();
  const enis = new Map<string, string[]>();
  const records: ZoneRecord[] = [];
  const zones: LiveZone[] = [];
  const endpoints: LiveEndpoint[] = [];
  const places = [...new Map(o.places.map((p) => [`${p.account}/${p.region}`, p])).values()];
  // Owner accounts first is not needed: service names are resolved after every read.
  await mapLimit(places, o.parallel ?? 4, async (place) => {
    try {
      await readPlace(o, place, live, serviceNames, dns, enis, endpoints);
    } catch (e) {
      o.onError?.(`${place.account}/${place.region}`, e);
    }
  });
  await mapLimit([...new Set(places.map((p) => p.account))], o.parallel ?? 4, async (account) => {
    try {
      await readZones(o, account, live, records, zones);
    } catch (e) {
      o.onError?.(`${account}/route53`, e);
    }
  });
  const endpointService = live.resolveServiceNames(serviceNames);
  return { json: live, records, zones, endpoints, endpointService, endpointDns: dns, endpointEnis: enis };
}
