/**
 * What exists in AWS with an environment's tags, per account and region: the Resource Groups
 * Tagging API (GetResources with `environment=<env>`), completed by the describes of the kinds it
 * misses (VPC endpoints, endpoint services, TGW route tables in EC2; hosted zones, which are
 * global; IAM roles, which the tagging API does not list). Every resource of the blueprint carries
 * the default tags `environment`, `stack` and `stack-role`.
 */
import {
  DescribeTransitGatewayRouteTablesCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
  type Tag,
} from '@aws-sdk/client-ec2';
import { IAMClient, ListRolesCommand, ListRoleTagsCommand } from '@aws-sdk/client-iam';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { ListHostedZonesCommand, ListTagsForResourcesCommand, Route53Client } from '@aws-sdk/client-route-53';
import { mapLimit } from '../cli/run';
import { parseArn, type ParsedArn } from './arn';
import type { ClientFactory } from './aws';

export interface LiveResource extends ParsedArn {
  readonly tags: Readonly<Record<string, string>>;
}

export interface Place {
  readonly account: string;
  readonly region: string;
}

export interface InventoryOptions {
  readonly clients: ClientFactory;
  /** The value of the `environment` tag. */
  readonly environment: string;
  /** Accounts and regions to look in. */
  readonly places: readonly Place[];
  /** At most this many account/region pairs read at once. @default 4 */
  readonly parallel?: number;
  /** Called for a place that could not be read (the rest goes on). */
  readonly onError?: (place: Place | { account: string; region: 'global' }, error: unknown) => void;
}

const tagsOf = (tags: readonly { Key?: string; Value?: string }[] | undefined): Record<string, string> =>
  Object.fromEntries((tags ?? []).flatMap((t) => (t.Key === undefined ? [] : [[t.Key, t.Value ?? '']])));

function ec2Arn(place: Place, type: string, id: string): string {
  return `arn:aws:ec2:${place.region}:${place.account}:${type}/${id}`;
}

/** The tagged resources of one account and region (regional services only). */
export async function regionalInventory(clients: ClientFactory, environment: string, place: Place): Promise<LiveResource[]> {
  const out: LiveResource[] = [];
  const add = (arn: string, tags: Record<string, string>) => {
    const parsed = parseArn(arn);
    if (parsed) out.push({ ...parsed, tags });
  };
  const tagging = clients(ResourceGroupsTaggingAPIClient, place.account, place.region);
  let token: string | undefined;
  do {
    const page = await tagging.send(
      new GetResourcesCommand({ TagFilters: [{ Key: 'environment', Values: [environment] }], PaginationToken: token || undefined }),
    );
    for (const r of page.ResourceTagMappingList ?? []) if (r.ResourceARN) add(r.ResourceARN, tagsOf(r.Tags));
    token = page.PaginationToken || undefined;
  } while (token);

  const ec2 = clients(EC2Client, place.account, place.region);
  const filter = [{ Name: 'tag:environment', Values: [environment] }];
  const own = (tags: Tag[] | undefined) => tagsOf(tags);
  const endpoints = await ec2.send(new DescribeVpcEndpointsCommand({ Filters: filter }));
  for (const e of endpoints.VpcEndpoints ?? []) {
    if (e.VpcEndpointId && !/deleted|deleting/i.test(e.State ?? '')) add(ec2Arn(place, 'vpc-endpoint', e.VpcEndpointId), own(e.Tags));
  }
  const services = await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ Filters: filter }));
  for (const s of services.ServiceConfigurations ?? [])
    if (s.ServiceId) add(ec2Arn(place, 'vpc-endpoint-service', s.ServiceId), own(s.Tags));
  const tables = await ec2.send(new DescribeTransitGatewayRouteTablesCommand({ Filters: filter }));
  for (const t of tables.TransitGatewayRouteTables ?? []) {
    if (t.TransitGatewayRouteTableId && t.State !== 'deleted')
      add(ec2Arn(place, 'transit-gateway-route-table', t.TransitGatewayRouteTableId), own(t.Tags));
  }
  return out;
}

/** The tagged global resources of one account: private hosted zones, IAM roles named `<env>-...`. */
export async function globalInventory(clients: ClientFactory, environment: string, account: string): Promise<LiveResource[]> {
  const out: LiveResource[] = [];
  const route53 = clients(Route53Client, account, 'us-east-1');
  const zones: string[] = [];
  let marker: string | undefined;
  do {
    const page = await route53.send(new ListHostedZonesCommand({ Marker: marker }));
    for (const z of page.HostedZones ?? []) if (z.Id) zones.push(z.Id.replace(/^\/hostedzone\//, ''));
    marker = page.IsTruncated ? page.NextMarker : undefined;
  } while (marker);
  for (let i = 0; i < zones.length; i += 10) {
    const { ResourceTagSets = [] } = await route53.send(
      new ListTagsForResourcesCommand({ ResourceType: 'hostedzone', ResourceIds: zones.slice(i, i + 10) }),
    );
    for (const set of ResourceTagSets) {
      const tags = tagsOf(set.Tags);
      if (tags.environment !== environment || !set.ResourceId) continue;
      out.push({
        arn: `arn:aws:route53:::hostedzone/${set.ResourceId}`,
        service: 'route53',
        region: '',
        account,
        type: 'hostedzone',
        id: set.ResourceId,
        tags,
      });
    }
  }
  const iam = clients(IAMClient, account, 'us-east-1');
  let iamMarker: string | undefined;
  do {
    const page = await iam.send(new ListRolesCommand({ Marker: iamMarker }));
    for (const role of page.Roles ?? []) {
      if (!role.RoleName?.startsWith(`${environment}-`) || !role.Arn) continue;
      const { Tags = [] } = await iam.send(new ListRoleTagsCommand({ RoleName: role.RoleName }));
      const tags = tagsOf(Tags);
      if (tags.environment !== environment) continue;
      out.push({ arn: role.Arn, service: 'iam', region: '', account, type: 'role', id: role.RoleName, tags });
    }
    iamMarker = page.IsTruncated ? page.Marker : undefined;
  } while (iamMarker);
  return out;
}

/** Every tagged resource of the environment in the given places, deduplicated by ARN. */
export async function inventory(opts: InventoryOptions): Promise<LiveResource[]> {
  const places = [...new Map(opts.places.map((p) => [`${p.account}/${p.region}`, p])).values()];
  const accounts = [...new Set(places.map((p) => p.account))].sort();
  const parallel = opts.parallel ?? 4;
  const regional = await mapLimit(places, parallel, async (place) => {
    try {
      return await regionalInventory(opts.clients, opts.environment, place);
    } catch (e) {
      opts.onError?.(place, e);
      return [];
    }
  });
  const global = await mapLimit(accounts, parallel, async (account) => {
    try {
      return await globalInventory(opts.clients, opts.environment, account);
    } catch (e) {
      opts.onError?.({ account, region: 'global' }, e);
      return [];
    }
  });
  const byArn = new Map<string, LiveResource>();
  for (const r of [...regional.flat(), ...global.flat()]) if (!byArn.has(r.arn)) byArn.set(r.arn, r);
  return [...byArn.values()].sort((a, b) => a.arn.localeCompare(b.arn));
}
