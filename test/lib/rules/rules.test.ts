import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, LocalBackend, S3Backend, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsKmsAlias } from '@cdktf/provider-aws/lib/data-aws-kms-alias';
import { DataAwsVpcEndpointService } from '@cdktf/provider-aws/lib/data-aws-vpc-endpoint-service';
import { Ec2ManagedPrefixList } from '@cdktf/provider-aws/lib/ec2-managed-prefix-list';
import { Ec2ManagedPrefixListEntryA } from '@cdktf/provider-aws/lib/ec2-managed-prefix-list-entry';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcEndpointConnectionNotification } from '@cdktf/provider-aws/lib/vpc-endpoint-connection-notification';
import { VpcEndpointService } from '@cdktf/provider-aws/lib/vpc-endpoint-service';
import { VpcEndpointServiceAllowedPrincipal } from '@cdktf/provider-aws/lib/vpc-endpoint-service-allowed-principal';
import { VpcIpv4CidrBlockAssociation } from '@cdktf/provider-aws/lib/vpc-ipv4-cidr-block-association';
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
  Statement: [
    { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
  ],
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
    const svc = new VpcEndpointService(stack, 'svc', {
      acceptanceRequired: false,
      networkLoadBalancerArns: ['arn'],
      allowedPrincipals: ['*'],
    });
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
    if (kind === 'rule')
      new VpcSecurityGroupIngressRule(stack, 'in', {
        securityGroupId: sg.id,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: cidr,
      });
    if (kind === 'legacy')
      new SecurityGroupRule(stack, 'in', {
        type: 'ingress',
        securityGroupId: sg.id,
        protocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrBlocks: [cidr],
      });
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

describe('PL9 nlb-admits-privatelink-clients', () => {
  type Kind = 'rule' | 'legacy' | 'inline';
  interface NlbOptions {
    /** Source admitted on the listener port, or none. */
    readonly source?: string | ((vpc: Vpc) => string);
    readonly kind?: Kind;
    readonly port?: number;
    readonly enforce?: 'on' | 'off' | 'unset';
    /** An endpoint service of the stack lists the NLB. */
    readonly service?: boolean;
    /** The subnets are resources of the stack in a Vpc of the stack. */
    readonly knownVpc?: boolean;
    readonly listenerProtocol?: string;
  }
  /** A 10.0.0.0/16 VPC with an internal NLB (one security group) and a listener on 443. */
  function nlb({
    source,
    kind = 'rule',
    port = 443,
    enforce = 'on',
    service = false,
    knownVpc = true,
    listenerProtocol = 'TCP',
  }: NlbOptions): TerraformStack {
    const stack = freshStack();
    const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
    const subnetIds = knownVpc
      ? ['a', 'b'].map(
          (az, i) =>
            new Subnet(stack, `subnet-${az}`, { vpcId: vpc.id, cidrBlock: `10.0.${i}.0/24`, availabilityZone: `us-east-1${az}` }).id,
        )
      : ['subnet-a', 'subnet-b'];
    const cidr = typeof source === 'function' ? source(vpc) : source;
    const sg = new SecurityGroup(stack, 'sg', {
      vpcId: vpc.id,
      ingress: kind === 'inline' && cidr ? [{ fromPort: port, toPort: port, protocol: 'tcp', cidrBlocks: [cidr] }] : undefined,
    });
    if (kind === 'rule' && cidr)
      new VpcSecurityGroupIngressRule(stack, 'in', {
        securityGroupId: sg.id,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        cidrIpv4: cidr,
      });
    if (kind === 'legacy' && cidr)
      new SecurityGroupRule(stack, 'in', {
        type: 'ingress',
        securityGroupId: sg.id,
        protocol: 'tcp',
        fromPort: port,
        toPort: port,
        cidrBlocks: [cidr],
      });
    const lb = new Lb(stack, 'nlb', {
      loadBalancerType: 'network',
      internal: true,
      subnets: subnetIds,
      securityGroups: [sg.id],
      enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: enforce === 'unset' ? undefined : enforce,
    });
    new LbListener(stack, 'listener', {
      loadBalancerArn: lb.arn,
      port: 443,
      protocol: listenerProtocol,
      defaultAction: [{ type: 'forward', targetGroupArn: 'arn:tg' }],
    });
    if (service) new VpcEndpointService(stack, 'svc', { acceptanceRequired: true, networkLoadBalancerArns: [lb.arn] });
    return stack;
  }
  const CONSUMERS = '10.64.0.0/16';

  test.each(['rule', 'legacy', 'inline'] as const)('fires when the listener port admits only the VPC CIDR (%s)', (kind) => {
    const [finding] = findingsOf(nlb({ source: '10.0.0.0/16', kind }), 'PL9');
    expect(finding.detail).toMatch(
      /^port 443\/tcp: aws_security_group\.sg admits only 10\.0\.0\.0\/16, inside the VPC 10\.0\.0\.0\/16 \(aws_vpc\.vpc\)$/,
    );
  });
  test('a subnet of the VPC, or a reference to its CIDR, is still the VPC', () => {
    expect(findingsOf(nlb({ source: '10.0.1.0/24' }), 'PL9')).toHaveLength(1);
    expect(findingsOf(nlb({ source: (vpc) => vpc.cidrBlock }), 'PL9')).toHaveLength(1);
  });
  test('a group of the VPC, a prefix list of its ranges, a secondary CIDR are still the VPC; other ones are not', () => {
    const withSource = (add: (stack: TerraformStack, vpc: Vpc, sg: string) => void): Finding[] => {
      const stack = nlb({});
      const vpc = stack.node.findChild('vpc') as Vpc;
      add(stack, vpc, (stack.node.findChild('sg') as SecurityGroup).id);
      return findingsOf(stack, 'PL9');
    };
    const rule = (stack: TerraformStack, sg: string, source: Partial<ConstructorParameters<typeof VpcSecurityGroupIngressRule>[2]>) =>
      new VpcSecurityGroupIngressRule(stack, 'in', { securityGroupId: sg, ipProtocol: 'tcp', fromPort: 443, toPort: 443, ...source });
    expect(
      withSource((stack, vpc, sg) => {
        const app = new SecurityGroup(stack, 'app', { vpcId: vpc.id });
        rule(stack, sg, { referencedSecurityGroupId: app.id });
      })[0].detail,
    ).toMatch(/admits only \$\{aws_security_group\.app\.id\}, inside/);
    expect(
      withSource((stack, _vpc, sg) => {
        const list = new Ec2ManagedPrefixList(stack, 'pl', {
          name: 'own',
          addressFamily: 'IPv4',
          maxEntries: 2,
          entry: [{ cidr: '10.0.0.0/17' }],
        });
        new Ec2ManagedPrefixListEntryA(stack, 'pl-b', { prefixListId: list.id, cidr: '10.0.128.0/17' });
        rule(stack, sg, { prefixListId: list.id });
      })[0].detail,
    ).toMatch(/admits only \$\{aws_ec2_managed_prefix_list\.pl\.id\}, inside/);
    expect(
      withSource((stack, vpc, sg) => {
        new VpcIpv4CidrBlockAssociation(stack, 'secondary', { vpcId: vpc.id, cidrBlock: '100.64.0.0/16' });
        new SecurityGroupRule(stack, 'in', {
          type: 'ingress',
          securityGroupId: sg,
          protocol: '-1',
          fromPort: 0,
          toPort: 0,
          cidrBlocks: ['100.64.0.0/16'],
          selfAttribute: true,
        });
      })[0].detail,
    ).toMatch(/admits only 100\.64\.0\.0\/16, self, inside the VPC 10\.0\.0\.0\/16, 100\.64\.0\.0\/16 \(aws_vpc\.vpc\)$/);
    // a group of another VPC, an AWS-managed prefix list: cannot be judged at synth, taken as beyond
    expect(
      withSource((stack, _vpc, sg) => {
        const other = new SecurityGroup(stack, 'other', { vpcId: 'vpc-consumer' });
        rule(stack, sg, { referencedSecurityGroupId: other.id });
      }),
    ).toHaveLength(0);
    expect(withSource((stack, _vpc, sg) => rule(stack, sg, { prefixListId: 'pl-0123456789abcdef0' }))).toHaveLength(0);
  });
  test('fires when nothing admits the listener port, even when the VPC is unknown', () => {
    expect(findingsOf(nlb({}), 'PL9')[0].detail).toMatch(/^port 443\/tcp: no ingress on aws_security_group\.sg$/);
    expect(findingsOf(nlb({ source: CONSUMERS, port: 22, knownVpc: false }), 'PL9')).toHaveLength(1);
    // a tcp rule does not admit a UDP listener
    expect(findingsOf(nlb({ source: CONSUMERS, listenerProtocol: 'UDP' }), 'PL9')[0].detail).toMatch(/port 443\/udp/);
  });
  test('fires with enforcement unset (AWS default on) when an endpoint service of the stack fronts the NLB', () => {
    expect(findingsOf(nlb({ source: '10.0.0.0/16', enforce: 'unset', service: true }), 'PL9')).toHaveLength(1);
  });
  test.each(['rule', 'legacy', 'inline'] as const)("compliant when the consumers' CIDR is admitted on the port (%s)", (kind) => {
    expect(findingsOf(nlb({ source: CONSUMERS, kind }), 'PL9')).toHaveLength(0);
    expect(findingsOf(nlb({ source: '10.0.0.0/8', kind, enforce: 'unset', service: true }), 'PL9')).toHaveLength(0); // a supernet of the VPC
  });
  test('compliant with enforcement off, or unset without an endpoint service; any rule when the VPC is unknown', () => {
    expect(findingsOf(nlb({ source: '10.0.0.0/16', enforce: 'off' }), 'PL9')).toHaveLength(0);
    const unset = freshStack();
    const sg = new SecurityGroup(unset, 'sg', { vpcId: 'vpc-1' });
    const lb = new Lb(unset, 'nlb', { loadBalancerType: 'network', subnets: ['a', 'b'], securityGroups: [sg.id] });
    new LbListener(unset, 'listener', {
      loadBalancerArn: lb.arn,
      port: 443,
      protocol: 'TCP',
      defaultAction: [{ type: 'forward', targetGroupArn: 'arn:tg' }],
    });
    expect(findingsOf(unset, 'PL9')).toHaveLength(0);
    expect(findingsOf(nlb({ source: '10.0.0.0/16', knownVpc: false }), 'PL9')).toHaveLength(0);
  });
});

describe('PL10 ram-share-within-organization', () => {
  test('fires on a share that allows external principals, and on an account added to it', () => {
    const stack = freshStack();
    const tgw = new Ec2TransitGateway(stack, 'tgw', { defaultRouteTableAssociation: 'disable', defaultRouteTablePropagation: 'disable' });
    const share = new RamResourceShare(stack, 'share', { name: 'tgw', allowExternalPrincipals: true });
    new RamResourceAssociation(stack, 'share-tgw', { resourceShareArn: share.arn, resourceArn: tgw.arn });
    new RamPrincipalAssociation(stack, 'partner', { resourceShareArn: share.arn, principal: '999999999999' });
    new RamPrincipalAssociation(stack, 'role', { resourceShareArn: share.arn, principal: 'arn:aws:iam::888888888888:role/partner' });
    new RamPrincipalAssociation(stack, 'org', {
      resourceShareArn: share.arn,
      principal: 'arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5',
    });
    const found = findingsOf(stack, 'PL10');
    expect(found.map((f) => f.path).sort()).toEqual(['test/partner', 'test/role', 'test/share']);
    expect(found.find((f) => f.path === 'test/role')?.detail).toMatch(
      /^arn:aws:iam::888888888888:role\/partner \(account 888888888888\) is added/,
    );
    expect(found.find((f) => f.path === 'test/share')?.detail).toMatch(
      /^allowExternalPrincipals is true on the share of aws_ec2_transit_gateway\.tgw$/,
    );
    expect(found.find((f) => f.path === 'test/partner')?.detail).toMatch(
      /^account 999999999999 is added to aws_ram_resource_share\.share, which allows external principals$/,
    );
  });
  test('compliant inside the organization (unset is false), accounts included', () => {
    const stack = freshStack();
    for (const [id, allow] of [
      ['explicit', false],
      ['unset', undefined],
    ] as const) {
      const share = new RamResourceShare(stack, id, { name: id, allowExternalPrincipals: allow });
      new RamPrincipalAssociation(stack, `${id}-account`, { resourceShareArn: share.arn, principal: '222222222222' });
    }
    expect(findingsOf(stack, 'PL10')).toHaveLength(0);
  });
  test('a deliberate partner share is suppressed with a reason', () => {
    const stack = freshStack();
    const partner = new Construct(stack, 'partner');
    const share = new RamResourceShare(partner, 'share', { name: 'partner', allowExternalPrincipals: true });
    new RamPrincipalAssociation(partner, 'account', { resourceShareArn: share.arn, principal: '999999999999' });
    suppress(partner, 'PL10', 'Lattice resource shared with the vendor account, approved in SEC-42');
    const found = findingsOf(stack, 'PL10');
    expect(found).toHaveLength(2);
    expect(found.filter(isBlocking)).toEqual([]);
  });
});

describe('PL11 encrypted-topic-customer-key', () => {
  function notifiedTopic(stack: TerraformStack, kmsMasterKeyId?: string): SnsTopic {
    const topic = new SnsTopic(stack, 'topic', { name: 'endpoint-connections', kmsMasterKeyId });
    new VpcEndpointConnectionNotification(stack, 'notification', {
      vpcEndpointServiceId: 'vpce-svc-0123456789abcdef0',
      connectionNotificationArn: topic.arn,
      connectionEvents: ['Connect', 'Accept', 'Reject', 'Delete'],
    });
    return topic;
  }
  const VPCE_GRANT = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Account', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'Notifications',
        Effect: 'Allow',
        Principal: { Service: 'vpce.amazonaws.com' },
        Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        Resource: '*',
      },
    ],
  });

  test.each(['alias/aws/sns', 'arn:aws:kms:us-east-1:111111111111:alias/aws/sns', 'alias/aws/kms'])(
    'fires on a notification topic encrypted with %s',
    (key) => {
      const stack = freshStack();
      notifiedTopic(stack, key);
      expect(findingsOf(stack, 'PL11')[0].detail).toBe(`kmsMasterKeyId is ${key}, an AWS managed key`);
    },
  );
  test('fires on the AWS managed key read through a data source, and on a customer key PrivateLink may not use', () => {
    const managed = freshStack();
    notifiedTopic(managed, new DataAwsKmsAlias(managed, 'sns', { name: 'alias/aws/sns' }).targetKeyArn);
    expect(findingsOf(managed, 'PL11')[0].detail).toMatch(/reads data\.aws_kms_alias\.sns, the AWS managed key alias\/aws\/sns/);
    const defaultPolicy = freshStack();
    notifiedTopic(defaultPolicy, new KmsKey(defaultPolicy, 'key', {}).arn);
    expect(findingsOf(defaultPolicy, 'PL11')[0].detail).toMatch(/aws_kms_key\.key has the default key policy/);
    const noGrant = freshStack();
    const key = new KmsKey(noGrant, 'key', { policy: JSON.stringify({ Statement: [JSON.parse(VPCE_GRANT).Statement[0]] }) });
    notifiedTopic(noGrant, new KmsAlias(noGrant, 'alias', { name: 'alias/notifications', targetKeyId: key.keyId }).name);
    expect(findingsOf(noGrant, 'PL11')[0].detail).toBe(
      'the policy of aws_kms_key.key does not allow vpce.amazonaws.com kms:GenerateDataKey, kms:Decrypt',
    );
  });
  test('compliant with a customer-managed key that trusts vpce.amazonaws.com, or with no encryption', () => {
    const stack = freshStack();
    notifiedTopic(stack, new KmsKey(stack, 'key', { policy: VPCE_GRANT }).arn);
    expect(findingsOf(stack, 'PL11')).toHaveLength(0);
    const plain = freshStack();
    notifiedTopic(plain);
    expect(findingsOf(plain, 'PL11')).toHaveLength(0);
  });
  test('not applicable to a topic no connection notification targets', () => {
    const stack = freshStack();
    new SnsTopic(stack, 'alarms', { kmsMasterKeyId: 'alias/aws/sns' });
    expect(findingsOf(stack, 'PL11')).toHaveLength(0);
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
    expect(
      group.node
        .findAll()
        .flatMap((n) => n.node.metadata)
        .filter((m) => m.type === '@cdktf/error'),
    ).toHaveLength(0);
  });
  test('needs a reason', () => {
    expect(() => suppress(freshStack(), 'PL8', 'because')).toThrow(/at least 10 characters/);
  });
});

describe('mechanics', () => {
  test('an error finding fails app.synth() and is annotated once', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'rules-')) });
    const stack = new TerraformStack(app, 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new Ec2TransitGateway(stack, 'tgw', {});
    applyRules(stack);
    runRules(app);
    expect(() => app.synth()).toThrow(/PL8/);
    const errors = stack.node
      .findAll()
      .flatMap((n) => n.node.metadata)
      .filter((m) => m.type === '@cdktf/error');
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
