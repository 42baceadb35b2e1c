import { dev } from '../../environments/dev';
import { prod } from '../../environments/prod';
import type { PublishedServiceConfig } from '../../lib/config/types';
import { resourceList, synthJson } from '../support/synth';

const stacks = synthJson(prod, dev);
const provider = stacks['prod-provider-payments-us-east-1'];
const payments = prod.services!.payments as PublishedServiceConfig;

describe('published service stack', () => {
  test('internal NLB across the provider AZs, cross-zone, with a security group enforced on PrivateLink traffic', () => {
    expect(resourceList(provider, 'aws_lb')).toEqual([
      expect.objectContaining({
        load_balancer_type: 'network',
        internal: true,
        enable_cross_zone_load_balancing: true,
        enforce_security_group_inbound_rules_on_private_link_traffic: 'on',
      }),
    ]);
    const lb = resourceList(provider, 'aws_lb')[0];
    expect(lb.subnets).toHaveLength(3);
    expect(lb.security_groups).toHaveLength(1);
  });

  test("NLB security group: listener ports from the consumers' segment ranges (the client addresses PrivateLink traffic carries), egress only inside the VPC", () => {
    expect(
      resourceList(provider, 'aws_vpc_security_group_ingress_rule')
        .map((r) => [r.cidr_ipv4, r.from_port, r.to_port])
        .sort(),
    ).toEqual([
      ['10.16.0.0/15', 443, 443],
      ['10.18.0.0/15', 443, 443],
    ]);
    expect(resourceList(provider, 'aws_vpc_security_group_egress_rule')).toEqual([
      expect.objectContaining({ cidr_ipv4: payments.cidr, from_port: 443, to_port: 443 }),
    ]);
  });

  test('TLS listener with its certificate and a TLS 1.3 policy; one IP target group with every target', () => {
    expect(resourceList(provider, 'aws_lb_listener')).toEqual([
      expect.objectContaining({
        port: 443,
        protocol: 'TLS',
        certificate_arn: payments.listeners[0].certificateArn,
        ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      }),
    ]);
    expect(resourceList(provider, 'aws_lb_target_group')).toEqual([
      expect.objectContaining({ target_type: 'ip', protocol: 'TCP', port: 443 }),
    ]);
    expect(
      resourceList(provider, 'aws_lb_target_group_attachment')
        .map((a) => a.target_id)
        .sort(),
    ).toEqual([...payments.targets].sort());
  });

  test('endpoint service requires acceptance and supports the cross-region consumer region', () => {
    expect(resourceList(provider, 'aws_vpc_endpoint_service')).toEqual([
      expect.objectContaining({
        acceptance_required: true,
        supported_regions: ['eu-west-1'],
      }),
    ]);
    const svc = resourceList(provider, 'aws_vpc_endpoint_service')[0];
    expect(svc.allowed_principals).toBeUndefined();
  });

  test('supported regions default to every other hub region', () => {
    const devProvider = stacks['dev-provider-orders-us-east-1'];
    expect(resourceList(devProvider, 'aws_vpc_endpoint_service')[0].supported_regions).toBeUndefined();
  });

  test('connection notifications go to a topic encrypted with a customer-managed key only this endpoint service may use', () => {
    expect(resourceList(provider, 'aws_vpc_endpoint_connection_notification')).toEqual([
      expect.objectContaining({
        connection_events: ['Connect', 'Accept', 'Reject', 'Delete'],
      }),
    ]);
    const [key] = resourceList(provider, 'aws_kms_key');
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    const keyPolicy = JSON.parse(key.policy);
    const serviceArn = expect.stringMatching(/^\$\{aws_vpc_endpoint_service\.service_[0-9A-F]+\.arn\}$/);
    const scoped = { ArnLike: { 'aws:SourceArn': serviceArn }, StringEquals: { 'aws:SourceAccount': '333333333333' } };
    expect(keyPolicy.Statement).toEqual([
      {
        Sid: 'AccountAdministersTheKey',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::333333333333:root' },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'EndpointServiceNotifications',
        Effect: 'Allow',
        Principal: { Service: 'vpce.amazonaws.com' },
        Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        Resource: '*',
        Condition: scoped,
      },
    ]);
    const [topic] = resourceList(provider, 'aws_sns_topic');
    expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.service_connections-key_[0-9A-F]+\.arn\}$/);
    expect(topic.kms_master_key_id).not.toMatch(/alias\/aws\/sns/);
    const policy = JSON.parse(resourceList(provider, 'aws_sns_topic_policy')[0].policy);
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Principal: { Service: 'vpce.amazonaws.com' }, Action: 'SNS:Publish', Condition: scoped }),
    ]);
    expect(resourceList(provider, 'aws_kms_alias')).toEqual([
      expect.objectContaining({ name_prefix: 'alias/prod-payments-endpoint-connections-' }),
    ]);
  });

  test('each published service has its own stack, VPC, NLB and endpoint service in its owner account', () => {
    const fx = stacks['prod-provider-fx-rates-eu-west-1'];
    expect(fx.provider.aws.map((p: { alias: string; allowed_account_ids: string[] }) => [p.alias, p.allowed_account_ids[0]])).toEqual([
      ['provider-eu-west-1', '777777777777'],
    ]);
    expect(resourceList(fx, 'aws_vpc')).toEqual([expect.objectContaining({ cidr_block: '10.2.0.0/22' })]);
    expect(resourceList(fx, 'aws_lb_listener')).toEqual([expect.objectContaining({ port: 8443, protocol: 'TCP' })]);
    // supportedRegions: [] keeps it to its own region.
    expect(resourceList(fx, 'aws_vpc_endpoint_service')[0].supported_regions).toBeUndefined();
  });

  test('a private DNS name: TXT record in the verification zone, verification started and awaited, its service id exported', () => {
    const env = structuredClone(prod) as typeof prod;
    Object.assign(env.services!.payments, { privateDnsName: 'payments.example.com', verificationZoneId: 'Z0123456789ABC' });
    const all = synthJson(env);
    const p = all['prod-provider-payments-us-east-1'];
    expect(resourceList(p, 'aws_vpc_endpoint_service')[0].private_dns_name).toBe('payments.example.com');
    const [record] = resourceList(p, 'aws_route53_record');
    expect(record).toMatchObject({ zone_id: 'Z0123456789ABC', ttl: 300 });
    const [verification] = resourceList(p, 'aws_vpc_endpoint_service_private_dns_verification');
    expect(verification).toMatchObject({ wait_for_verification: true });
    expect(verification.service_id).toMatch(/^\$\{aws_vpc_endpoint_service\./);
    expect(verification.depends_on).toEqual([expect.stringMatching(/^aws_route53_record\./)]);
    expect(Object.values(p.output).map((o) => (o as { value: string }).value)).toContainEqual(
      expect.stringMatching(/aws_vpc_endpoint_service_private_dns_verification\..*\.service_id/),
    );
    // Consumers read the service id from the verification: nothing starts before the domain is verified.
    const checkout = all['prod-consumer-checkout-us-east-1'];
    const [principal] = resourceList(checkout, 'aws_vpc_endpoint_service_allowed_principal').filter(
      (r) => r.provider === 'aws.owner-333333333333-us-east-1',
    );
    expect(principal.vpc_endpoint_service_id).toMatch(/aws_vpc_endpoint_service_private_dns_verification/);
  });
});
