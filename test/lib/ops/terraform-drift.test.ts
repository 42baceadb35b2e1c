/** Reading Terraform (lib/ops/terraform.ts) and the drift report (lib/ops/drift.ts), without running Terraform. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDrift, driftExitCode, formatDrift, progressLine, roleOverride, type StackDrift } from '../../../lib/ops/drift';
import { isInitialized, lockInfoFromOutput, planChanges, priorStateEmpty, terraformErrors } from '../../../lib/ops/terraform';
import { parseArn, deleteCommandOf, importIdOf, terraformTypesOf } from '../../../lib/ops/arn';

const LOCK_ERROR = `
╷
│ Error: Error acquiring the state lock
│ 
│ Error message: operation error S3: PutObject, https response error StatusCode: 412, RequestID: x, api error PreconditionFailed: At least one of the pre-conditions you specified did not hold
│ Lock Info:
│   ID:        3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b
│   Path:      pl-tfstate/dev/dev-consumer-web-us-east-1.tfstate
│   Operation: OperationTypeApply
│   Who:       root@runner
│   Version:   1.11.4
│   Created:   2026-11-27 14:00:00.000000000 +0000 UTC
│   Info:      
│ 
│ Terraform acquires a state lock to protect the state from being written
│ by multiple users at the same time. Please resolve the issue above and try
│ again. For most commands, you can disable locking with the "-lock=false"
│ flag, but this is not recommended.
╵`;

test("the lock of a locked state, from Terraform's error", () => {
  expect(lockInfoFromOutput(LOCK_ERROR)).toEqual({
    id: '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
    path: 'pl-tfstate/dev/dev-consumer-web-us-east-1.tfstate',
    operation: 'OperationTypeApply',
    who: 'root@runner',
    created: '2026-11-27 14:00:00.000000000 +0000 UTC',
  });
  expect(lockInfoFromOutput('Error: something else')).toBeUndefined();
  expect(terraformErrors(LOCK_ERROR)[0]).toMatch(/^Error acquiring the state lock Error message: operation error S3: PutObject/);
});

test('errors without the quoted source lines', () => {
  const out = `
│ Error: Unable to find remote state
│ 
│   with data.terraform_remote_state.cross-stack-reference-input-dev-network-us-east-1,
│   on cdk.tf.json line 37, in data.terraform_remote_state.cross-stack-reference-input-dev-network-us-east-1:
│   37:         "workspace": "\${terraform.workspace}"
│ 
│ No stored state was found for the given workspace in the given backend.
╵`;
  expect(terraformErrors(out)).toEqual([
    'Unable to find remote state No stored state was found for the given workspace in the given backend.',
  ]);
});

test('the changes of a plan: drift outside Terraform and what the apply would do', () => {
  const plan = {
    resource_drift: [
      { address: 'aws_route.tgw_to-tgw_FF667D08', change: { actions: ['delete'] } },
      { address: 'aws_vpc_endpoint.x', change: { actions: ['update'] } },
    ],
    resource_changes: [
      { address: 'aws_route.tgw_to-tgw_FF667D08', mode: 'managed', change: { actions: ['create'] } },
      { address: 'aws_vpc.v', mode: 'managed', change: { actions: ['no-op'] } },
      { address: 'aws_subnet.s', mode: 'managed', change: { actions: ['delete', 'create'] } },
      { address: 'data.aws_x.y', mode: 'data', change: { actions: ['read'] } },
    ],
    prior_state: { values: { root_module: { resources: [{ mode: 'managed' }] } } },
  };
  expect(planChanges(plan)).toEqual([
    { address: 'aws_route.tgw_to-tgw_FF667D08', action: 'create', outside: true, drift: 'deleted' },
    { address: 'aws_subnet.s', action: 'replace', outside: false },
  ]);
  expect(priorStateEmpty(plan)).toBe(false);
  expect(priorStateEmpty({ prior_state: { values: { root_module: { resources: [{ mode: 'data' }] } } } })).toBe(true);
  expect(priorStateEmpty({})).toBe(true);
});

test('initialized for the backend it has now', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pl-init-'));
  const backend = { s3: { bucket: 'b', key: 'dev/x.tfstate', region: 'us-east-1' } };
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({ terraform: { backend } }));
  expect(isInitialized(dir)).toBe(false);
  mkdirSync(join(dir, '.terraform'));
  writeFileSync(join(dir, '.terraform.lock.hcl'), '');
  writeFileSync(
    join(dir, '.terraform', 'terraform.tfstate'),
    JSON.stringify({ backend: { type: 's3', config: { bucket: 'b', key: 'dev/x.tfstate', region: 'us-east-1' } } }),
  );
  expect(isInitialized(dir)).toBe(true);
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({ terraform: { backend: { s3: { ...backend.s3, key: 'dev/y.tfstate' } } } }));
  expect(isInitialized(dir)).toBe(false);
});

test('stacks without a state object are not deployed, without running Terraform', async () => {
  const seen: string[] = [];
  const results = await checkDrift(
    [
      { id: 'a', dir: '/nonexistent/a' },
      { id: 'b', dir: '/nonexistent/b' },
    ],
    {
      parallel: 2,
      env: {},
      deployed: new Set(),
      onStack: (r, done, total) => seen.push(progressLine({ ...r, ms: 0 }, done, total)),
    },
  );
  expect(results.map((r) => [r.stack, r.status])).toEqual([
    ['a', 'not deployed'],
    ['b', 'not deployed'],
  ]);
  expect(seen.sort()).toEqual(['drift: [1/2] a: not deployed in 0.0 s', 'drift: [2/2] b: not deployed in 0.0 s'].sort());
});

test('the table and the exit code', () => {
  const results: StackDrift[] = [
    { stack: 'dev-network-us-east-1', status: 'in sync', changes: [], ms: 1 },
    {
      stack: 'dev-consumer-web-us-east-1',
      status: 'drifted',
      ms: 1,
      changes: [
        { address: 'aws_route.tgw_to-tgw_FF667D08', action: 'create', outside: true, drift: 'deleted' },
        {
          address: 'aws_route53_zone_association.hub-zones_core-sts-association_7DEB1BDA',
          action: 'create',
          outside: true,
          drift: 'deleted',
        },
      ],
    },
  ];
  expect(formatDrift('dev', results)).toBe(
    [
      'Drift of dev (2 stacks):',
      'stack                       status   resources',
      '--------------------------  -------  ---------',
      'dev-network-us-east-1       in sync',
      'dev-consumer-web-us-east-1  drifted  aws_route.tgw_to-tgw_FF667D08 (deleted outside Terraform; plan: create)',
      '                                     aws_route53_zone_association.hub-zones_core-sts-association_7DEB1BDA (deleted outside Terraform; plan: create)',
      '1 in sync, 1 drifted, 0 not deployed, 0 error',
      '',
    ].join('\n'),
  );
  expect(driftExitCode(results)).toBe(2);
  expect(driftExitCode([results[0]])).toBe(0);
  expect(driftExitCode([...results, { stack: 'x', status: 'error', changes: [], error: 'e', ms: 0 }])).toBe(1);
});

test('ARNs: type, Terraform type, import id and delete line', () => {
  const cases = [
    ['arn:aws:ec2:us-east-1:444444444444:vpc/vpc-0abc', 'aws_vpc', 'vpc-0abc', 'aws ec2 delete-vpc --vpc-id vpc-0abc --region us-east-1'],
    [
      'arn:aws:logs:us-east-1:444444444444:log-group:/privatelink/dev-web/flow-logs-2026:*',
      'aws_cloudwatch_log_group',
      '/privatelink/dev-web/flow-logs-2026',
      'aws logs delete-log-group --log-group-name /privatelink/dev-web/flow-logs-2026 --region us-east-1',
    ],
    [
      'arn:aws:iam::444444444444:role/dev-web-flow-logs-2026',
      'aws_iam_role',
      'dev-web-flow-logs-2026',
      'aws iam delete-role --role-name dev-web-flow-logs-2026  # delete its inline policies first: aws iam list-role-policies --role-name dev-web-flow-logs-2026',
    ],
    [
      'arn:aws:elasticloadbalancing:us-east-1:333333333333:loadbalancer/net/x/123',
      'aws_lb',
      'arn:aws:elasticloadbalancing:us-east-1:333333333333:loadbalancer/net/x/123',
      'aws elbv2 delete-load-balancer --load-balancer-arn arn:aws:elasticloadbalancing:us-east-1:333333333333:loadbalancer/net/x/123 --region us-east-1',
    ],
    [
      'arn:aws:route53:::hostedzone/Z123',
      'aws_route53_zone',
      'Z123',
      'aws route53 delete-hosted-zone --id Z123  # delete its records and VPC associations first',
    ],
    [
      'arn:aws:sns:us-east-1:333333333333:dev-orders-endpoint-connections',
      'aws_sns_topic',
      'arn:aws:sns:us-east-1:333333333333:dev-orders-endpoint-connections',
      'aws sns delete-topic --topic-arn arn:aws:sns:us-east-1:333333333333:dev-orders-endpoint-connections --region us-east-1',
    ],
  ];
  for (const [arn, type, id, del] of cases) {
    const parsed = parseArn(arn)!;
    expect({ arn, type: terraformTypesOf(parsed)[0], id: importIdOf(parsed), del: deleteCommandOf(parsed) }).toEqual({
      arn,
      type,
      id,
      del,
    });
  }
  expect(parseArn('not-an-arn')).toBeUndefined();
});

test("a read-only role replaces each provider's assume_role through an override file", () => {
  const json = {
    provider: {
      aws: [
        {
          alias: 'consumer-us-east-1',
          region: 'us-east-1',
          allowed_account_ids: ['444444444444'],
          assume_role: [{ role_arn: 'arn:aws:iam::444444444444:role/privatelink-deploy' }],
        },
        { alias: 'network-us-east-1', region: 'us-east-1', allowed_account_ids: ['222222222222'] },
      ],
    },
  };
  expect(roleOverride(json, 'privatelink-readonly')).toEqual({
    provider: {
      aws: [
        {
          alias: 'consumer-us-east-1',
          assume_role: [{ role_arn: 'arn:aws:iam::444444444444:role/privatelink-readonly', session_name: 'privatelink-drift' }],
        },
        {
          alias: 'network-us-east-1',
          assume_role: [{ role_arn: 'arn:aws:iam::222222222222:role/privatelink-readonly', session_name: 'privatelink-drift' }],
        },
      ],
    },
  });
});
