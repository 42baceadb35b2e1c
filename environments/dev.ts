import type { EnvironmentConfig } from '../lib/config/types';

/** Development: one region, one published service, two non-production consumers of it. */
export const dev: EnvironmentConfig = {
  name: 'dev',
  organization: { id: 'o-a1b2c3d4e5', managementAccountId: '111111111111', cidr: '10.0.0.0/8' },
  deployRoleName: 'privatelink-deploy',
  tags: { owner: 'platform-network', 'cost-center': 'cc-1234' },
  state: { kind: 's3', bucket: 'acme-privatelink-tfstate-dev', region: 'us-east-1', kmsKeyId: 'alias/acme-privatelink-tfstate-dev' },
  // `npm run bootstrap -- --env dev`: deploy roles the CI role assumes, the state bucket in the network account.
  bootstrap: { trust: { kind: 'principal', arn: 'arn:aws:iam::222222222222:role/privatelink-ci' } },
  segments: {
    nonprod: { cidrs: ['10.66.0.0/16'], spokeToSpoke: false },
  },
  network: {
    accountId: '222222222222',
    // Each spoke associates the hub's zones directly (prod uses Route 53 Profiles): the e2e suite covers both.
    dns: 'zone-associations',
    hubs: {
      'us-east-1': {
        cidr: '10.64.0.0/22',
        azs: ['use1-az1', 'use1-az2'],
        asn: 64612,
        endpointSets: {
          core: { services: ['sts', 'ecr.api', 'ecr.dkr'] },
        },
      },
    },
  },
  services: {
    orders: {
      kind: 'published',
      accountId: '333333333333',
      region: 'us-east-1',
      cidr: '10.65.0.0/22',
      azs: ['use1-az1', 'use1-az2'],
      listeners: [{ port: 443, protocol: 'TCP' }],
      targets: ['10.65.0.10', '10.65.0.138'],
    },
  },
  consumers: [
    {
      name: 'web',
      accountId: '444444444444',
      region: 'us-east-1',
      cidr: '10.66.0.0/22',
      azs: ['use1-az1', 'use1-az2'],
      segment: 'nonprod',
      consumes: ['orders'],
      expectedGbPerMonth: 50,
    },
    {
      name: 'batch',
      accountId: '555555555555',
      region: 'us-east-1',
      cidr: '10.66.4.0/22',
      azs: ['use1-az2', 'use1-az1'],
      segment: 'nonprod',
      consumes: ['orders'],
    },
  ],
};
