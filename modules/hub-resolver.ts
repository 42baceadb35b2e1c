import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { Route53ResolverEndpoint } from '@cdktf/provider-aws/lib/route53-resolver-endpoint';
import { Route53ResolverRule } from '@cdktf/provider-aws/lib/route53-resolver-rule';
import { Route53ResolverRuleAssociation } from '@cdktf/provider-aws/lib/route53-resolver-rule-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { EndpointSecurityGroup } from './endpoint-security-group';
import { addSpokeToShare, resourceShare, type SpokeRamShare } from './ram-share';

/** A forwarding rule for an on-premises domain. */
export interface HubForwardingRule {
  readonly domain: string;
  /** The on-premises DNS servers that answer it. */
  readonly dnsServers: readonly string[];
}

export interface HubResolverProps {
  /** Provider of the network account in the hub's region. */
  readonly provider: TerraformProvider;
  /** Name stem of the endpoints, groups, rules and the RAM share. */
  readonly name: string;
  readonly vpcId: string;
  /** The inbound endpoint's fixed address in each hub subnet (at least two AZs), by AZ. */
  readonly inbound: readonly { readonly az: string; readonly subnetId: string; readonly ip: string }[];
  /** The on-premises ranges that may query the inbound endpoint, keyed by a stable name. */
  readonly clients: Readonly<Record<string, string>>;
  /** Forwarding rules by a stable key; any rule adds an outbound endpoint. @default {} */
  readonly rules?: Readonly<Record<string, HubForwardingRule>>;
  /**
   * Organization ARN the rules are shared with. When undefined the rule share has no principal
   * here and each consumer stack that uses the rules adds its own account.
   * @default - no organization principal
   */
  readonly organizationArn?: string;
}

/**
 * Route 53 Resolver in the hub VPC for on-premises networks:
 * - an inbound endpoint at fixed addresses (one per hub AZ, at least two), the addresses
 *   on-premises DNS forwards the hub's names to: it answers from the zones associated with the
 *   hub VPC, which are every centralized endpoint zone (also S3's `s3.<region>.amazonaws.com`,
 *   apex and wildcard, so on-premises S3 clients reach the hub's S3 interface endpoint without the
 *   endpoint's own private DNS); its security group admits DNS (UDP and TCP 53) from the
 *   on-premises ranges only;
 * - with forwarding rules, an outbound endpoint (its group sends DNS to the on-premises servers
 *   only) and one FORWARD rule per domain, shared through AWS RAM. The rules are never associated
 *   with the hub VPC itself: the hub holds the inbound endpoint, and a VPC with both can loop
 *   queries between them (Resolver best practices).
 */
export class HubResolver extends Construct {
  readonly inboundEndpointId: string;
  /** The inbound addresses, by AZ: what on-premises forwarders use. */
  readonly inboundIps: Readonly<Record<string, string>>;
  /** Rule ids by key. */
  readonly ruleIds: Readonly<Record<string, string>>;
  /** Rule ARNs by key (for a Route 53 Profile). */
  readonly ruleArns: Readonly<Record<string, string>>;
  /** The RAM share of the rules, when there are rules. */
  readonly ruleShareArn?: string;

  constructor(scope: Construct, id: string, props: HubResolverProps) {
    super(scope, id);
    const { provider } = props;
    if (props.inbound.length < 2)
      throw new Error(`${this.node.path}: a Resolver endpoint needs addresses in at least two AZs, got ${props.inbound.length}`);
    const dns = [
      { from: 53, to: 53, protocol: 'udp' as const },
      { from: 53, to: 53, protocol: 'tcp' as const },
    ];

    const inboundSg = new EndpointSecurityGroup(this, 'inbound-sg', {
      provider,
      vpcId: props.vpcId,
      name: `${props.name}-resolver-inbound`,
      description: 'Route 53 Resolver inbound endpoint: DNS from the on-premises networks only',
      ports: dns,
      sources: props.clients,
    });
    const inbound = new Route53ResolverEndpoint(this, 'inbound', {
      provider,
      name: `${props.name}-inbound`,
      direction: 'INBOUND',
      securityGroupIds: [inboundSg.securityGroupId],
      // Fixed addresses: a replaced endpoint (its security group is ForceNew) comes back at the same ones.
      ipAddress: props.inbound.map((a) => ({ subnetId: a.subnetId, ip: a.ip })),
      tags: { Name: `${props.name}-inbound` },
    });
    this.inboundEndpointId = inbound.id;
    this.inboundIps = Object.fromEntries(props.inbound.map((a) => [a.az, a.ip]));

    const rules = props.rules ?? {};
    const keys = Object.keys(rules).sort();
    const ruleIds: Record<string, string> = {};
    const ruleArns: Record<string, string> = {};
    if (keys.length > 0) {
      const servers = [...new Set(keys.flatMap((k) => rules[k].dnsServers))].sort();
      const outboundSg = new SecurityGroup(this, 'outbound-sg', {
        provider,
        vpcId: props.vpcId,
        name: `${props.name}-resolver-outbound`,
        description: 'Route 53 Resolver outbound endpoint: DNS to the on-premises servers only',
        tags: { Name: `${props.name}-resolver-outbound` },
      });
      for (const server of servers) {
        for (const protocol of ['udp', 'tcp']) {
          new VpcSecurityGroupEgressRule(this, `out-${server.replace(/\./g, '-')}-${protocol}-53`, {
            provider,
            securityGroupId: outboundSg.id,
            description: `${protocol.toUpperCase()} 53 to ${server}`,
            ipProtocol: protocol,
            fromPort: 53,
            toPort: 53,
            cidrIpv4: `${server}/32`,
          });
        }
      }
      const outbound = new Route53ResolverEndpoint(this, 'outbound', {
        provider,
        name: `${props.name}-outbound`,
        direction: 'OUTBOUND',
        securityGroupIds: [outboundSg.id],
        ipAddress: props.inbound.map((a) => ({ subnetId: a.subnetId })),
        tags: { Name: `${props.name}-outbound` },
        // After the inbound endpoint, so AWS does not hand the inbound's fixed addresses to it.
        dependsOn: [inbound],
      });
      // The rules join the share as they are made (constructs rules-share-<key>).
      const share = resourceShare(this, 'rules-share', {
        provider,
        name: `${props.name}-resolver-rules`,
        organizationArn: props.organizationArn,
      });
      this.ruleShareArn = share.arn;
      for (const key of keys) {
        const rule = new Route53ResolverRule(this, `rule-${key}`, {
          provider,
          name: `${props.name}-${key}`.slice(0, 64),
          domainName: rules[key].domain,
          ruleType: 'FORWARD',
          resolverEndpointId: outbound.id,
          targetIp: [...rules[key].dnsServers].sort().map((ip) => ({ ip, port: 53 })),
          tags: { Name: `${props.name}-${key}` },
        });
        new RamResourceAssociation(this, `rules-share-${key}`, { provider, resourceShareArn: share.arn, resourceArn: rule.arn });
        ruleIds[key] = rule.id;
        ruleArns[key] = rule.arn;
      }
    }
    this.ruleIds = ruleIds;
    this.ruleArns = ruleArns;
  }
}

export interface SpokeForwardingRulesProps {
  /** Provider of the spoke's account and region (associates). */
  readonly spokeProvider: TerraformProvider;
  /** Provider of the network account in the same region (adds the account to the share). */
  readonly networkProvider: TerraformProvider;
  readonly vpcId: string;
  /** The spoke's name, the stem of the associations' names. */
  readonly name: string;
  /** Rule ids by a stable key. */
  readonly rules: Readonly<Record<string, string>>;
  /** The rules' RAM share and the spoke's account, when shared with listed accounts. @default - shared with the organization */
  readonly ramShare?: SpokeRamShare;
}

/** Associates the hub's shared forwarding rules with a spoke VPC (zone-associations mode; profiles carry them otherwise). */
export class SpokeForwardingRules extends Construct {
  constructor(scope: Construct, id: string, props: SpokeForwardingRulesProps) {
    super(scope, id);
    const shared = addSpokeToShare(this, props.networkProvider, props.ramShare);
    for (const key of Object.keys(props.rules).sort()) {
      new Route53ResolverRuleAssociation(this, key, {
        provider: props.spokeProvider,
        name: `${props.name}-${key}`.slice(0, 64),
        resolverRuleId: props.rules[key],
        vpcId: props.vpcId,
        dependsOn: shared,
      });
    }
  }
}
