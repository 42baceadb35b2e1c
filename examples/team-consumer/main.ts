/**
 * A team's own consumer stack, composed from the blueprint's constructs against a hub the team
 * already runs (given by ids), with a rule of its own added to the blueprint's rules.
 */
import { App, S3Backend, TerraformStack } from 'cdktf';
import type { Construct, IConstruct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import {
  PrivateLinkConsumer,
  PrivateVpc,
  SpokeAttachment,
  applyRules,
  blueprintRules,
  disableTokenStackTraces,
  formatFindings,
  isBlocking,
  runRules,
  type HubRef,
  type PublishedServiceRef,
  type Rule,
} from 'privatelink-blueprint';

/** The hub the team already has: ids from its own network team. */
const existingHub: HubRef = {
  transitGatewayId: 'tgw-0123456789abcdef0',
  sharedRouteTableId: 'tgw-rtb-0123456789abcdef0',
  segmentRouteTableIds: { prod: 'tgw-rtb-0fedcba9876543210' },
  resourceShareArn: 'arn:aws:ram:us-east-1:222222222222:resource-share/00000000-0000-0000-0000-000000000000',
  zones: {},
};
/** A published service of another team, by its endpoint service. */
const payments: PublishedServiceRef = {
  serviceId: 'vpce-svc-0123456789abcdef0',
  serviceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0',
};

/** The team's own rule: every VPC carries a cost-center tag. */
const costCenterTag: Rule = {
  id: 'TEAM1',
  name: 'vpc-cost-center-tag',
  severity: 'error',
  message: 'VPC without a cost-center tag: tag it for the chargeback',
  check(node: IConstruct) {
    if (!(node instanceof Vpc)) return 'not-applicable';
    return node.tagsInput?.['cost-center'] ? 'compliant' : 'non-compliant';
  },
};

class TeamConsumerStack extends TerraformStack {
  constructor(scope: Construct, id: string, costCenter: string | undefined) {
    super(scope, id);
    new S3Backend(this, { bucket: 'team-tfstate', key: `${id}.tfstate`, region: 'us-east-1', encrypt: true }).addOverride(
      'use_lockfile',
      true,
    );
    const provider = new AwsProvider(this, 'aws', { region: 'us-east-1', allowedAccountIds: ['999999999999'] });
    const vpc = new PrivateVpc(this, 'vpc', {
      provider,
      accountId: '999999999999',
      name: id,
      cidr: '10.90.0.0/22',
      azs: ['use1-az1', 'use1-az2'],
      tags: costCenter ? { 'cost-center': costCenter } : {},
    });
    new SpokeAttachment(this, 'tgw', {
      spokeProvider: provider,
      networkProvider: provider,
      name: id,
      transitGatewayId: existingHub.transitGatewayId,
      vpcId: vpc.vpcId,
      subnetIds: vpc.subnetIds,
      vpcRouteTableId: vpc.routeTableId,
      destinationCidr: '10.0.0.0/8',
      associateWith: existingHub.segmentRouteTableIds.prod,
      propagateTo: { 'shared-services': existingHub.sharedRouteTableId },
    });
    new PrivateLinkConsumer(this, 'payments', {
      consumerProvider: provider,
      name: `${id}-payments`,
      consumerAccountId: '999999999999',
      serviceName: payments.serviceName,
      vpcId: vpc.vpcId,
      subnetIds: vpc.subnetIds,
      clientCidr: '10.90.0.0/22',
      ports: [{ from: 443, to: 443 }],
      dns: { zoneName: 'payments.team.internal', records: [''] },
    });
    applyRules(this, [...blueprintRules, costCenterTag]);
  }
}

disableTokenStackTraces();
const app = new App({ outdir: process.env.OUTDIR ?? 'cdktf.out' });
new TeamConsumerStack(app, 'team-consumer', process.env.COST_CENTER);
const findings = runRules(app, [...blueprintRules, costCenterTag]);
if (findings.length > 0) process.stderr.write(formatFindings(findings));
if (findings.some(isBlocking)) process.exit(1);
app.synth();
process.stdout.write('synthesized team-consumer\n');
