import type { Construct } from 'constructs';
import type { ResourceServiceConfig } from '../lib/config/types';
import { servicePorts, type NamedService } from '../lib/config/topology';
import { PrivateVpc, VpcResourceShare } from '../modules';
import { BlueprintStack, type EnvironmentStackProps } from './blueprint-stack';
import type { SharedResourceRef } from './refs';

export interface ResourceServiceStackProps extends EnvironmentStackProps {
  readonly service: NamedService<ResourceServiceConfig>;
}

/**
 * One shared VPC resource in its owner's account and region: the owner VPC, a resource gateway
 * across its AZs, the resource configuration, and its RAM share (consumers join it from their
 * own stacks).
 */
export class ResourceServiceStack extends BlueprintStack implements SharedResourceRef {
  readonly region: string;
  readonly vpc: PrivateVpc;
  readonly share: VpcResourceShare;
  readonly resourceConfigurationArn: string;
  readonly resourceShareArn: string;

  constructor(scope: Construct, id: string, props: ResourceServiceStackProps) {
    super(scope, id, { env: props.env, role: 'resource', emulator: props.emulator });
    const { env } = props;
    const { name: serviceName, config: cfg } = props.service;
    this.region = cfg.region;
    const provider = this.awsProvider('owner', cfg.accountId, cfg.region);
    const name = `${env.name}-${serviceName}`;

    this.vpc = new PrivateVpc(this, 'vpc', {
      provider,
      accountId: cfg.accountId,
      name,
      cidr: cfg.cidr,
      azs: cfg.azs,
      ...this.vpcSettings(cfg.accountId),
    });
    this.share = new VpcResourceShare(this, 'resource', {
      provider,
      name,
      vpcId: this.vpc.vpcId,
      vpcCidr: cfg.cidr,
      subnetIds: this.vpc.subnetIds,
      resource: cfg.resource,
      ports: servicePorts(cfg),
    });
    this.resourceConfigurationArn = this.share.resourceConfigurationArn;
    this.resourceShareArn = this.share.resourceShareArn;
    this.exportForCrossStack(this.resourceConfigurationArn, this.resourceShareArn);
  }
}
