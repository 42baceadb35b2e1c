import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../lib/config/types';
import { supportedRegions } from '../lib/config/topology';
import { EndpointService, PrivateVpc } from '../modules';
import { BlueprintStack } from './blueprint-stack';

export interface ServiceProviderStackProps {
  readonly env: EnvironmentConfig;
}

/** The service provider account: its VPC and the service published behind an internal NLB. */
export class ServiceProviderStack extends BlueprintStack {
  readonly region: string;
  readonly vpc: PrivateVpc;
  readonly service: EndpointService;

  constructor(scope: Construct, id: string, props: ServiceProviderStackProps) {
    super(scope, id, { env: props.env, role: 'provider' });
    const { env } = props;
    const cfg = env.provider;
    this.region = cfg.region;
    const provider = this.awsProvider('provider', cfg.accountId, cfg.region);
    const name = `${env.name}-${cfg.service.name}`;

    this.vpc = new PrivateVpc(this, 'vpc', {
      provider,
      accountId: cfg.accountId,
      name,
      cidr: cfg.cidr,
      azs: cfg.azs,
      flowLogRetentionDays: env.flowLogRetentionDays,
    });

    this.service = new EndpointService(this, 'service', {
      provider,
      accountId: cfg.accountId,
      name,
      vpcId: this.vpc.vpcId,
      vpcCidr: cfg.cidr,
      subnetIds: this.vpc.subnetIds,
      allowedCidr: env.organization.cidr,
      listeners: cfg.service.listeners,
      targets: cfg.service.targets,
      acceptanceRequired: true,
      supportedRegions: supportedRegions(env),
      privateDnsName: cfg.service.privateDnsName,
      verificationZoneId: cfg.service.verificationZoneId,
    });

    this.exportForCrossStack(this.service.serviceId, this.service.serviceName);
  }
}
