import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';

export interface VpcFlowLogProps {
  /** Provider of the account that owns the VPC. */
  readonly provider: TerraformProvider;
  /** Account id of that provider, pinned in the role's trust policy (confused-deputy guard). */
  readonly accountId: string;
  /** The VPC to log. */
  readonly vpcId: string;
  /**
   * Name stem for the log group and role. Both take it as a `name_prefix` (AWS appends a unique
   * suffix), so a re-run after an interrupted apply creates new ones instead of failing on a name
   * left behind; the role's prefix is cut to IAM's 38 characters.
   */
  readonly name: string;
  /** Days CloudWatch Logs keeps the records. @default 90 */
  readonly retentionDays?: number;
  /** Which traffic to record. @default 'ALL' */
  readonly trafficType?: 'ACCEPT' | 'REJECT' | 'ALL';
  /**
   * ARN of a managed policy set as the delivery role's permissions boundary (the bootstrap's
   * deploy roles may create roles only with theirs: `appRoleBoundary`). @default - none
   */
  readonly permissionsBoundary?: string;
}

/** IAM allows a role `name_prefix` of at most 38 characters: `<name>-flow-logs-`, the name cut to fit. */
export function roleNamePrefix(name: string): string {
  const suffix = '-flow-logs-';
  return `${name.slice(0, 38 - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/** VPC flow logs to a CloudWatch log group, delivered through a least-privilege role. */
export class VpcFlowLog extends Construct {
  readonly retentionDays: number;
  readonly trafficType: string;
  readonly logGroupName: string;
  readonly flowLogId: string;

  constructor(scope: Construct, id: string, props: VpcFlowLogProps) {
    super(scope, id);
    this.retentionDays = props.retentionDays ?? 90;
    this.trafficType = props.trafficType ?? 'ALL';
    const { provider } = props;

    const group = new CloudwatchLogGroup(this, 'log-group', {
      provider,
      namePrefix: `/privatelink/${props.name}/flow-logs-`,
      retentionInDays: this.retentionDays,
    });
    this.logGroupName = group.name;

    const role = new IamRole(this, 'role', {
      provider,
      namePrefix: roleNamePrefix(props.name),
      permissionsBoundary: props.permissionsBoundary,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
          },
        ],
      }),
    });

    new IamRolePolicy(this, 'policy', {
      provider,
      role: role.id,
      name: 'deliver-flow-logs',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams'],
            Resource: [group.arn, `${group.arn}:*`],
          },
        ],
      }),
    });

    const flowLog = new FlowLog(this, 'flow-log', {
      provider,
      vpcId: props.vpcId,
      trafficType: this.trafficType,
      logDestinationType: 'cloud-watch-logs',
      logDestination: group.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 600,
    });
    this.flowLogId = flowLog.id;
  }
}
