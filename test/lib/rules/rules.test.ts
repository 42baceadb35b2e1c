import { App, LocalBackend, S3Backend, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsVpcEndpointService } from '@cdktf/provider-aws/lib/data-aws-vpc-endpoint-service';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcEndpointService } from '@cdktf/provider-aws/lib/vpc-endpoint-service';
import { VpcEndpointServiceAllowedPrincipal } from '@cdktf/provider-aws/lib/vpc-endpoint-service-allowed-principal';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { environments } from '../../../environments';
import { applyRules, isBlocking, runRules, suppress, type Finding } from '../../../lib/rules';
import { buildEnvironment } from '../../../stacks/environment';

/** A fresh stack with a dummy provider and a compliant backend, so only the resource under test can fire. */
function freshStack(backend: 's3' | 'local' | 'none' = 's3'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  if (backend === 's3') {
    new S3Backend(stack, { bucket: 'b', key: 'k', region: 'us-east-1', encrypt: true });
    stack.addOverride('terraform.backend.s3.use_lockfile', true);
  } else if (backend === 'local') {
    new LocalBackend(stack, {});
  }
  return stack;
}

const findingsOf = (stack: TerraformStack, ruleId: string): Finding[] => runRules(stack).filter((f) => f.ruleId === ruleId);

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }],
});
const FULL_ACCESS = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] });

function subnets(scope: Construct, azs = ['us-east-1a', 'us-east-1b']): string[] {
  return azs.map((az) => new Subnet(scope, `subnet-${az}`, { vpcId: 'vpc-1', cidrBlock: '10.0.0.0/24', availabilityZone: az }).id);
}

function endpoint(scope: Construct, props: Partial<ConstructorParameters<typeof VpcEndpoint>[2]> = {}): VpcEndpoint {
  return new VpcEndpoint(scope, 'endpoint', {
    vpcId: 'vpc-1',
    serviceName: 'com.amazonaws.us-east-1.sts',
    vpcEndpointType: 'Interface',
    subnetIds: ['subnet-a', 'subnet-b'],
    privateDnsEnabled: true,
    policy: POLICY,
    ...props,
  });
}

describe('PL1 interface-endpoint-private-dns', () => {
  test('fires when private DNS is off and no private zone aliases the endpoint', () => {
    const stack = freshStack();
    endpoint(stack, { privateDnsEnabled: false });
    expect(findingsOf(stack, 'PL1')).toHaveLength(1);
  });
  test('compliant with private DNS on', () => {
    const stack = freshStack();
    endpoint(stack);
    expect(findingsOf(stack, 'PL1')).toHaveLength(0);
  });
  test('compliant when a private hosted zone in the stack aliases the endpoint', () => {
    const stack = freshStack();
    const ep = endpoint(stack, { privateDnsEnabled: false });
    const zone = new Route53Zone(stack, 'zone', { name: 'svc.internal', vpc: [{ vpcId: 'vpc-1' }] });
    new Route53Record(stack, 'alias', {
      zoneId: zone.zoneId,
      name: 'svc.internal',
      type: 'A',
      alias: { name: ep.dnsEntry.get(0).dnsName, zoneId: ep.dnsEntry.get(0).hostedZoneId, evaluateTargetHealth: false },
    });
    expect(findingsOf(stack, 'PL1')).toHaveLength(0);
  });
  test('a public zone does not count', () => {
    const stack = freshStack();
    const ep = endpoint(stack, { privateDnsEnabled: false });
    const zone = new Route53Zone(stack, 'zone', { name: 'svc.example.com' });
    new Route53Record(stack, 'cname', { zoneId: zone.zoneId, name: 'svc', type: 'CNAME', ttl: 60, records: [ep.dnsEntry.get(0).dnsName] });
    expect(findingsOf(stack, 'PL1')).toHaveLength(1);
  });
});

describe('PL2 interface-endpoint-policy', () => {
  test('fires without a policy and with a full-access one', () => {
    const none = freshStack();
    endpoint(none, { policy: undefined });
    expect(findingsOf(none, 'PL2')[0].detail).toMatch(/no policy/);
    const full = freshStack();
    endpoint(full, { policy: FULL_ACCESS });
    expect(findingsOf(full, 'PL2')).toHaveLength(1);
  });
  test('compliant with a conditioned policy, also through a data source lookup', () => {
    const stack = freshStack();
    const ds = new DataAwsVpcEndpointService(stack, 'sts', { service: 'sts', serviceType: 'Interface' });
    endpoint(stack, { serviceName: ds.serviceName });
    expect(findingsOf(stack, 'PL2')).toHaveLength(0);
    const bad = freshStack();
    const ds2 = new DataAwsVpcEndpointService(bad, 'sts', { service: 'sts' });
    endpoint(bad, { serviceName: ds2.serviceName, policy: undefined });
    expect(findingsOf(bad, 'PL2')).toHaveLength(1);
  });
  test('not applicable to a customer endpoint service', () => {
    const stack = freshStack();
    endpoint(stack, { serviceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0', policy: undefined });
    expect(findingsOf(stack, 'PL2')).toHaveLength(0);
  });
});

describe('PL3 multi-az-placement', () => {
  test('fires on an endpoint, NLB and attachment in one AZ', () => {
    const stack = freshStack();
    const [a] = subnets(stack, ['us-east-1a']);
    endpoint(stack, { subnetIds: [a] });
    new Lb(stack, 'nlb', { loadBalancerType: 'network', internal: true, subnets: [a] });
    new Ec2TransitGatewayVpcAttachment(stack, 'att', { transitGatewayId: 'tgw-1', vpcId: 'vpc-1', subnetIds: [a] });
    const found = findingsOf(stack, 'PL3');
    expect(found.map((f) => f.path.split('/').pop()).sort()).toEqual(['att', 'endpoint', 'nlb']);
    expect(found[0].severity).toBe('warning');
  });
  test('two subnets in the same AZ are still one AZ', () => {
    const stack = freshStack();
    const a = new Subnet(stack, 'a1', { vpcId: 'vpc-1', cidrBlock: '10.0.0.0/24', availabilityZone: 'us-east-1a' });
    const b = new Subnet(stack, 'a2', { vpcId: 'vpc-1', cidrBlock: '10.0.1.0/24', availabilityZone: 'us-east-1a' });
    endpoint(stack, { subnetIds: [a.id, b.id] });
    expect(findingsOf(stack, 'PL3')).toHaveLength(1);
  });
  test('compliant across 2 AZs (subnets or subnet mappings)', () => {
    const stack = freshStack();
    const ids = subnets(stack);
    endpoint(stack, { subnetIds: ids });
    new Lb(stack, 'nlb', { loadBalancerType: 'network', subnetMapping: ids.map((subnetId) => ({ subnetId })) });
    expect(findingsOf(stack, 'PL3')).toHaveLength(0);
  });
});

describe('PL4 endpoint-service-acceptance', () => {
  test('fires without acceptance and with a * principal', () => {
    const stack = freshStack();
    const svc = new VpcEndpointService(stack, 'svc', { acceptanceRequired: false, networkLoadBalancerArns: ['arn'], allowedPrincipals: ['*'] });
    new VpcEndpointServiceAllowedPrincipal(stack, 'all', { vpcEndpointServiceId: svc.id, principalArn: '*' });
    const found = findingsOf(stack, 'PL4');
    expect(found).toHaveLength(2);
    expect(found.find((f) => f.path.endsWith('svc'))?.detail).toMatch(/acceptanceRequired is false; allowedPrincipals contains \*/);
  });
  test('compliant with acceptance and one account', () => {
    const stack = freshStack();
    const svc = new VpcEndpointService(stack, 'svc', { acceptanceRequired: true, networkLoadBalancerArns: ['arn'] });
    new VpcEndpointServiceAllowedPrincipal(stack, 'one', { vpcEndpointServiceId: svc.id, principalArn: 'arn:aws:iam::444444444444:root' });
    expect(findingsOf(stack, 'PL4')).toHaveLength(0);
  });
});

describe('PL5 security-group-no-world-ingress', () => {
  function withGroup(open: boolean, kind: 'rule' | 'legacy' | 'inline', attach = true): TerraformStack {
    const stack = freshStack();
    const cidr = open ? '0.0.0.0/0' : '10.0.0.0/8';
    const sg = new SecurityGroup(stack, 'sg', {
      vpcId: 'vpc-1',
      ingress: kind === 'inline' ? [{ fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: [cidr] }] : undefined,
    });
    if (kind === 'rule') new VpcSecurityGroupIngressRule(stack, 'in', { securityGroupId: sg.id, ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: cidr });
    if (kind === 'legacy') new SecurityGroupRule(stack, 'in', { type: 'ingress', securityGroupId: sg.id, protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: [cidr] });
    if (attach) endpoint(stack, { securityGroupIds: [sg.id] });
    return stack;
  }
  test.each(['rule', 'legacy', 'inline'] as const)('fires on world ingress (%s) of an endpoint security group', (kind) => {
    expect(findingsOf(withGroup(true, kind), 'PL5')).toHaveLength(1);
  });
  test.each(['rule', 'legacy', 'inline'] as const)('compliant with an organization CIDR (%s)', (kind) => {
    expect(findingsOf(withGroup(false, kind), 'PL5')).toHaveLength(0);
  });
  test('fires for an NLB security group, IPv6 too', () => {
    const stack = freshStack();
    const sg = new SecurityGroup(stack, 'sg', { vpcId: 'vpc-1' });
    new Lb(stack, 'nlb', { loadBalancerType: 'network', subnets: ['a', 'b'], securityGroups: [sg.id] });
    new VpcSecurityGroupIngressRule(stack, 'in6', { securityGroupId: sg.id, ipProtocol: '-1', cidrIpv6: '::/0' });
    expect(findingsOf(stack, 'PL5')[0].detail).toMatch(/::\/0/);
  });
  test('not applicable to a group no endpoint or load balancer uses', () => {
    expect(findingsOf(withGroup(true, 'rule', false), 'PL5')).toHaveLength(0);
  });
});

describe('PL6 vpc-flow-logs', () => {
  test('fires on a VPC without a flow log, or with one on another VPC', () => {
    const stack = freshStack();
    new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
    const other = new Vpc(stack, 'other', { cidrBlock: '10.1.0.0/16' });
    new FlowLog(stack, 'log', { vpcId: other.id, trafficType: 'ALL', logDestination: 'arn:aws:s3:::logs', logDestinationType: 's3' });
    expect(findingsOf(stack, 'PL6').map((f) => f.path)).toEqual(['test/vpc']);
  });
});

describe('PL7 remote-state-encrypted-locked', () => {
  test('fires on local state, no backend, and an unlocked or unencrypted S3 backend', () => {
    expect(findingsOf(freshStack('local'), 'PL7')).toHaveLength(1);
    expect(findingsOf(freshStack('none'), 'PL7')).toHaveLength(1);
    const unlocked = new TerraformStack(Testing.app(), 'test');
    new S3Backend(unlocked, { bucket: 'b', key: 'k', region: 'us-east-1' });
    expect(findingsOf(unlocked, 'PL7')[0].detail).toBe('s3 backend: encrypt is not true; neither use_lockfile nor dynamodb_table');
  });
  test('compliant with encrypt and use_lockfile (override) or a DynamoDB table', () => {
    expect(findingsOf(freshStack('s3'), 'PL7')).toHaveLength(0);
    const dynamo = new TerraformStack(Testing.app(), 'test');
    new S3Backend(dynamo, { bucket: 'b', key: 'k', region: 'us-east-1', encrypt: true, dynamodbTable: 'locks' });
    expect(findingsOf(dynamo, 'PL7')).toHaveLength(0);
    const onBackend = new TerraformStack(Testing.app(), 'test');
    new S3Backend(onBackend, { bucket: 'b', key: 'k', region: 'us-east-1', encrypt: true }).addOverride('use_lockfile', true);
    expect(findingsOf(onBackend, 'PL7')).toHaveLength(0);
  });
  test('a stack-level override that turns encryption off is seen', () => {
    const stack = freshStack('s3');
    stack.addOverride('terraform.backend.s3.encrypt', false);
    expect(findingsOf(stack, 'PL7')[0].detail).toBe('s3 backend: encrypt is not true');
  });
});

describe('PL8 transit-gateway-default-route-tables', () => {
  test('fires when default association or propagation is left on', () => {
    const stack = freshStack();
    new Ec2TransitGateway(stack, 'tgw', { defaultRouteTableAssociation: 'disable' });
    expect(findingsOf(stack, 'PL8')[0].detail).toMatch(/defaultRouteTablePropagation is unset/);
  });
  test('compliant with both disabled', () => {
    const stack = freshStack();
    new Ec2TransitGateway(stack, 'tgw', { defaultRouteTableAssociation: 'disable', defaultRouteTablePropagation: 'disable' });
    expect(findingsOf(stack, 'PL8')).toHaveLength(0);
  });
});

describe('suppression', () => {
  test('silences a rule on a construct and its children, and reports the reason', () => {
    const stack = freshStack();
    const group = new Construct(stack, 'legacy');
    new Ec2TransitGateway(group, 'tgw', {});
    suppress(group, 'PL8', 'Legacy TGW, migrated in NET-123');
    const [finding] = findingsOf(stack, 'PL8');
    expect(finding.suppressed).toEqual({ reason: 'Legacy TGW, migrated in NET-123', by: 'test/legacy' });
    expect(isBlocking(finding)).toBe(false);
    expect(Testing.synth(stack)).toBeDefined();
    expect(group.node.findAll().flatMap((n) => n.node.metadata).filter((m) => m.type === '@cdktf/error')).toHaveLength(0);
  });
  test('needs a reason', () => {
    expect(() => suppress(freshStack(), 'PL8', 'because')).toThrow(/at least 10 characters/);
  });
});

describe('mechanics', () => {
  test('an error finding fails app.synth() and is annotated once', () => {
    const app = new App({ outdir: require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'rules-')) });
    const stack = new TerraformStack(app, 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new Ec2TransitGateway(stack, 'tgw', {});
    applyRules(stack);
    runRules(app);
    expect(() => app.synth()).toThrow(/PL8/);
    const errors = stack.node.findAll().flatMap((n) => n.node.metadata).filter((m) => m.type === '@cdktf/error');
    expect(errors.filter((m) => String(m.data).includes('PL8'))).toHaveLength(1);
  });
});

describe('shipped environments', () => {
  test.each(environments.map((e) => [e.name, e] as const))('%s has no error findings', (_name, env) => {
    const app = Testing.app();
    buildEnvironment(app, env);
    const findings = runRules(app);
    expect(findings.filter(isBlocking)).toEqual([]);
  });
});
