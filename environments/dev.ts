import type { EnvironmentConfig } from '../lib/config/types';

/** Development: one region, two non-production consumers. */
export const dev: EnvironmentConfig = {
  name: 'dev',
  organization: { id: 'o-a1b2c3d4e5', managementAccountId: '111111111111', cidr: '10.0.0.0/8' },
  deployRoleName: 'privatelink-deploy',
  tags: { owner: 'platform-network', 'cost-center': 'cc-1234' },
  state: { kind: 's3', bucket: 'acme-privatelink-tfstate-dev', region: 'us-east-1' },
  segments: {
    nonprod: { spokeToSpoke: false },
  },
  network: {
    accountId: '222222222222',
    hubs: {
      'us-east-1': {
        cidr: '10.64.0.0/22',
        azs: ['us-east-1a', 'us-east-1b'],
        asn: 64612,
        endpointSets: {
          core: { services: ['sts', 'ecr.api', 'ecr.dkr'] },
        },
      },
    },
  },
  provider: {
    accountId: '333333333333',
    region: 'us-east-1',
    cidr: '10.65.0.0/22',
    azs: ['us-east-1a', 'us-east-1b'],
    service: {
      name: 'orders',
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
      azs: ['us-east-1a', 'us-east-1b'],
      segment: 'nonprod',
      expectedGbPerMonth: 50,
    },
    {
      name: 'batch',
      accountId: '555555555555',
      region: 'us-east-1',
      cidr: '10.66.4.0/22',
      azs: ['us-east-1a', 'us-east-1c'],
      segment: 'nonprod',
    },
  ],
};
