import type { Construct } from 'constructs';
import { VpcEndpointServicePrivateDnsVerification } from '@cdktf/provider-aws/lib/vpc-endpoint-service-private-dns-verification';
import type { PublishedServiceConfig } from '../lib/config/types';
import { segmentSources, supportedRegions, type NamedService } from '../lib/config/topology';
import { EndpointService, PrivateVpc } from '../modules';
import { BlueprintStack, type EnvironmentStackProps } from './blueprint-stack';
import type { PublishedServiceRef } from './refs';

export interface PublishedServiceStackProps extends EnvironmentStackProps {
  readonly service: NamedService<PublishedServiceConfig>;
}

/**
 * One published service in its owner's account and region: its own VPC, an internal NLB and
 * the endpoint service on it. With a private DNS name, the domain's verification is started and
 * awaited here, and consumers read the service id from the verification, so no consumer turns
 * private DNS on before the domain is verified.
 */
export class PublishedServiceStack extends BlueprintStack implements PublishedServiceRef {
  readonly region: string;
  readonly vpc: PrivateVpc;
  readonly service: EndpointService;
  readonly serviceId: string;
  readonly serviceName: string;
  readonly verifiedServiceId?: string;

  constructor(scope: Construct, id: string, props: PublishedServiceStackProps) {
    super(scope, id, { env: props.env, role: 'provider', emulator: props.emulator });
    const { env } = props;
    const { name: serviceName, config: cfg } = props.service;
    this.region = cfg.region;
    const provider = this.awsProvider('provider', cfg.accountId, cfg.region);
    const name = `${env.name}-${serviceName}`;

    this.vpc = new PrivateVpc(this, 'vpc', {
      provider,
      accountId: cfg.accountId,
      name,
      cidr: cfg.cidr,
      azs: cfg.azs,
      ...this.vpcSettings(cfg.accountId),
    });

    this.service = new EndpointService(this, 'service', {
      provider,
      accountId: cfg.accountId,
      name,
      vpcId: this.vpc.vpcId,
      vpcCidr: cfg.cidr,
      subnetIds: this.vpc.subnetIds,
      clientCidrs: segmentSources(env),
      listeners: cfg.listeners,
      targets: cfg.targets,
      acceptanceRequired: true,
      supportedRegions: supportedRegions(env, cfg),
      privateDnsName: cfg.privateDnsName,
      verificationZoneId: cfg.verificationZoneId,
    });
    this.serviceId = this.service.serviceId;
    this.serviceName = this.service.serviceName;

    if (cfg.privateDnsName) {
      const verification = new VpcEndpointServicePrivateDnsVerification(this, 'dns-verification', {
        provider,
        serviceId: this.service.serviceId,
        // Bounded: the provider's create timeout (30 minutes) ends the wait with an error.
        waitForVerification: true,
        dependsOn: this.service.verificationRecord ? [this.service.verificationRecord] : undefined,
      });
      this.verifiedServiceId = verification.serviceId;
    }

    this.exportForCrossStack(this.serviceId, this.serviceName, ...(this.verifiedServiceId ? [this.verifiedServiceId] : []));
  }
}
