/** Checks of the environment-wide settings: organization, deploy role, tags, state, retention, prices. */
import { CLOUDWATCH_LOG_RETENTION_DAYS } from '../../aws/catalog';
import { parseCidr } from '../../net/cidr';
import {
  IAM_ROLE_ARN_RE,
  IAM_ROLE_NAME_RE,
  KMS_KEY_RE,
  ORG_ID_RE,
  TAG_CHARS_RE,
  TFC_NAME_RE,
  cidrMessage,
  describe,
  isDnsName,
  isObject,
  isValidBucketName,
  key,
  show,
  field,
  type Checker,
} from './checker';
import { FIELDS } from './fields';

/** Tag keys the blueprint sets on every resource itself. */
const RESERVED_TAG_KEYS = ['environment', 'stack', 'stack-role'];

export function checkOrganization(c: Checker, v: unknown): void {
  const org = c.object('organization', v, 'give { id, managementAccountId, cidr }');
  if (!org) return;
  c.unknownFields('organization', org, FIELDS.organization);
  const id = c.string('organization.id', org.id, "use the AWS Organizations id, e.g. 'o-a1b2c3d4e5'");
  if (id !== undefined && !ORG_ID_RE.test(id)) {
    c.add(
      'organization.id',
      `'${id}' is not an AWS Organizations id; use 'o-' followed by 10-32 lowercase letters or digits, e.g. 'o-a1b2c3d4e5'`,
    );
  }
  c.accountId('organization.managementAccountId', org.managementAccountId);
  const cidr = c.string('organization.cidr', org.cidr, "give the aggregate CIDR every VPC lives in, e.g. '10.0.0.0/8'");
  if (cidr !== undefined) {
    if (parseCidr(cidr)) c.facts.orgCidr = cidr;
    else c.add('organization.cidr', cidrMessage(cidr));
  }
}

export function checkDeployRole(c: Checker, v: unknown): void {
  const role = c.string('deployRoleName', v, "give the IAM role name assumed in every account, e.g. 'privatelink-deploy'");
  if (role !== undefined && !IAM_ROLE_NAME_RE.test(role)) {
    c.add('deployRoleName', `'${role}' is not a valid IAM role name; use 1-64 letters, digits and + = , . @ _ - (no slashes or spaces)`);
  }
}

export function checkTags(c: Checker, v: unknown): void {
  if (v === undefined) return;
  if (!isObject(v)) {
    c.add('tags', `must be an object of tag names to values, not ${describe(v)}`);
    return;
  }
  for (const [k, value] of Object.entries(v)) {
    const p = key('tags', k);
    if (k.length === 0) c.add(p, 'an empty tag key is not allowed; give the tag a name of 1-128 characters');
    else if (k.length > 128) c.add(p, `the key is ${k.length} characters long; tag keys may have at most 128`);
    if (RESERVED_TAG_KEYS.includes(k)) {
      c.add(p, `'${k}' is set by the blueprint on every resource; remove it from tags`);
    } else if (k.toLowerCase().startsWith('aws:')) {
      c.add(p, `'${k}' starts with 'aws:', which AWS reserves; rename the tag`);
    } else if (!TAG_CHARS_RE.test(k)) {
      c.add(p, `'${k}' has characters AWS does not allow in tag keys; use letters, digits, spaces and _ . : / = + - @`);
    }
    if (typeof value !== 'string') {
      c.add(p, `must be a string, not ${describe(value)}`);
    } else if (value.length > 256) {
      c.add(p, `the value is ${value.length} characters long; tag values may have at most 256`);
    } else if (!TAG_CHARS_RE.test(value)) {
      c.add(p, `'${value}' has characters AWS does not allow in tag values; use letters, digits, spaces and _ . : / = + - @`);
    }
  }
}

export function checkState(c: Checker, v: unknown): void {
  const state = c.object('state', v, "give { kind: 's3', bucket, region } or { kind: 'cloud', organization }");
  if (!state) return;
  const kind = state.kind;
  if (kind === 's3') {
    c.unknownFields('state', state, FIELDS.s3);
    const bucket = c.string('state.bucket', state.bucket, "give the name of the state bucket, e.g. 'acme-privatelink-tfstate'");
    if (bucket !== undefined && !isValidBucketName(bucket)) {
      c.add(
        'state.bucket',
        `'${bucket}' is not a valid S3 bucket name; use 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, without '..' and not shaped like an IP address`,
      );
    }
    c.region('state.region', state.region);
    const prefix = c.optionalString('state.keyPrefix', state.keyPrefix);
    if (prefix !== undefined) {
      const trimmed = prefix.replace(/^\/+|\/+$/g, '');
      if (trimmed === '') c.add('state.keyPrefix', `'${prefix}' is empty; omit keyPrefix to use the environment name`);
      else if (trimmed !== prefix) c.add('state.keyPrefix', `'${prefix}' must not start or end with '/'; use '${trimmed}'`);
    }
    const kms = c.optionalString('state.kmsKeyId', state.kmsKeyId);
    if (kms !== undefined && !KMS_KEY_RE.test(kms)) {
      c.add(
        'state.kmsKeyId',
        `'${kms}' is not a KMS key ARN, alias or key id; use e.g. 'alias/tfstate' or 'arn:aws:kms:us-east-1:123456789012:key/<key id>'`,
      );
    }
    const role = c.optionalString('state.roleArn', state.roleArn);
    if (role !== undefined && !IAM_ROLE_ARN_RE.test(role)) {
      c.add('state.roleArn', `'${role}' is not an IAM role ARN; use 'arn:aws:iam::<12-digit account>:role/<role name>'`);
    }
  } else if (kind === 'cloud') {
    c.unknownFields('state', state, FIELDS.cloud);
    const org = c.string('state.organization', state.organization, 'give the Terraform Cloud organization name');
    if (org !== undefined && !TFC_NAME_RE.test(org)) {
      c.add('state.organization', `'${org}' is not a valid Terraform Cloud organization name; use letters, digits, '_' and '-'`);
    }
    const project = c.optionalString('state.project', state.project);
    if (project !== undefined && project.trim() === '') {
      c.add('state.project', "is empty; give the project name or omit project to use the organization's default project");
    }
    const prefix = c.optionalString('state.workspacePrefix', state.workspacePrefix);
    if (prefix !== undefined && !/^[A-Za-z0-9_-]*$/.test(prefix)) {
      c.add('state.workspacePrefix', `'${prefix}' has characters workspace names cannot hold; use letters, digits, '_' and '-'`);
    }
    const host = c.optionalString('state.hostname', state.hostname);
    if (host !== undefined && !isDnsName(host)) {
      c.add(
        'state.hostname',
        `'${host}' is not a valid host name; use e.g. 'app.terraform.io' or your Terraform Enterprise host (no scheme or path)`,
      );
    }
  } else if (kind === undefined) {
    c.add('state.kind', "is required; use 's3' or 'cloud'");
  } else {
    c.add('state.kind', `${show(kind)} is not a supported state backend; use 's3' or 'cloud'`);
  }
}

export function checkFlowLogRetention(c: Checker, v: unknown): void {
  if (v === undefined) return;
  if (typeof v !== 'number') {
    c.add('flowLogRetentionDays', `must be a number, not ${describe(v)}`);
  } else if (!CLOUDWATCH_LOG_RETENTION_DAYS.includes(v)) {
    c.add(
      'flowLogRetentionDays',
      `${v} is not a retention period CloudWatch Logs accepts; use one of ${CLOUDWATCH_LOG_RETENTION_DAYS.join(', ')}`,
    );
  }
}

export function checkPrices(c: Checker, v: unknown): void {
  if (v === undefined) return;
  if (!isObject(v)) {
    c.add('prices', `must be an object of price overrides by region, not ${describe(v)}`);
    return;
  }
  for (const region of Object.keys(v)) {
    const p = key('prices', region);
    c.knownRegion(p, region);
    const overrides = c.object(p, v[region], 'give price overrides such as { nlbHour: 0.0225 }');
    if (!overrides) continue;
    c.unknownFields(p, overrides, FIELDS.prices);
    for (const f of FIELDS.prices) {
      const price = overrides[f];
      if (price === undefined) continue;
      if (typeof price !== 'number') c.add(field(p, f), `must be a number, not ${describe(price)}`);
      else if (!Number.isFinite(price) || price < 0) c.add(field(p, f), `${price} is not a valid price; use a finite number of USD >= 0`);
    }
  }
}
