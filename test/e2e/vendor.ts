/**
 * The vendor of an external service, played in an account outside the environment: it publishes
 * the endpoint service the environment names (the emulator gives it that id through the
 * `emulator:service-id` tag), allows the consumer accounts, and later accepts their connections,
 * as a SaaS vendor does on its side.
 */
import {
  AcceptVpcEndpointConnectionsCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DeleteVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointConnectionsCommand,
  ModifyVpcEndpointServicePermissionsCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateLoadBalancerCommand,
  DeleteLoadBalancerCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { EnvironmentConfig, ExternalServiceConfig } from '../../lib/config/types';
import { consumersOf } from '../../lib/config/topology';
import type { EmulatorAws } from './aws';

/** An account that belongs to no environment. */
export const VENDOR_ACCOUNT = '999999999999';

export class VendorFixture {
  private readonly created: { region: string; serviceId: string; lbArn: string; vpcId: string; subnetIds: string[] }[] = [];

  constructor(
    private readonly aws: EmulatorAws,
    private readonly env: EnvironmentConfig,
    readonly service: string,
  ) {}

  private get config(): ExternalServiceConfig {
    const svc = this.env.services?.[this.service];
    if (svc?.kind !== 'external') throw new Error(`${this.env.name}: '${this.service}' is not an external service`);
    return svc;
  }

  /** Publishes the service in every region the environment names, allowing every consumer account. */
  async publish(): Promise<void> {
    const cfg = this.config;
    const principals = [...new Set(consumersOf(this.env, this.service).map((c) => `arn:aws:iam::${c.accountId}:root`))].sort();
    for (const [region, name] of Object.entries(cfg.serviceNames)) {
      const { ec2 } = await this.aws.clients(VENDOR_ACCOUNT, region);
      const elb = new ElasticLoadBalancingV2Client(await this.aws.config(VENDOR_ACCOUNT, region));
      const id = name.slice(name.lastIndexOf('.') + 1);
      // The vendor's own network: a VPC, three subnets and an internal NLB behind its service. Three
      // zones (us-east-1a..c are use1-az6, az1, az2 in the emulator) so that a same-region consumer in
      // use1-az1 and use1-az2 (prod's checkout) can place its endpoint.
      const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '172.31.0.0/16' }));
      const subnetIds: string[] = [];
      for (const [i, az] of ['a', 'b', 'c'].entries()) {
        const { Subnet } = await ec2.send(
          new CreateSubnetCommand({ VpcId: Vpc!.VpcId, CidrBlock: `172.31.${i}.0/24`, AvailabilityZone: `${region}${az}` }),
        );
        subnetIds.push(Subnet!.SubnetId!);
      }
      const { LoadBalancers } = await elb.send(
        new CreateLoadBalancerCommand({ Name: `${this.service}-vendor`, Type: 'network', Scheme: 'internal', Subnets: subnetIds }),
      );
      const lbArn = LoadBalancers![0].LoadBalancerArn!;
      const { ServiceConfiguration } = await ec2.send(
        new CreateVpcEndpointServiceConfigurationCommand({
          NetworkLoadBalancerArns: [lbArn],
          AcceptanceRequired: true,
          PrivateDnsName: cfg.privateDnsName,
          SupportedRegions: region === cfg.serviceRegion ? cfg.supportedRegions?.map((r) => r) : undefined,
          TagSpecifications: [{ ResourceType: 'vpc-endpoint-service', Tags: [{ Key: 'emulator:service-id', Value: id }] }],
        }),
      );
      if (ServiceConfiguration?.ServiceName !== name)
        throw new Error(`vendor service came out as ${ServiceConfiguration?.ServiceName}, not ${name}`);
      this.created.push({ region, serviceId: ServiceConfiguration.ServiceId!, lbArn, vpcId: Vpc!.VpcId!, subnetIds });
      await ec2.send(
        new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: ServiceConfiguration.ServiceId, AddAllowedPrincipals: principals }),
      );
    }
  }

  /** The connections waiting for the vendor, by state. */
  async connections(): Promise<{ endpointId: string; owner: string; state: string }[]> {
    const out: { endpointId: string; owner: string; state: string }[] = [];
    for (const { region, serviceId } of this.created) {
      const { ec2 } = await this.aws.clients(VENDOR_ACCOUNT, region);
      const { VpcEndpointConnections = [] } = await ec2.send(
        new DescribeVpcEndpointConnectionsCommand({ Filters: [{ Name: 'service-id', Values: [serviceId] }] }),
      );
      out.push(
        ...VpcEndpointConnections.map((c) => ({ endpointId: c.VpcEndpointId!, owner: c.VpcEndpointOwner!, state: c.VpcEndpointState! })),
      );
    }
    return out.sort((a, b) => a.owner.localeCompare(b.owner));
  }

  /** Accepts every pending connection, as the vendor would. */
  async acceptAll(): Promise<void> {
    for (const { region, serviceId } of this.created) {
      const { ec2 } = await this.aws.clients(VENDOR_ACCOUNT, region);
      const { VpcEndpointConnections = [] } = await ec2.send(
        new DescribeVpcEndpointConnectionsCommand({ Filters: [{ Name: 'service-id', Values: [serviceId] }] }),
      );
      const pending = VpcEndpointConnections.filter((c) => String(c.VpcEndpointState) === 'pendingAcceptance').map((c) => c.VpcEndpointId!);
      if (pending.length > 0) await ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: pending }));
    }
  }

  async remove(): Promise<void> {
    for (const { region, serviceId, lbArn, vpcId, subnetIds } of this.created.splice(0)) {
      const { ec2 } = await this.aws.clients(VENDOR_ACCOUNT, region);
      const elb = new ElasticLoadBalancingV2Client(await this.aws.config(VENDOR_ACCOUNT, region));
      await ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [serviceId] }));
      await elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lbArn }));
      for (const id of subnetIds) await ec2.send(new DeleteSubnetCommand({ SubnetId: id }));
      await ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
    }
  }
}
