import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { azSubnetCidr, isAzId } from '../lib/net/cidr';
import { VpcFlowLog } from './vpc-flow-log';

export interface PrivateVpcProps {
  /** Provider of the owning account and region. */
  readonly provider: TerraformProvider;
  /** Account id of that provider (for the flow-log role's trust policy). */
  readonly accountId: string;
  /** Name tag and name stem of the VPC's resources. */
  readonly name: string;
  /** VPC CIDR, /16 to /25; each AZ's subnet takes the slot of the AZ's letter (see `azSubnetCidr`). */
  readonly cidr: string;
  /** Availability zones (ids such as `use1-az1`, or names) that get a private subnet, at least 2. */
  readonly azs: readonly string[];
  /** Flow-log retention, days. @default 90 */
  readonly flowLogRetentionDays?: number;
  /** Permissions boundary of the flow-log delivery role (see `VpcFlowLogProps.permissionsBoundary`). @default - none */
  readonly flowLogPermissionsBoundary?: string;
  /** Tags on the VPC besides its Name (provider default tags apply on top). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A VPC with private subnets only (no internet gateway, no NAT): DNS support and hostnames
 * on, as private DNS and Route 53 private zones need them; one subnet per AZ keyed by the
 * AZ name; one route table; flow logs.
 */
export class PrivateVpc extends Construct {
  readonly vpcId: string;
  readonly cidr: string;
  /** AZs in sorted order; `subnetIds` follows the same order. */
  readonly azs: readonly string[];
  readonly subnetIds: string[];
  /** Subnet CIDR by AZ name. */
  readonly subnetCidrs: Readonly<Record<string, string>>;
  readonly routeTableId: string;
  readonly flowLog: VpcFlowLog;

  constructor(scope: Construct, id: string, props: PrivateVpcProps) {
    super(scope, id);
    if (props.azs.length < 2) {
      throw new Error(`${this.node.path}: a VPC needs subnets in at least 2 AZs for high availability, got [${props.azs.join(', ')}]`);
    }
    const { provider } = props;
    this.cidr = props.cidr;
    this.azs = [...props.azs].sort();

    const vpc = new Vpc(this, 'vpc', {
      provider,
      cidrBlock: props.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { ...props.tags, Name: props.name },
    });
    this.vpcId = vpc.id;

    const routeTable = new RouteTable(this, 'private', {
      provider,
      vpcId: vpc.id,
      tags: { Name: `${props.name}-private` },
    });
    this.routeTableId = routeTable.id;

    const cidrs: Record<string, string> = {};
    this.subnetIds = this.azs.map((az) => {
      cidrs[az] = azSubnetCidr(props.cidr, az);
      const subnet = new Subnet(this, `subnet-${az}`, {
        provider,
        vpcId: vpc.id,
        // By id where the config gives one: ids name the same physical zone in every account.
        ...(isAzId(az) ? { availabilityZoneId: az } : { availabilityZone: az }),
        cidrBlock: cidrs[az],
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-private-${az}` },
      });
      new RouteTableAssociation(this, `rt-${az}`, { provider, subnetId: subnet.id, routeTableId: routeTable.id });
      return subnet.id;
    });
    this.subnetCidrs = cidrs;

    this.flowLog = new VpcFlowLog(this, 'flow-log', {
      provider,
      accountId: props.accountId,
      vpcId: vpc.id,
      name: props.name,
      retentionDays: props.flowLogRetentionDays,
      permissionsBoundary: props.flowLogPermissionsBoundary,
    });
  }
}
