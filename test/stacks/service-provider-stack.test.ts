import { dev } from '../../environments/dev';
import { prod } from '../../environments/prod';
import { resourceList, synthJson } from '../support/synth';

const stacks = synthJson(prod, dev);
const provider = stacks['prod-provider-payments-us-east-1'];

describe('service provider stack', () => {
  test('internal NLB across the provider AZs, cross-zone, with a security group enforced on PrivateLink traffic', () => {
    expect(resourceList(provider, 'aws_lb')).toEqual([expect.objectContaining({
      load_balancer_type: 'network',
      internal: true,
      enable_cross_zone_load_balancing: true,
      enforce_security_group_inbound_rules_on_private_link_traffic: 'on',
    })]);
    const lb = resourceList(provider, 'aws_lb')[0];
    expect(lb.subnets).toHaveLength(3);
    expect(lb.security_groups).toHaveLength(1);
  });

  test('NLB security group: listener ports from the organization CIDR, egress only inside the VPC', () => {
    expect(resourceList(provider, 'aws_vpc_security_group_ingress_rule')).toEqual([
      expect.objectContaining({ cidr_ipv4: '10.0.0.0/8', from_port: 443, to_port: 443 }),
    ]);
    expect(resourceList(provider, 'aws_vpc_security_group_egress_rule')).toEqual([
      expect.objectContaining({ cidr_ipv4: prod.provider.cidr, from_port: 443, to_port: 443 }),
    ]);
  });

  test('TLS listener with its certificate and a TLS 1.3 policy; one IP target group with every target', () => {
    expect(resourceList(provider, 'aws_lb_listener')).toEqual([expect.objectContaining({
      port: 443,
      protocol: 'TLS',
      certificate_arn: prod.provider.service.listeners[0].certificateArn,
      ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    })]);
    expect(resourceList(provider, 'aws_lb_target_group')).toEqual([expect.objectContaining({ target_type: 'ip', protocol: 'TCP', port: 443 })]);
    expect(resourceList(provider, 'aws_lb_target_group_attachment').map((a) => a.target_id).sort()).toEqual([...prod.provider.service.targets].sort());
  });

  test('endpoint service requires acceptance and supports the cross-region consumer region', () => {
    expect(resourceList(provider, 'aws_vpc_endpoint_service')).toEqual([expect.objectContaining({
      acceptance_required: true,
      supported_regions: ['eu-west-1'],
    })]);
    const svc = resourceList(provider, 'aws_vpc_endpoint_service')[0];
    expect(svc.allowed_principals).toBeUndefined();
  });

  test('supported regions default to every other hub region', () => {
    const devProvider = stacks['dev-provider-orders-us-east-1'];
    expect(resourceList(devProvider, 'aws_vpc_endpoint_service')[0].supported_regions).toBeUndefined();
  });

  test('connection notifications go to an encrypted SNS topic that only VPC endpoints of this account publish to', () => {
    expect(resourceList(provider, 'aws_vpc_endpoint_connection_notification')).toEqual([expect.objectContaining({
      connection_events: ['Connect', 'Accept', 'Reject', 'Delete'],
    })]);
    expect(resourceList(provider, 'aws_sns_topic')[0].kms_master_key_id).toBe('alias/aws/sns');
    const policy = JSON.parse(resourceList(provider, 'aws_sns_topic_policy')[0].policy);
    expect(policy.Statement[0]).toMatchObject({ Principal: { Service: 'vpce.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '333333333333' } } });
  });

  test('a private DNS name with a verification zone adds the TXT record', () => {
    const env = structuredClone(prod) as typeof prod;
    Object.assign(env.provider.service, { privateDnsName: 'payments.example.com', verificationZoneId: 'Z0123456789ABC' });
    const p = synthJson(env)['prod-provider-payments-us-east-1'];
    expect(resourceList(p, 'aws_vpc_endpoint_service')[0].private_dns_name).toBe('payments.example.com');
    expect(resourceList(p, 'aws_route53_record')).toEqual([expect.objectContaining({ zone_id: 'Z0123456789ABC', ttl: 300 })]);
  });
});
