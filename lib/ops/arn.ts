/**
 * AWS resources as the operator commands name them: ARNs parsed into service, type and id; the
 * Terraform types each kind of resource is managed as; the id `terraform import` takes; and the
 * AWS CLI line that deletes it.
 */

export interface ParsedArn {
  readonly arn: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** The resource type (`vpc`, `transit-gateway-attachment`, `log-group`, `loadbalancer`); '' when the ARN has none (SNS topics). */
  readonly type: string;
  /** The resource id (`vpc-0abc`, a log group name, a role name, an SNS topic name). */
  readonly id: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const m = /^arn:[^:]+:([^:]+):([^:]*):([^:]*):(.+)$/.exec(arn);
  if (!m) return undefined;
  const [, service, region, account, resource] = m;
  if (service === 'logs') {
    const lg = /^log-group:(.+?)(?::\*)?$/.exec(resource);
    if (lg) return { arn, service, region, account, type: 'log-group', id: lg[1] };
  }
  if (service === 'sns') return { arn, service, region, account, type: 'topic', id: resource };
  if (service === 'elasticloadbalancing') {
    const [type, ...rest] = resource.split('/');
    return { arn, service, region, account, type, id: rest.join('/') };
  }
  const slash = resource.indexOf('/');
  const colon = resource.indexOf(':');
  const cut = slash < 0 ? colon : colon < 0 ? slash : Math.min(slash, colon);
  if (cut < 0) return { arn, service, region, account, type: '', id: resource };
  const type = resource.slice(0, cut);
  const id = resource.slice(cut + 1);
  // IAM paths: role/some/path/name.
  return { arn, service, region, account, type, id: service === 'iam' ? id.slice(id.lastIndexOf('/') + 1) : id };
}

/** The Terraform types a kind of resource is managed as (several where one AWS type backs more). */
const TERRAFORM_TYPES: Record<string, readonly string[]> = {
  'ec2:vpc': ['aws_vpc'],
  'ec2:subnet': ['aws_subnet'],
  'ec2:security-group': ['aws_security_group'],
  'ec2:security-group-rule': ['aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'],
  'ec2:route-table': ['aws_route_table'],
  'ec2:internet-gateway': ['aws_internet_gateway'],
  'ec2:natgateway': ['aws_nat_gateway'],
  'ec2:transit-gateway': ['aws_ec2_transit_gateway'],
  'ec2:transit-gateway-attachment': ['aws_ec2_transit_gateway_vpc_attachment', 'aws_ec2_transit_gateway_peering_attachment'],
  'ec2:transit-gateway-route-table': ['aws_ec2_transit_gateway_route_table'],
  'ec2:vpc-endpoint': ['aws_vpc_endpoint'],
  'ec2:vpc-endpoint-service': ['aws_vpc_endpoint_service'],
  'ec2:vpc-flow-log': ['aws_flow_log'],
  'ec2:flow-logs': ['aws_flow_log'],
  'elasticloadbalancing:loadbalancer': ['aws_lb'],
  'elasticloadbalancing:targetgroup': ['aws_lb_target_group'],
  'logs:log-group': ['aws_cloudwatch_log_group'],
  'iam:role': ['aws_iam_role'],
  'sns:topic': ['aws_sns_topic'],
  'kms:key': ['aws_kms_key'],
  'route53:hostedzone': ['aws_route53_zone'],
  'ram:resource-share': ['aws_ram_resource_share'],
  'vpc-lattice:resourcegateway': ['aws_vpclattice_resource_gateway'],
  'vpc-lattice:resourceconfiguration': ['aws_vpclattice_resource_configuration'],
  'route53profiles:profile': ['aws_route53profiles_profile'],
};

export function terraformTypesOf(arn: ParsedArn): readonly string[] {
  return TERRAFORM_TYPES[`${arn.service}:${arn.type}`] ?? [];
}

/** The id `terraform import` takes for a resource of this kind. */
export function importIdOf(arn: ParsedArn): string {
  switch (`${arn.service}:${arn.type}`) {
    case 'elasticloadbalancing:loadbalancer':
    case 'elasticloadbalancing:targetgroup':
    case 'sns:topic':
    case 'ram:resource-share':
      return arn.arn;
    default:
      return arn.id;
  }
}

/** Deleting order: what sits inside or on another resource first. Lower deletes earlier. */
const DELETE_ORDER: Record<string, number> = {
  'ec2:vpc-endpoint': 0,
  'ec2:vpc-flow-log': 0,
  'ec2:flow-logs': 0,
  'ec2:transit-gateway-attachment': 1,
  'ec2:vpc-endpoint-service': 1,
  'elasticloadbalancing:loadbalancer': 2,
  'elasticloadbalancing:targetgroup': 3,
  'vpc-lattice:resourceconfiguration': 1,
  'vpc-lattice:resourcegateway': 2,
  'ec2:security-group-rule': 3,
  'ec2:security-group': 4,
  'ec2:subnet': 4,
  'ec2:route-table': 5,
  'ec2:transit-gateway-route-table': 5,
  'route53:hostedzone': 5,
  'ec2:vpc': 6,
  'ec2:transit-gateway': 7,
};

export function deleteOrder(arn: ParsedArn): number {
  return DELETE_ORDER[`${arn.service}:${arn.type}`] ?? 5;
}

/** The AWS CLI line that deletes the resource (run with credentials of its account). */
export function deleteCommandOf(arn: ParsedArn): string {
  const r = arn.region ? ` --region ${arn.region}` : '';
  const id = arn.id;
  switch (`${arn.service}:${arn.type}`) {
    case 'ec2:vpc':
      return `aws ec2 delete-vpc --vpc-id ${id}${r}`;
    case 'ec2:subnet':
      return `aws ec2 delete-subnet --subnet-id ${id}${r}`;
    case 'ec2:security-group':
      return `aws ec2 delete-security-group --group-id ${id}${r}`;
    case 'ec2:security-group-rule':
      return `aws ec2 revoke-security-group-ingress --security-group-rule-ids ${id} --group-id <group>${r}`;
    case 'ec2:route-table':
      return `aws ec2 delete-route-table --route-table-id ${id}${r}`;
    case 'ec2:transit-gateway':
      return `aws ec2 delete-transit-gateway --transit-gateway-id ${id}${r}`;
    case 'ec2:transit-gateway-attachment':
      return `aws ec2 delete-transit-gateway-vpc-attachment --transit-gateway-attachment-id ${id}${r}`;
    case 'ec2:transit-gateway-route-table':
      return `aws ec2 delete-transit-gateway-route-table --transit-gateway-route-table-id ${id}${r}`;
    case 'ec2:vpc-endpoint':
      return `aws ec2 delete-vpc-endpoints --vpc-endpoint-ids ${id}${r}`;
    case 'ec2:vpc-endpoint-service':
      return `aws ec2 delete-vpc-endpoint-service-configurations --service-ids ${id}${r}`;
    case 'ec2:vpc-flow-log':
    case 'ec2:flow-logs':
      return `aws ec2 delete-flow-logs --flow-log-ids ${id}${r}`;
    case 'elasticloadbalancing:loadbalancer':
      return `aws elbv2 delete-load-balancer --load-balancer-arn ${arn.arn}${r}`;
    case 'elasticloadbalancing:targetgroup':
      return `aws elbv2 delete-target-group --target-group-arn ${arn.arn}${r}`;
    case 'logs:log-group':
      return `aws logs delete-log-group --log-group-name ${id}${r}`;
    case 'iam:role':
      return `aws iam delete-role --role-name ${id}  # delete its inline policies first: aws iam list-role-policies --role-name ${id}`;
    case 'sns:topic':
      return `aws sns delete-topic --topic-arn ${arn.arn}${r}`;
    case 'kms:key':
      return `aws kms schedule-key-deletion --key-id ${id} --pending-window-in-days 7${r}`;
    case 'route53:hostedzone':
      return `aws route53 delete-hosted-zone --id ${id}  # delete its records and VPC associations first`;
    case 'ram:resource-share':
      return `aws ram delete-resource-share --resource-share-arn ${arn.arn}${r}`;
    case 'vpc-lattice:resourcegateway':
      return `aws vpc-lattice delete-resource-gateway --resource-gateway-identifier ${id}${r}`;
    case 'vpc-lattice:resourceconfiguration':
      return `aws vpc-lattice delete-resource-configuration --resource-configuration-identifier ${id}${r}`;
    default:
      return `# delete ${arn.arn} (no command known for ${arn.service}:${arn.type})`;
  }
}
