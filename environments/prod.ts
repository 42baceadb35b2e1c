import type { EnvironmentConfig } from '../lib/config/types';

/**
 * Production: two regions with peered hubs, a TLS service published from us-east-1,
 * and consumers in both regions (eu-west-1 reaches the service through cross-region PrivateLink).
 */
export const prod: EnvironmentConfig = {
  name: 'prod',
  organization: { id: 'o-a1b2c3d4e5', managementAccountId: '111111111111', cidr: '10.0.0.0/8' },
  deployRoleName: 'privatelink-deploy',
  tags: { owner: 'platform-network', 'cost-center': 'cc-1234', 'data-classification': 'confidential' },
  state: {
    kind: 's3',
    bucket: 'acme-privatelink-tfstate-prod',
    region: 'us-east-1',
    kmsKeyId: 'alias/privatelink-tfstate',
  },
  segments: {
    prod: { spokeToSpoke: false },
    nonprod: { spokeToSpoke: true },
  },
  network: {
    accountId: '222222222222',
    shareWith: 'organization',
    hubs: {
      'us-east-1': {
        cidr: '10.0.0.0/21',
        azs: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
        asn: 64512,
        endpointSets: {
          core: { services: ['sts', 'ecr.api', 'ecr.dkr', 's3'] },
          data: { services: ['dynamodb', 'kinesis-streams'], segments: ['prod'] },
        },
      },
      'eu-west-1': {
        cidr: '10.0.8.0/21',
        azs: ['eu-west-1a', 'eu-west-1b'],
        asn: 64513,
        endpointSets: {
          core: { services: ['sts', 'ecr.api', 'ecr.dkr', 's3'] },
        },
      },
    },
  },
  provider: {
    accountId: '333333333333',
    region: 'us-east-1',
    cidr: '10.1.0.0/21',
    azs: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    service: {
      name: 'payments',
      listeners: [
        { port: 443, protocol: 'TLS', certificateArn: 'arn:aws:acm:us-east-1:333333333333:certificate/5e4b3c2a-1f0e-4d9c-8b7a-6a5b4c3d2e1f' },
      ],
      targets: ['10.1.0.10', '10.1.1.10', '10.1.2.10'],
      supportedRegions: ['eu-west-1'],
    },
  },
  consumers: [
    {
      name: 'checkout',
      accountId: '444444444444',
      region: 'us-east-1',
      cidr: '10.16.0.0/21',
      azs: ['us-east-1a', 'us-east-1b'],
      segment: 'prod',
      expectedGbPerMonth: 500,
    },
    {
      name: 'ledger-eu',
      accountId: '555555555555',
      region: 'eu-west-1',
      cidr: '10.17.0.0/21',
      azs: ['eu-west-1a', 'eu-west-1b'],
      segment: 'prod',
      expectedGbPerMonth: 200,
    },
    {
      name: 'staging',
      accountId: '666666666666',
      region: 'us-east-1',
      cidr: '10.18.0.0/21',
      azs: ['us-east-1a', 'us-east-1b'],
      segment: 'nonprod',
    },
  ],
};
