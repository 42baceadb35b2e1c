import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LbTargetGroupAttachment } from '@cdktf/provider-aws/lib/lb-target-group-attachment';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { VpcEndpointConnectionNotification } from '@cdktf/provider-aws/lib/vpc-endpoint-connection-notification';
import { VpcEndpointService as AwsVpcEndpointService } from '@cdktf/provider-aws/lib/vpc-endpoint-service';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';

/** One listener of the published service; the target port equals the listener port. */
export interface EndpointServiceListener {
  /** Port, 1-65535. */
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'TLS';
  /** ACM certificate in the service's region; required for TLS. */
  readonly certificateArn?: string;
}

export interface EndpointServiceProps {
  /** Provider of the service provider's account and region. */
  readonly provider: TerraformProvider;
  /** Account id of that provider (pins the SNS topic policy). */
  readonly accountId: string;
  /** Name stem for tags and resource names. */
  readonly name: string;
  readonly vpcId: string;
  /** The VPC CIDR: the NLB forwards and health-checks only inside it. */
  readonly vpcCidr: string;
  /** One subnet per AZ for the NLB, at least 2. */
  readonly subnetIds: readonly string[];
  /**
   * The consumers' address ranges, keyed by a stable name (the segments' ranges). With inbound
   * rules enforced on PrivateLink traffic, the NLB's security group sees the private IP of the
   * client, not the endpoint's (Network Load Balancer guide, "Security groups"): admitting
   * anything else drops consumer traffic silently. Never 0.0.0.0/0.
   */
  readonly clientCidrs: Readonly<Record<string, string>>;
  readonly listeners: readonly EndpointServiceListener[];
  /** Target IP addresses (target type `ip`). */
  readonly targets: readonly string[];
  /** Whether each endpoint connection must be accepted by the provider. @default true */
  readonly acceptanceRequired?: boolean;
  /** Regions other than this one whose consumers may connect (cross-region PrivateLink). @default [] */
  readonly supportedRegions?: readonly string[];
  /** Private DNS name of the service, verified through a TXT record. @default - none */
  readonly privateDnsName?: string;
  /** Public zone that receives the verification TXT record. @default - the record is not managed here */
  readonly verificationZoneId?: string;
  /** Endpoint connection events sent to the SNS topic. @default ['Connect', 'Accept', 'Reject', 'Delete'] */
  readonly notificationEvents?: readonly string[];
  /** TLS policy of TLS listeners. @default 'ELBSecurityPolicy-TLS13-1-2-2021-06' */
  readonly sslPolicy?: string;
}

/**
 * A service published through PrivateLink: an internal Network Load Balancer (cross-zone,
 * with a security group that PrivateLink traffic must pass too) in front of IP targets, and
 * the VPC endpoint service on it with acceptance required, cross-region support and
 * connection notifications to an SNS topic encrypted with a customer-managed key the service may use. Consumers are allowed one by one by
 * their own stacks (`PrivateLinkConsumer`), never with a `*` principal.
 */
export class EndpointService extends Construct {
  readonly acceptanceRequired: boolean;
  readonly supportedRegions: readonly string[];
  readonly notificationEvents: readonly string[];
  readonly serviceId: string;
  readonly serviceName: string;
  readonly loadBalancerArn: string;
  readonly securityGroupId: string;
  readonly notificationTopicArn: string;
  /** The customer-managed key that encrypts the notification topic. */
  readonly notificationKeyArn: string;
  /** The domain verification TXT record, when this construct manages it. */
  readonly verificationRecord?: Route53Record;

  constructor(scope: Construct, id: string, props: EndpointServiceProps) {
    super(scope, id);
    const { provider } = props;
    this.acceptanceRequired = props.acceptanceRequired ?? true;
    this.supportedRegions = [...(props.supportedRegions ?? [])].sort();
    this.notificationEvents = props.notificationEvents ?? ['Connect', 'Accept', 'Reject', 'Delete'];
    if (props.listeners.length === 0) throw new Error(`${this.node.path}: at least one listener is required`);
    if (props.targets.length === 0) throw new Error(`${this.node.path}: at least one target is required`);
    if (Object.keys(props.clientCidrs).length === 0)
      throw new Error(`${this.node.path}: at least one client CIDR is required, or no consumer can reach the service`);
    for (const l of props.listeners) {
      if ((l.protocol ?? 'TCP') === 'TLS' && !l.certificateArn) {
        throw new Error(`${this.node.path}: TLS listener on port ${l.port} needs a certificateArn`);
      }
    }

    const sg = new SecurityGroup(this, 'nlb-sg', {
      provider,
      vpcId: props.vpcId,
      name: `${props.name}-nlb`,
      description: `${props.name} NLB: service ports from the consumers' ranges only`,
      tags: { Name: `${props.name}-nlb` },
    });
    this.securityGroupId = sg.id;

    const lb = new Lb(this, 'nlb', {
      provider,
      loadBalancerType: 'network',
      internal: true,
      subnets: [...props.subnetIds],
      securityGroups: [sg.id],
      enableCrossZoneLoadBalancing: true,
      // PrivateLink traffic is otherwise exempt from the NLB's security group.
      enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: 'on',
      enableDeletionProtection: false,
      tags: { Name: `${props.name}-nlb` },
    });
    this.loadBalancerArn = lb.arn;

    for (const listener of [...props.listeners].sort((a, b) => a.port - b.port)) {
      const port = listener.port;
      const protocol = listener.protocol ?? 'TCP';
      for (const source of Object.keys(props.clientCidrs).sort()) {
        new VpcSecurityGroupIngressRule(this, `nlb-in-${port}-${source}`, {
          provider,
          securityGroupId: sg.id,
          description: `${protocol} ${port} from consumers in ${source}`,
          ipProtocol: 'tcp',
          fromPort: port,
          toPort: port,
          cidrIpv4: props.clientCidrs[source],
        });
      }
      new VpcSecurityGroupEgressRule(this, `nlb-out-${port}`, {
        provider,
        securityGroupId: sg.id,
        description: `To targets and health checks on ${port}, inside the VPC`,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        cidrIpv4: props.vpcCidr,
      });
      const targetGroup = new LbTargetGroup(this, `tg-${port}`, {
        provider,
        port,
        protocol: 'TCP',
        targetType: 'ip',
        vpcId: props.vpcId,
        healthCheck: { enabled: true, protocol: 'TCP', port: 'traffic-port' },
        tags: { Name: `${props.name}-${port}` },
      });
      for (const ip of [...props.targets].sort()) {
        new LbTargetGroupAttachment(this, `tg-${port}-${ip}`, {
          provider,
          targetGroupArn: targetGroup.arn,
          targetId: ip,
          port,
        });
      }
      new LbListener(this, `listener-${port}`, {
        provider,
        loadBalancerArn: lb.arn,
        port,
        protocol,
        certificateArn: listener.certificateArn,
        sslPolicy: protocol === 'TLS' ? (props.sslPolicy ?? 'ELBSecurityPolicy-TLS13-1-2-2021-06') : undefined,
        defaultAction: [{ type: 'forward', targetGroupArn: targetGroup.arn }],
      });
    }

    const service = new AwsVpcEndpointService(this, 'service', {
      provider,
      acceptanceRequired: this.acceptanceRequired,
      networkLoadBalancerArns: [lb.arn],
      supportedRegions: this.supportedRegions.length > 0 ? [...this.supportedRegions] : undefined,
      privateDnsName: props.privateDnsName,
      tags: { Name: props.name },
    });
    this.serviceId = service.id;
    this.serviceName = service.serviceName;

    if (props.privateDnsName && props.verificationZoneId) {
      const verification = service.privateDnsNameConfiguration.get(0);
      this.verificationRecord = new Route53Record(this, 'dns-verification', {
        provider,
        zoneId: props.verificationZoneId,
        name: `${verification.name}.${props.privateDnsName}`,
        type: verification.type,
        ttl: 300,
        records: [verification.value],
      });
    }

    // An encrypted topic the endpoint service can publish to needs a customer-managed key: the
    // AWS-managed alias/aws/sns key's policy cannot grant vpce.amazonaws.com. Both policies are
    // scoped to this endpoint service (confused-deputy guard), as AWS's page on endpoint service
    // notifications shows: https://docs.aws.amazon.com/vpc/latest/privatelink/create-notification-endpoint-service.html
    const fromThisService = {
      ArnLike: { 'aws:SourceArn': service.arn },
      StringEquals: { 'aws:SourceAccount': props.accountId },
    };
    const key = new KmsKey(this, 'connections-key', {
      provider,
      description: `${props.name}: endpoint connection notifications`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            // The account administers the key through IAM (the default key policy's statement).
            Sid: 'AccountAdministersTheKey',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Sid: 'EndpointServiceNotifications',
            Effect: 'Allow',
            Principal: { Service: 'vpce.amazonaws.com' },
            Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
            Resource: '*',
            Condition: fromThisService,
          },
        ],
      }),
      tags: { Name: `${props.name}-endpoint-connections` },
    });
    this.notificationKeyArn = key.arn;
    // Name prefixes (AWS appends a unique suffix): a re-run after an interrupted apply creates a
    // new alias and topic instead of failing on (alias) or silently adopting (topic) one left behind.
    new KmsAlias(this, 'connections-key-alias', {
      provider,
      namePrefix: `alias/${props.name}-endpoint-connections-`,
      targetKeyId: key.keyId,
    });
    const topic = new SnsTopic(this, 'connections', {
      provider,
      namePrefix: `${props.name}-endpoint-connections-`,
      kmsMasterKeyId: key.arn,
    });
    this.notificationTopicArn = topic.arn;
    new SnsTopicPolicy(this, 'connections-policy', {
      provider,
      arn: topic.arn,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'VpcEndpointNotifications',
            Effect: 'Allow',
            Principal: { Service: 'vpce.amazonaws.com' },
            Action: 'SNS:Publish',
            Resource: topic.arn,
            Condition: fromThisService,
          },
        ],
      }),
    });
    new VpcEndpointConnectionNotification(this, 'connection-notification', {
      provider,
      vpcEndpointServiceId: service.id,
      connectionNotificationArn: topic.arn,
      connectionEvents: [...this.notificationEvents],
    });
  }
}
