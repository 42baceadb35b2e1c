import { App, TerraformStack } from 'cdktf';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { dev } from '../../../environments/dev';
import { prod } from '../../../environments/prod';
import { synthesizeStacks } from '../../../lib/cdktf/internals';
import type { EnvironmentConfig } from '../../../lib/config/types';
import {
  MissingTypeActionsError,
  SCOPES,
  TERRAFORM_TYPE_ACTIONS,
  TYPES_WITHOUT_AWS_CALLS,
  actionsOf,
  collectUsage,
  deployPolicies,
  policySize,
  splitPolicy,
  type DeployPolicy,
  type PolicyStatement,
  type StackJson,
} from '../../../lib/iam';
import { buildBootstrap, synthesizeAppStacks } from '../../../stacks/bootstrap';
import { buildEnvironment } from '../../../stacks/environment';

const appStacks: Record<string, Record<string, StackJson>> = { dev: synthesizeAppStacks(dev), prod: synthesizeAppStacks(prod) };
const envs: Record<string, EnvironmentConfig> = { dev, prod };
const policies: Record<string, DeployPolicy[]> = { dev: deployPolicies(dev, appStacks.dev), prod: deployPolicies(prod, appStacks.prod) };

function policyOf(env: string, account: string): DeployPolicy {
  const p = policies[env].find((x) => x.accountId === account);
  if (!p) throw new Error(`no policy for ${account}`);
  return p;
}

const statements = (p: DeployPolicy): PolicyStatement[] => [...p.document.Statement];
const actionList = (s: PolicyStatement): string[] => (typeof s.Action === 'string' ? [s.Action] : [...s.Action]);
const statementsWith = (p: DeployPolicy, action: string) => statements(p).filter((s) => actionList(s).includes(action));

/**
 * The reference: walk every resource and data source of the synthesized stacks, attribute it to the
 * account of its provider alias, and collect the table's actions for its type (with the conditional
 * grants whose configuration applies). The generator must grant exactly these, per account.
 */
function expectedActions(stacks: Record<string, StackJson>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [, stack] of Object.entries(stacks)) {
    const accountOf = new Map<string, { account: string; region: string }>();
    for (const p of stack.provider.aws) accountOf.set(`aws.${p.alias}`, { account: p.allowed_account_ids[0], region: p.region });
    for (const [block, prefix] of [
      ['resource', ''],
      ['data', 'data.'],
    ] as const) {
      for (const [rawType, byName] of Object.entries((stack[block] ?? {}) as Record<string, Record<string, Record<string, unknown>>>)) {
        const type = `${prefix}${rawType}`;
        if (TYPES_WITHOUT_AWS_CALLS.includes(type)) continue;
        for (const config of Object.values(byName)) {
          const { account, region } = accountOf.get(config.provider as string)!;
          const set = out.get(account) ?? new Set<string>();
          const entry = TERRAFORM_TYPE_ACTIONS[type];
          for (const g of entry.grants) g.actions.forEach((a) => set.add(a));
          for (const c of entry.conditional ?? [])
            if (c.when(config, { region })) c.grants.forEach((g) => g.actions.forEach((a) => set.add(a)));
          out.set(account, set);
        }
      }
    }
  }
  return out;
}

describe.each(['dev', 'prod'])('deploy-role policies of %s', (name) => {
  const env = envs[name];

  test('one policy per account a stack acts in, each with the roles the account plays', () => {
    const accounts = new Set<string>([env.network.accountId, ...env.consumers.map((c) => c.accountId)]);
    for (const s of Object.values(env.services ?? {})) if (s.kind !== 'external') accounts.add(s.accountId);
    expect(policies[name].map((p) => p.accountId)).toEqual([...accounts].sort());
    expect(policyOf(name, env.network.accountId).roles).toEqual(['network']);
    for (const c of env.consumers) expect(policyOf(name, c.accountId).roles).toContain('consumer');
  });

  test('each account gets exactly the actions of its resource types', () => {
    const expected = expectedActions(appStacks[name]);
    for (const p of policies[name]) expect(actionsOf(p.document)).toEqual([...expected.get(p.accountId)!].sort());
  });

  test('no wildcard action, and every action in exactly the shape service:Action', () => {
    for (const p of policies[name]) {
      for (const action of actionsOf(p.document)) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
    }
  });

  test("iam:PassRole only for the environment's roles, only to VPC Flow Logs", () => {
    for (const p of policies[name]) {
      const pass = statementsWith(p, 'iam:PassRole');
      expect(pass).toEqual([
        {
          Sid: 'PassFlowLogRolesToVpcFlowLogs',
          Effect: 'Allow',
          Action: ['iam:PassRole'],
          Resource: `arn:aws:iam::${p.accountId}:role/${name}-*`,
          Condition: { StringEquals: { 'iam:PassedToService': 'vpc-flow-logs.amazonaws.com' } },
        },
      ]);
    }
  });

  test('iam:CreateServiceLinkedRole only for exact service-linked roles, by service name', () => {
    for (const p of policies[name]) {
      for (const s of statementsWith(p, 'iam:CreateServiceLinkedRole')) {
        expect(actionList(s)).toEqual(['iam:CreateServiceLinkedRole']);
        const service = (s.Condition!.StringEquals as Record<string, string>)['iam:AWSServiceName'];
        expect(s.Resource).toMatch(
          new RegExp(`^arn:aws:iam::${p.accountId}:role/aws-service-role/${service.replace(/\./g, '\\.')}/AWSServiceRoleFor[A-Za-z]+$`),
        );
      }
    }
  });

  test("IAM, log-group, topic and alias actions are scoped to the environment's names", () => {
    for (const p of policies[name]) {
      const byResource = (action: string) => statementsWith(p, action).map((s) => s.Resource);
      expect(byResource('iam:CreateRole')).toEqual([`arn:aws:iam::${p.accountId}:role/${name}-*`]);
      expect(byResource('iam:PutRolePolicy')).toEqual([`arn:aws:iam::${p.accountId}:role/${name}-*`]);
      for (const r of byResource('logs:CreateLogGroup').flat())
        expect(r).toMatch(new RegExp(`^arn:aws:logs:[a-z0-9-]+:${p.accountId}:log-group:/privatelink/${name}-\\*$`));
      for (const r of byResource('sns:CreateTopic').flat())
        expect(r).toMatch(new RegExp(`^arn:aws:sns:[a-z0-9-]+:${p.accountId}:${name}-\\*$`));
    }
  });

  test('"*" resources are only region-scoped, except the global Route 53 calls', () => {
    for (const p of policies[name]) {
      for (const s of statements(p).filter((x) => x.Resource === '*')) {
        if (s.Sid === SCOPES.global.sid) {
          expect(
            actionList(s).every((a) => ['route53:CreateHostedZone', 'route53:ListHostedZonesByVPC', 'ec2:DescribeVpcs'].includes(a)),
          ).toBe(true);
        } else {
          expect(s.Condition).toEqual({ StringEquals: { 'aws:RequestedRegion': p.regions } });
        }
      }
    }
  });

  test("each inline policy fits its target and the role's total fits IAM's 10,240 characters", () => {
    for (const p of policies[name]) {
      const parts = splitPolicy(p.document);
      for (const part of parts) expect(policySize(part)).toBeLessThanOrEqual(6144);
      expect(parts.reduce((n, d) => n + policySize(d), 0)).toBeLessThanOrEqual(10_240);
      expect(parts.flatMap((d) => actionsOf(d)).sort()).toEqual(expect.arrayContaining(actionsOf(p.document)));
    }
  });
});

describe('what each prod account may do', () => {
  const has = (account: string, action: string) => actionsOf(policyOf('prod', account).document).includes(action);

  test('a consumer account gets vpce:AllowMultiRegion only with a cross-region endpoint', () => {
    expect(has('555555555555', 'vpce:AllowMultiRegion')).toBe(true); // ledger-eu: payments and market-data from us-east-1
    expect(has('444444444444', 'vpce:AllowMultiRegion')).toBe(false); // checkout: same region
    expect(has('666666666666', 'vpce:AllowMultiRegion')).toBe(false); // staging: same region
    const multi = statementsWith(policyOf('prod', '555555555555'), 'vpce:AllowMultiRegion');
    expect(multi.map((s) => s.Condition)).toEqual([{ StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } }]);
  });

  test('the owner of a service with supported regions gets vpce:AllowMultiRegion, the one without does not', () => {
    expect(has('333333333333', 'vpce:AllowMultiRegion')).toBe(true); // payments: supportedRegions eu-west-1
    expect(has('777777777777', 'vpce:AllowMultiRegion')).toBe(false); // fx-rates: its own region only
  });

  test('the network account runs the hubs and the peering, nothing of the services', () => {
    for (const a of [
      'ec2:CreateTransitGateway',
      'ec2:AcceptTransitGatewayPeeringAttachment',
      'ec2:CreateTransitGatewayRoute',
      'ram:CreateResourceShare',
    ]) {
      expect(has('222222222222', a)).toBe(true);
    }
    // Route 53 Profiles in prod (their own namespace), zone association authorizations in dev.
    for (const a of ['route53profiles:CreateProfile', 'route53profiles:AssociateResourceToProfile', 'route53profiles:PutProfilePolicy'])
      expect(has('222222222222', a)).toBe(true);
    expect(has('222222222222', 'route53:CreateVPCAssociationAuthorization')).toBe(false);
    expect(actionsOf(policyOf('dev', '222222222222').document)).toContain('route53:CreateVPCAssociationAuthorization');
    expect(actionsOf(policyOf('dev', '222222222222').document).some((a) => a.startsWith('route53profiles:'))).toBe(false);
    // On-premises: the VPN on the TGW, the Resolver endpoints (their ENIs with the caller's EC2 permissions) and rules.
    for (const a of [
      'ec2:CreateCustomerGateway',
      'ec2:CreateVpnConnection',
      'ec2:DescribeTransitGatewayAttachments',
      'route53resolver:CreateResolverEndpoint',
      'ec2:CreateNetworkInterface',
      'route53resolver:CreateResolverRule',
      'route53resolver:PutResolverRulePolicy',
    ])
      expect(has('222222222222', a)).toBe(true);
    expect(has('222222222222', 'directconnect:CreateDirectConnectGatewayAssociation')).toBe(false);
    for (const a of [
      'elasticloadbalancing:CreateLoadBalancer',
      'vpc-lattice:CreateResourceGateway',
      'sns:CreateTopic',
      'kms:CreateKey',
      'ec2:CreateVpcEndpointServiceConfiguration',
    ]) {
      expect(has('222222222222', a)).toBe(false);
    }
    expect(policyOf('prod', '222222222222').regions).toEqual(['eu-west-1', 'us-east-1']);
  });

  test('an owner account publishes, shares resources and takes the owner side of its consumers', () => {
    for (const a of [
      'elasticloadbalancing:CreateLoadBalancer',
      'ec2:CreateVpcEndpointServiceConfiguration',
      'sns:CreateTopic',
      'kms:CreateKey',
      'kms:PutKeyPolicy',
      'vpc-lattice:CreateResourceGateway',
      'vpc-lattice:CreateResourceConfiguration',
      'ram:AssociateResourceShare',
      'ec2:ModifyVpcEndpointServicePermissions',
      'ec2:AcceptVpcEndpointConnections',
      'ec2:RejectVpcEndpointConnections',
    ])
      expect(has('333333333333', a)).toBe(true);
    expect(has('333333333333', 'ec2:CreateTransitGateway')).toBe(false);
    expect(has('777777777777', 'vpc-lattice:CreateResourceGateway')).toBe(false);
    const slrs = statementsWith(policyOf('prod', '333333333333'), 'iam:CreateServiceLinkedRole').map(
      (s) => (s.Condition!.StringEquals as Record<string, string>)['iam:AWSServiceName'],
    );
    expect(slrs).toEqual(['elasticloadbalancing.amazonaws.com', 'vpc-lattice.amazonaws.com']);
  });

  test('a consumer account builds its spoke and endpoints, and nothing of the hub or the services', () => {
    for (const a of [
      'ec2:CreateVpcEndpoint',
      'ec2:CreateTransitGatewayVpcAttachment',
      'route53:AssociateVPCWithHostedZone',
      'route53:CreateHostedZone',
    ]) {
      expect(has('444444444444', a)).toBe(true);
    }
    for (const a of [
      'ec2:CreateTransitGateway',
      'ram:CreateResourceShare',
      'elasticloadbalancing:CreateLoadBalancer',
      'ec2:AcceptVpcEndpointConnections',
      'route53:CreateVPCAssociationAuthorization',
    ]) {
      expect(has('444444444444', a)).toBe(false);
    }
    const slrs = statementsWith(policyOf('prod', '444444444444'), 'iam:CreateServiceLinkedRole').map(
      (s) => (s.Condition!.StringEquals as Record<string, string>)['iam:AWSServiceName'],
    );
    expect(slrs).toEqual(['transitgateway.amazonaws.com']);
  });

  test('the full action list of the cross-region consumer account', () => {
    expect(actionsOf(policyOf('prod', '555555555555').document)).toEqual([
      'ec2:AssociateRouteTable',
      'ec2:AuthorizeSecurityGroupIngress',
      'ec2:CreateFlowLogs',
      'ec2:CreateRoute',
      'ec2:CreateRouteTable',
      'ec2:CreateSecurityGroup',
      'ec2:CreateSubnet',
      'ec2:CreateTags',
      'ec2:CreateTransitGatewayVpcAttachment',
      'ec2:CreateVpc',
      'ec2:CreateVpcEndpoint',
      'ec2:DeleteFlowLogs',
      'ec2:DeleteRoute',
      'ec2:DeleteRouteTable',
      'ec2:DeleteSecurityGroup',
      'ec2:DeleteSubnet',
      'ec2:DeleteTags',
      'ec2:DeleteTransitGatewayVpcAttachment',
      'ec2:DeleteVpc',
      'ec2:DeleteVpcEndpoints',
      'ec2:DescribeFlowLogs',
      'ec2:DescribeNetworkAcls',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribePrefixLists',
      'ec2:DescribeRouteTables',
      'ec2:DescribeSecurityGroupRules',
      'ec2:DescribeSecurityGroups',
      'ec2:DescribeSubnets',
      'ec2:DescribeTransitGatewayVpcAttachments',
      'ec2:DescribeTransitGateways',
      'ec2:DescribeVpcAttribute',
      'ec2:DescribeVpcEndpoints',
      'ec2:DescribeVpcs',
      'ec2:DisassociateRouteTable',
      'ec2:GetTransitGatewayRouteTableAssociations',
      'ec2:GetTransitGatewayRouteTablePropagations',
      'ec2:ModifySecurityGroupRules',
      'ec2:ModifySubnetAttribute',
      'ec2:ModifyTransitGatewayVpcAttachment',
      'ec2:ModifyVpcAttribute',
      'ec2:ModifyVpcEndpoint',
      'ec2:ReplaceRoute',
      'ec2:ReplaceRouteTableAssociation',
      'ec2:RevokeSecurityGroupEgress',
      'ec2:RevokeSecurityGroupIngress',
      'iam:CreateRole',
      'iam:CreateServiceLinkedRole',
      'iam:DeleteRole',
      'iam:DeleteRolePolicy',
      'iam:GetRole',
      'iam:GetRolePolicy',
      'iam:ListAttachedRolePolicies',
      'iam:ListInstanceProfilesForRole',
      'iam:ListRolePolicies',
      'iam:PassRole',
      'iam:PutRolePermissionsBoundary',
      'iam:PutRolePolicy',
      'iam:TagRole',
      'iam:UntagRole',
      'iam:UpdateAssumeRolePolicy',
      'iam:UpdateRole',
      'iam:UpdateRoleDescription',
      'logs:CreateLogGroup',
      'logs:DeleteLogGroup',
      'logs:DeleteRetentionPolicy',
      'logs:DescribeLogGroups',
      'logs:ListTagsForResource',
      'logs:PutRetentionPolicy',
      'logs:TagResource',
      'logs:UntagResource',
      'route53:AssociateVPCWithHostedZone',
      'route53:ChangeResourceRecordSets',
      'route53:ChangeTagsForResource',
      'route53:CreateHostedZone',
      'route53:DeleteHostedZone',
      'route53:DisassociateVPCFromHostedZone',
      'route53:GetChange',
      'route53:GetHostedZone',
      'route53:ListResourceRecordSets',
      'route53:ListTagsForResource',
      'route53:UpdateHostedZoneComment',
      // Its segment's Route 53 Profile (prod resolves the hubs' names through profiles).
      'route53profiles:AssociateProfile',
      'route53profiles:DisassociateProfile',
      'route53profiles:GetProfileAssociation',
      'route53profiles:ListTagsForResource',
      'route53profiles:TagResource',
      'route53profiles:UntagResource',
      'vpce:AllowMultiRegion',
    ]);
  });
});

describe("roles the stacks create: only with the bootstrap's permissions boundary", () => {
  test('creating a role and writing its policies require the boundary; nothing removes it', () => {
    const doc = policyOf('prod', '555555555555').document;
    const bounded = doc.Statement.find((s) => s.Sid === 'RolesOfTheEnvironmentOnlyWithTheBoundary')!;
    expect(bounded).toEqual({
      Sid: 'RolesOfTheEnvironmentOnlyWithTheBoundary',
      Effect: 'Allow',
      Action: ['iam:CreateRole', 'iam:DeleteRolePolicy', 'iam:PutRolePermissionsBoundary', 'iam:PutRolePolicy'],
      Resource: 'arn:aws:iam::555555555555:role/prod-*',
      Condition: { StringEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::555555555555:policy/prod-privatelink-role-boundary' } },
    });
    // no other statement grants them, and none grants removing the boundary
    const elsewhere = doc.Statement.filter((s) => s !== bounded).flatMap((s) => [s.Action].flat());
    expect(elsewhere).not.toEqual(expect.arrayContaining(['iam:CreateRole']));
    expect(
      elsewhere.filter((a) => /^iam:(CreateRole|PutRolePolicy|DeleteRolePolicy|AttachRolePolicy|.*PermissionsBoundary)$/.test(a)),
    ).toEqual([]);
    expect(actionsOf(doc)).not.toContain('iam:DeleteRolePermissionsBoundary');
  });

  test("every flow-log role carries its account's boundary; a role without it stops the bootstrap, named", () => {
    for (const [name, json] of Object.entries(appStacks.prod)) {
      for (const role of Object.values((json.resource?.aws_iam_role ?? {}) as Record<string, { permissions_boundary?: string }>)) {
        expect(role.permissions_boundary).toMatch(new RegExp(`^arn:aws:iam::\\d{12}:policy/prod-privatelink-role-boundary$`));
        expect(name).toMatch(/^prod-/);
      }
    }
    const app = new App();
    const web = buildEnvironment(app, dev).consumers.web;
    new IamRole(web, 'team-role', {
      provider: web.awsProvider('consumer', '444444444444', 'us-east-1'),
      name: 'dev-team',
      assumeRolePolicy: '{}',
    });
    expect(() => deployPolicies(dev, synthesizeStacks(app))).toThrow(
      'dev-consumer-web-us-east-1: aws_iam_role.team-role (account 444444444444) has permissions_boundary null, but the deploy role may create roles only with ' +
        'arn:aws:iam::444444444444:policy/dev-privatelink-role-boundary; set it (appRoleBoundary in lib/iam/boundary.ts) and make sure roleBoundaryDocument admits what the role does',
    );
  });
});

describe('a type missing from the action table', () => {
  test('fails the bootstrap synth loudly, naming the type and its stack', () => {
    const app = new App();
    const stacks = buildEnvironment(app, dev);
    const web = stacks.consumers.web;
    // A team adds a construct whose type the table does not know yet.
    new Instance(web, 'bastion', {
      provider: web.awsProvider('consumer', '444444444444', 'us-east-1'),
      ami: 'ami-12345678',
      instanceType: 't3.micro',
    });
    const synthesized = synthesizeStacks(app);
    expect(() => buildBootstrap(new App(), dev, { appStacks: synthesized })).toThrow(MissingTypeActionsError);
    expect(() => collectUsage(synthesized)).toThrow(
      /dev-consumer-web-us-east-1: aws_instance \(account 444444444444\) is not in lib\/iam\/actions\.ts\nAdd an entry per type to TERRAFORM_TYPE_ACTIONS/,
    );
  });

  test('so does a resource on the default provider (its account is unknown)', () => {
    const app = new App();
    const stack = new TerraformStack(app, 'loose');
    new Instance(stack, 'x', { ami: 'ami-12345678', instanceType: 't3.micro' });
    const json = synthesizeStacks(app);
    json.loose.provider = { aws: [{ alias: 'a', region: 'us-east-1', allowed_account_ids: ['123456789012'] }] };
    expect(() => collectUsage(json)).toThrow(
      "loose: aws_instance.x uses the default AWS provider, which the stack does not pin to an account; give it one of the stack's aliased providers",
    );
  });

  test('every type of the shipped environments has an entry, and every entry names known scopes', () => {
    for (const entry of Object.values(TERRAFORM_TYPE_ACTIONS)) {
      for (const g of [...entry.grants, ...(entry.conditional ?? []).flatMap((c) => c.grants)])
        expect(Object.keys(SCOPES)).toContain(g.scope);
    }
    for (const name of ['dev', 'prod']) expect(() => collectUsage(appStacks[name])).not.toThrow();
  });
});

describe('splitPolicy', () => {
  test('keeps every action and statement setting, each part under the limit', () => {
    const actions = Array.from({ length: 400 }, (_, i) => `ec2:Action${String(i).padStart(3, '0')}`);
    const doc = {
      Version: '2012-10-17' as const,
      Statement: [
        { Sid: 'Big', Effect: 'Allow' as const, Action: actions, Resource: '*' },
        { Sid: 'Small', Effect: 'Allow' as const, Action: ['iam:GetRole'], Resource: 'arn:aws:iam::1:role/x' },
      ],
    };
    const parts = splitPolicy(doc, 2000);
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) expect(policySize(p)).toBeLessThanOrEqual(2000);
    expect(parts.flatMap((p) => actionsOf(p)).sort()).toEqual([...actions, 'iam:GetRole'].sort());
    expect(parts.flatMap((p) => p.Statement).every((s) => s.Resource === '*' || s.Sid === 'Small')).toBe(true);
  });
});
