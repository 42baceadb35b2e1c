/** Route 53 Profiles reads (lib/ops/verify/route53profiles.ts) and environments from --config (lib/ops/config-file.ts). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dev } from '../../../environments/dev';
import { loadEnvironments } from '../../../lib/ops/config-file';
import { LiveJson } from '../../../lib/ops/verify/live-json';
import { readLive } from '../../../lib/ops/verify/reader';
import {
  ListProfileAssociationsCommand,
  ListProfileResourceAssociationsCommand,
  profileReader,
  requestOf,
} from '../../../lib/ops/verify/route53profiles';
import { fake } from './fake-clients';

test('the REST requests of the two Route 53 Profiles reads', () => {
  expect(requestOf(new ListProfileAssociationsCommand({ ResourceId: 'vpc-1', NextToken: 't' }))).toEqual({
    path: '/profileassociations',
    query: { resourceId: 'vpc-1', nextToken: 't' },
  });
  expect(requestOf(new ListProfileResourceAssociationsCommand({ ProfileId: 'rp-1' }))).toEqual({
    path: '/profileresourceassociations/profileid/rp-1',
    query: {},
  });
});

test('a VPC using a Profile gets its zones as profile resource associations that name the zone', async () => {
  const place = { account: '444444444444', region: 'us-east-1' };
  const clients = fake({
    DescribeVpcsCommand: () => ({
      Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.66.0.0/22', Tags: [{ Key: 'stack', Value: 'dev-consumer-web-us-east-1' }] }],
    }),
    DescribeVpcEndpointServiceConfigurationsCommand: () => ({}),
    DescribeSubnetsCommand: () => ({}),
    DescribeRouteTablesCommand: () => ({}),
    DescribeSecurityGroupsCommand: () => ({}),
    DescribeVpcEndpointsCommand: () => ({}),
    DescribeTransitGatewayVpcAttachmentsCommand: () => ({}),
    ListResourceGatewaysCommand: () => ({}),
    ListResourceConfigurationsCommand: () => ({}),
    GetResourceSharesCommand: () => ({}),
    ListHostedZonesCommand: () => ({}),
    ListProfileAssociationsCommand: (i) => ({
      ProfileAssociations: [{ Id: 'rpassoc-1', ProfileId: 'rp-1', ResourceId: i.ResourceId, Status: 'COMPLETE' }],
    }),
    ListProfileResourceAssociationsCommand: () => ({
      ProfileResourceAssociations: [{ Id: 'rpr-1', ResourceArn: 'arn:aws:route53:::hostedzone/Z1', Status: 'COMPLETE' }],
    }),
  });
  const { json } = await readLive({
    clients,
    profiles: profileReader(clients),
    environment: 'dev',
    places: [place],
    networkAccount: '222222222222',
  });
  const stack = json.build()['dev-consumer-web-us-east-1'] as { resource: Record<string, Record<string, Record<string, unknown>>> };
  expect(stack.resource.aws_route53profiles_association['rpassoc-1']).toMatchObject({
    profile_id: 'rp-1',
    resource_id: '${aws_vpc.vpc-1.id}',
  });
  // The zone itself was not read here: the ARN stays literal.
  expect(stack.resource.aws_route53profiles_resource_association['rpassoc-1_rpr-1']).toMatchObject({
    profile_id: 'rp-1',
    resource_arn: 'Z1',
  });
  expect(new LiveJson().build()).toEqual({});
});

test('environments from a JSON file or a module; the shipped ones without --config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pl-config-'));
  const json = join(dir, 'env.json');
  writeFileSync(json, JSON.stringify({ ...dev, name: 'copy' }));
  expect(loadEnvironments(json, []).map((e) => e.name)).toEqual(['copy']);
  writeFileSync(json, JSON.stringify({ environments: [dev, { ...dev, name: 'b' }] }));
  expect(loadEnvironments(json, []).map((e) => e.name)).toEqual(['dev', 'b']);
  const mod = join(dir, 'envs.js');
  writeFileSync(mod, `exports.environments = [${JSON.stringify({ ...dev, name: 'js' })}];`);
  expect(loadEnvironments(mod, []).map((e) => e.name)).toEqual(['js']);
  expect(loadEnvironments(undefined, [dev])).toEqual([dev]);
  writeFileSync(json, '[]');
  expect(() => loadEnvironments(json, [])).toThrow(/no environments/);
});
