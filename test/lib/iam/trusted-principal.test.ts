import { dev } from '../../../environments/dev';
import type { EnvironmentConfig } from '../../../lib/config/types';
import { trustedPrincipalPolicy } from '../../../lib/iam';

describe('trustedPrincipalPolicy: what the CI role needs of its own', () => {
  it('dev (S3 state, the bootstrap key by alias): the deploy roles, the bucket, its own state folder, the key by alias', () => {
    expect(trustedPrincipalPolicy(dev).Statement).toEqual([
      { Sid: 'AssumeTheDeployRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::*:role/${dev.deployRoleName}` },
      { Sid: 'ListTheStateBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::acme-privatelink-tfstate-dev' },
      {
        Sid: 'StateAndLockFiles',
        Effect: 'Allow',
        Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        Resource: 'arn:aws:s3:::acme-privatelink-tfstate-dev/dev/*',
      },
      {
        Sid: 'UseTheStateKey',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
        Resource: `arn:aws:kms:us-east-1:${dev.network.accountId}:key/*`,
        Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/acme-privatelink-tfstate-dev' } },
      },
    ]);
  });

  it('a key given by ARN is granted by ARN; a key prefix moves the state folder', () => {
    const key = 'arn:aws:kms:us-east-1:222222222222:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
    const env: EnvironmentConfig = { ...dev, state: { kind: 's3', bucket: 'b', region: 'us-east-1', kmsKeyId: key, keyPrefix: 'net/dev' } };
    const statements = trustedPrincipalPolicy(env).Statement;
    expect(statements.find((s) => s.Sid === 'UseTheStateKey')).toEqual({
      Sid: 'UseTheStateKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
      Resource: key,
    });
    expect(statements.find((s) => s.Sid === 'StateAndLockFiles')?.Resource).toBe('arn:aws:s3:::b/net/dev/*');
  });

  it('state through a role of its own: the CI role assumes it instead of touching the bucket; cloud state: the deploy roles only', () => {
    const viaRole: EnvironmentConfig = {
      ...dev,
      state: { kind: 's3', bucket: 'b', region: 'us-east-1', roleArn: 'arn:aws:iam::123456789012:role/tfstate' },
    };
    expect(trustedPrincipalPolicy(viaRole).Statement.map((s) => [s.Sid, s.Resource])).toEqual([
      ['AssumeTheDeployRoles', `arn:aws:iam::*:role/${dev.deployRoleName}`],
      ['AssumeTheStateRole', 'arn:aws:iam::123456789012:role/tfstate'],
    ]);
    const cloud: EnvironmentConfig = { ...dev, bootstrap: undefined, state: { kind: 'cloud', organization: 'acme' } };
    expect(trustedPrincipalPolicy(cloud).Statement.map((s) => s.Sid)).toEqual(['AssumeTheDeployRoles']);
  });
});
