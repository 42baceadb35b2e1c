import type { EnvironmentConfig } from '../lib/config/types';

/**
 * Production: two regions with peered hubs and a service catalog: two in-organization services
 * from two owner accounts (payments in us-east-1, consumed from eu-west-1 through cross-region
 * PrivateLink; fx-rates in eu-west-1), a third-party market-data feed, and a database shared
 * through a PrivateLink resource endpoint; Route 53 Profiles for the hubs' names, and the
 * datacenter over a VPN to the us-east-1 hub.
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
  // `npm run bootstrap -- --env prod`: deploy roles the CI role assumes; the state bucket (and the
  // key behind alias/privatelink-tfstate) in the network account, old state versions kept 180 days.
  bootstrap: {
    trust: { kind: 'principal', arn: 'arn:aws:iam::222222222222:role/privatelink-ci' },
    stateAccountId: '222222222222',
    noncurrentVersionExpirationDays: 180,
  },
  segments: {
    prod: { cidrs: ['10.16.0.0/15'], spokeToSpoke: false },
    nonprod: { cidrs: ['10.18.0.0/15'], spokeToSpoke: true },
  },
  network: {
    accountId: '222222222222',
    shareWith: 'organization',
    // Spokes resolve the hubs' endpoint names through one Route 53 Profile per segment and hub:
    // adding a centralized service changes the hub stack only (README, "DNS at scale and on-premises networks").
    dns: 'profiles',
    // The bank's datacenter over a Site-to-Site VPN (BGP) to the us-east-1 hub: it reaches the
    // hub's endpoints and the prod spokes of us-east-1; they resolve corp.example.com through it.
    onPremises: {
      datacenter: {
        region: 'us-east-1',
        cidrs: ['172.16.0.0/16'],
        vpn: { customerGatewayIp: '203.0.113.10', bgpAsn: 65010 },
        reach: { segments: ['prod'] },
        forwardDomains: ['corp.example.com'],
        dnsServers: ['172.16.0.10', '172.16.1.10'],
      },
    },
    hubs: {
      'us-east-1': {
        cidr: '10.0.0.0/21',
        azs: ['use1-az1', 'use1-az2', 'use1-az4'],
        asn: 64512,
        endpointSets: {
          core: { services: ['sts', 'ecr.api', 'ecr.dkr', 's3'] },
          data: { services: ['sqs', 'kinesis-streams'], segments: ['prod'] },
        },
      },
      'eu-west-1': {
        cidr: '10.0.8.0/21',
        azs: ['euw1-az1', 'euw1-az2'],
        asn: 64513,
        endpointSets: {
          core: { services: ['sts', 'ecr.api', 'ecr.dkr', 's3'] },
        },
      },
    },
  },
  services: {
    // In-organization services, each behind its own NLB in its owner's account.
    payments: {
      kind: 'published',
      accountId: '333333333333',
      region: 'us-east-1',
      cidr: '10.1.0.0/21',
      azs: ['use1-az1', 'use1-az2', 'use1-az4'],
      listeners: [
        {
          port: 443,
          protocol: 'TLS',
          certificateArn: 'arn:aws:acm:us-east-1:333333333333:certificate/5e4b3c2a-1f0e-4d9c-8b7a-6a5b4c3d2e1f',
        },
      ],
      targets: ['10.1.0.10', '10.1.1.10', '10.1.3.10'],
      supportedRegions: ['eu-west-1'],
    },
    'fx-rates': {
      kind: 'published',
      accountId: '777777777777',
      region: 'eu-west-1',
      cidr: '10.2.0.0/22',
      azs: ['euw1-az1', 'euw1-az2'],
      listeners: [{ port: 8443, protocol: 'TCP' }],
      targets: ['10.2.0.10', '10.2.0.138'],
      supportedRegions: [],
    },
    // A third-party analytics service the bank reaches without the internet.
    'market-data': {
      kind: 'external',
      vendor: 'Example Market Data Ltd.',
      serviceNames: { 'us-east-1': 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718' },
      ports: [443],
      privateDnsName: 'feed.market-data.example',
      serviceRegion: 'us-east-1',
      supportedRegions: ['eu-west-1'],
    },
    // A database in the payments account, shared through a PrivateLink resource endpoint.
    'ledger-db': {
      kind: 'resource',
      accountId: '333333333333',
      region: 'us-east-1',
      cidr: '10.3.0.0/22',
      azs: ['use1-az1', 'use1-az2'],
      resource: { ipAddress: '10.3.0.20' },
      portRanges: ['5432'],
    },
  },
  consumers: [
    {
      name: 'checkout',
      accountId: '444444444444',
      region: 'us-east-1',
      cidr: '10.16.0.0/21',
      azs: ['use1-az1', 'use1-az2'],
      segment: 'prod',
      consumes: ['payments', 'market-data', 'ledger-db'],
      expectedGbPerMonth: 500,
    },
    {
      name: 'ledger-eu',
      accountId: '555555555555',
      region: 'eu-west-1',
      cidr: '10.17.0.0/21',
      azs: ['euw1-az1', 'euw1-az2'],
      segment: 'prod',
      consumes: ['payments', 'fx-rates', 'market-data'],
      expectedGbPerMonth: 200,
    },
    {
      name: 'staging',
      accountId: '666666666666',
      region: 'us-east-1',
      cidr: '10.18.0.0/21',
      azs: ['use1-az1', 'use1-az2'],
      segment: 'nonprod',
      consumes: ['payments'],
    },
  ],
};
