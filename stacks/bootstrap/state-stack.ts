/**
 * `<env>-bootstrap-state` (S3 state only): the state bucket of the environment's stacks and its
 * customer-managed key, in the state account and `state.region`. Versioned, encrypted by default
 * with the key (SSE-KMS, bucket key on), public access blocked, TLS only, noncurrent versions
 * expiring. The key (rotation on) gets the alias `state.kmsKeyId` names, so the S3 backend
 * encrypts state objects with it; without kmsKeyId it is `alias/<bucket>` and the backend asks
 * for SSE-S3 on each object it writes (set kmsKeyId to that alias to use the key). When kmsKeyId
 * names a key of your own (id or key ARN), the bucket is encrypted with it and no key is created:
 * its key policy is yours to keep.
 */
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { stateKeyPrefix } from '../../lib/config/topology';
import { policyDocument, type BootstrapSettings, type PolicyStatement } from '../../lib/iam';
import { BootstrapStack, type BootstrapStackProps } from './bootstrap-stack';

export interface StateStackProps extends BootstrapStackProps {
  readonly settings: BootstrapSettings;
}

/** The principals that run Terraform against the bucket: the trusted CI role, and `state.roleArn` when set. */
export function statePrincipals(settings: BootstrapSettings): string[] {
  const out = settings.trust.kind === 'principal' ? [settings.trust.arn] : [];
  const role = settings.state?.config.roleArn;
  if (role !== undefined && !out.includes(role)) out.push(role);
  return out;
}

export class StateStack extends BootstrapStack {
  readonly bucket: S3Bucket;
  /** The key the stack creates; undefined when `state.kmsKeyId` names a key of your own. */
  readonly key?: KmsKey;

  constructor(scope: Construct, id: string, props: StateStackProps) {
    super(scope, id, props);
    const { env, settings } = props;
    const state = settings.state;
    if (!state) throw new Error(`${id}: the environment does not keep its state in S3`);
    const { config, accountId } = state;
    const provider = this.adminProvider(accountId, config.region, settings.adminRoleName);
    const principals = statePrincipals(settings);
    const keyPrefix = stateKeyPrefix(env, config);

    const key =
      state.keyAlias === undefined
        ? undefined
        : new KmsKey(this, 'key', {
            provider,
            description: `${env.name}: Terraform state in s3://${config.bucket}`,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            policy: JSON.stringify(
              policyDocument([
                // Without this statement IAM policies of the account could not grant the key at all.
                {
                  Sid: 'AccountAdministersTheKey',
                  Effect: 'Allow',
                  Principal: { AWS: `arn:aws:iam::${accountId}:root` },
                  Action: 'kms:*',
                  Resource: '*',
                },
                ...(principals.length > 0
                  ? [
                      {
                        Sid: 'TerraformUsesTheKey',
                        Effect: 'Allow',
                        Principal: { AWS: principals.length === 1 ? principals[0] : principals },
                        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
                        Resource: '*',
                      } satisfies PolicyStatement,
                    ]
                  : []),
              ]),
            ),
            tags: { Name: `${config.bucket}-state` },
          });
    if (key) new KmsAlias(this, 'key-alias', { provider, name: state.keyAlias!, targetKeyId: key.keyId });
    this.key = key;
    const keyArn = key?.arn ?? config.kmsKeyId!;

    this.bucket = new S3Bucket(this, 'bucket', { provider, bucket: config.bucket, tags: { Name: config.bucket } });
    const versioning = new S3BucketVersioningA(this, 'versioning', {
      provider,
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider,
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: keyArn }, bucketKeyEnabled: true }],
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'public-access', {
      provider,
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const bucketArn = this.bucket.arn;
    new S3BucketPolicy(this, 'policy', {
      provider,
      bucket: this.bucket.id,
      policy: JSON.stringify(
        policyDocument([
          {
            Sid: 'TlsOnly',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Resource: [bucketArn, `${bucketArn}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
          ...(principals.length > 0
            ? [
                {
                  Sid: 'TerraformListsState',
                  Effect: 'Allow',
                  Principal: { AWS: principals },
                  Action: 's3:ListBucket',
                  Resource: bucketArn,
                } satisfies PolicyStatement,
                {
                  // State and S3-native lock files (<key>.tflock) of the environment's stacks.
                  Sid: 'TerraformReadsAndWritesState',
                  Effect: 'Allow',
                  Principal: { AWS: principals },
                  Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
                  Resource: `${bucketArn}/${keyPrefix}/*`,
                } satisfies PolicyStatement,
              ]
            : []),
        ]),
      ),
      // S3 rejects a bucket policy while the public access block is being changed.
      dependsOn: [publicAccess],
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      provider,
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-noncurrent-state-versions',
          status: 'Enabled',
          filter: [{}],
          noncurrentVersionExpiration: [{ noncurrentDays: state.noncurrentVersionExpirationDays }],
        },
      ],
      // Lifecycle rules on noncurrent versions need versioning on first.
      dependsOn: [versioning],
    });

    new TerraformOutput(this, 'bucket-name', { value: this.bucket.bucket });
    new TerraformOutput(this, 'key-arn', { value: keyArn });
  }
}
