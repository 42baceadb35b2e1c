import { dev } from '../../environments/dev';
import { prod } from '../../environments/prod';
import type { EnvironmentConfig } from '../../lib/config/types';
import { Testing } from 'cdktf';
import { BlueprintStack } from '../../stacks/blueprint-stack';
import { synthJson } from '../support/synth';

describe('remote state', () => {
  test('S3: every stack has its own key, encryption, the KMS key and S3 native locking', () => {
    const stacks = synthJson(prod, dev);
    expect(Object.keys(stacks)).toHaveLength(13);
    for (const [id, stack] of Object.entries(stacks)) {
      const env = id.startsWith('prod-') ? prod : dev;
      expect(stack.terraform.backend).toEqual({
        s3: expect.objectContaining({
          bucket: (env.state as { bucket: string }).bucket,
          key: `${env.name}/${id}.tfstate`,
          region: 'us-east-1',
          encrypt: true,
          use_lockfile: true,
        }),
      });
    }
    expect(stacks['prod-network-us-east-1'].terraform.backend.s3.kms_key_id).toBe('alias/privatelink-tfstate');
  });

  test('S3: a role for the state bucket is used by the backend and by remote-state reads', () => {
    const env: EnvironmentConfig = {
      ...dev,
      state: { kind: 's3', bucket: 'b-state', region: 'us-east-1', keyPrefix: 'pl/dev', roleArn: 'arn:aws:iam::999999999999:role/tfstate' },
    };
    const consumer = synthJson(env)['dev-consumer-web-us-east-1'];
    expect(consumer.terraform.backend.s3).toMatchObject({
      key: 'pl/dev/dev-consumer-web-us-east-1.tfstate',
      assume_role: { role_arn: 'arn:aws:iam::999999999999:role/tfstate' },
    });
    const remote = consumer.data.terraform_remote_state['cross-stack-reference-input-dev-network-us-east-1'];
    expect(remote.config).toMatchObject({
      key: 'pl/dev/dev-network-us-east-1.tfstate',
      assume_role: { role_arn: 'arn:aws:iam::999999999999:role/tfstate' },
    });
  });

  test('Terraform Cloud: one workspace per stack in the configured project', () => {
    const env: EnvironmentConfig = {
      ...dev,
      state: { kind: 'cloud', organization: 'acme', project: 'networking', workspacePrefix: 'pl-' },
    };
    const stacks = synthJson(env);
    for (const [id, stack] of Object.entries(stacks)) {
      expect(stack.terraform.cloud).toEqual({ organization: 'acme', workspaces: { name: `pl-${id}`, project: 'networking' } });
      expect(stack.terraform.backend).toBeUndefined();
    }
    const remote = stacks['dev-consumer-web-us-east-1'].data.terraform_remote_state['cross-stack-reference-input-dev-network-us-east-1'];
    expect(remote).toMatchObject({ backend: 'remote', config: { organization: 'acme', workspaces: { name: 'pl-dev-network-us-east-1' } } });
  });
});

describe('providers', () => {
  test('one label and region always means one account', () => {
    const stack = new BlueprintStack(Testing.app(), 'dev-test', { env: dev, role: 'test' });
    const first = stack.awsProvider('consumer', '444444444444', 'us-east-1');
    expect(stack.awsProvider('consumer', '444444444444', 'us-east-1')).toBe(first);
    expect(() => stack.awsProvider('consumer', '555555555555', 'us-east-1')).toThrow(
      "dev-test: provider 'consumer-us-east-1' already acts in account 444444444444; use another label for account 555555555555",
    );
  });
});
