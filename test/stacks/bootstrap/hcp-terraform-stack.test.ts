/**
 * The HCP Terraform bootstrap stack at synth level only: the tfe provider plugin is not in this
 * project's offline mirror, so `terraform validate` cannot run on it here.
 */
import { App } from 'cdktf';
import { dev } from '../../../environments/dev';
import { prod } from '../../../environments/prod';
import { synthesizeStacks } from '../../../lib/cdktf/internals';
import type { EnvironmentConfig } from '../../../lib/config/types';
import type { StackJson } from '../../../lib/iam';
import { buildBootstrap, synthesizeAppStacks } from '../../../stacks/bootstrap';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a deep clone the mutation may change freely, wrong types included
type Draft = any;

function variant(base: EnvironmentConfig, mutate: (env: Draft) => void): EnvironmentConfig {
  const env = structuredClone(base) as Draft;
  mutate(env);
  return env as EnvironmentConfig;
}

const cloudState = { kind: 'cloud', organization: 'acme', project: 'networking', workspacePrefix: 'pl-' };
const hcpProd = variant(prod, (e) => {
  e.state = cloudState;
  e.bootstrap = { trust: { kind: 'hcp-terraform', organization: 'acme' } };
});
const principalDev = variant(dev, (e) => (e.state = cloudState));

function hcpStack(env: EnvironmentConfig): StackJson {
  const app = new App();
  const boot = buildBootstrap(app, env);
  expect(boot.order[boot.order.length - 1]).toBe(`${env.name}-bootstrap-hcp-terraform`);
  return synthesizeStacks(app)[`${env.name}-bootstrap-hcp-terraform`];
}

const stack = hcpStack(hcpProd);
const resources = (type: string): Record<string, StackJson> => stack.resource?.[type] ?? {};
const ws = (id: string) => `\${tfe_workspace.workspace-${id}.id}`;
const appIds = Object.keys(synthesizeAppStacks(hcpProd)).sort();

describe('HCP Terraform bootstrap stack', () => {
  test('the tfe provider of the organization, pinned exactly, and the project looked up by name', () => {
    expect(stack.provider.tfe).toEqual([{ hostname: 'app.terraform.io', organization: 'acme' }]);
    expect(stack.terraform.required_providers.tfe).toEqual({ source: 'hashicorp/tfe', version: '0.70.0' });
    expect(stack.data.tfe_project.project).toMatchObject({ name: 'networking', organization: 'acme' });
  });

  test('one workspace per app stack, named as its cloud backend names it, in the project', () => {
    const workspaces = Object.values(resources('tfe_workspace'));
    expect(workspaces.map((w) => w.name).sort()).toEqual(appIds.map((id) => `pl-${id}`));
    for (const w of workspaces)
      expect(w).toMatchObject({ organization: 'acme', project_id: '${data.tfe_project.project.id}', queue_all_runs: false });
  });

  test('state is shared with the workspaces that read it, nothing else', () => {
    const settings = Object.fromEntries(Object.values(resources('tfe_workspace_settings')).map((s) => [s.workspace_id, s]));
    for (const s of Object.values(settings)) expect(s).toMatchObject({ global_remote_state: false, execution_mode: 'remote' });
    expect(settings[ws('prod-network-us-east-1')].remote_state_consumer_ids).toEqual([
      ws('prod-consumer-checkout-us-east-1'),
      ws('prod-consumer-staging-us-east-1'),
      ws('prod-peering-eu-west-1-us-east-1'),
    ]);
    expect(settings[ws('prod-network-eu-west-1')].remote_state_consumer_ids).toEqual([
      ws('prod-consumer-ledger-eu-eu-west-1'),
      ws('prod-peering-eu-west-1-us-east-1'),
    ]);
    expect(settings[ws('prod-provider-payments-us-east-1')].remote_state_consumer_ids).toEqual([
      ws('prod-consumer-checkout-us-east-1'),
      ws('prod-consumer-ledger-eu-eu-west-1'),
      ws('prod-consumer-staging-us-east-1'),
    ]);
    expect(settings[ws('prod-provider-fx-rates-eu-west-1')].remote_state_consumer_ids).toEqual([ws('prod-consumer-ledger-eu-eu-west-1')]);
    expect(settings[ws('prod-resource-ledger-db-us-east-1')].remote_state_consumer_ids).toEqual([ws('prod-consumer-checkout-us-east-1')]);
    for (const c of ['checkout-us-east-1', 'ledger-eu-eu-west-1', 'staging-us-east-1'])
      expect(settings[ws(`prod-consumer-${c}`)].remote_state_consumer_ids).toEqual([]);
    expect(settings[ws('prod-peering-eu-west-1-us-east-1')].remote_state_consumer_ids).toEqual([]);
  });

  test('run triggers in dependency order: each workspace is triggered by the workspaces it reads', () => {
    const triggers = Object.values(resources('tfe_run_trigger'))
      .map((t) => `${t.sourceable_id} -> ${t.workspace_id}`)
      .sort();
    expect(triggers).toEqual(
      [
        `${ws('prod-network-eu-west-1')} -> ${ws('prod-consumer-ledger-eu-eu-west-1')}`,
        `${ws('prod-network-eu-west-1')} -> ${ws('prod-peering-eu-west-1-us-east-1')}`,
        `${ws('prod-network-us-east-1')} -> ${ws('prod-consumer-checkout-us-east-1')}`,
        `${ws('prod-network-us-east-1')} -> ${ws('prod-consumer-staging-us-east-1')}`,
        `${ws('prod-network-us-east-1')} -> ${ws('prod-peering-eu-west-1-us-east-1')}`,
        `${ws('prod-provider-fx-rates-eu-west-1')} -> ${ws('prod-consumer-ledger-eu-eu-west-1')}`,
        `${ws('prod-provider-payments-us-east-1')} -> ${ws('prod-consumer-checkout-us-east-1')}`,
        `${ws('prod-provider-payments-us-east-1')} -> ${ws('prod-consumer-ledger-eu-eu-west-1')}`,
        `${ws('prod-provider-payments-us-east-1')} -> ${ws('prod-consumer-staging-us-east-1')}`,
        `${ws('prod-resource-ledger-db-us-east-1')} -> ${ws('prod-consumer-checkout-us-east-1')}`,
      ].sort(),
    );
  });

  test('dynamic-credential variables per account of each workspace, plus the untagged default', () => {
    const vars = (id: string) =>
      Object.fromEntries(
        Object.values(resources('tfe_variable'))
          .filter((v) => v.workspace_id === ws(id))
          .map((v) => [v.key, v.value]),
      );
    for (const v of Object.values(resources('tfe_variable'))) expect(v).toMatchObject({ category: 'env' });
    expect(vars('prod-consumer-ledger-eu-eu-west-1')).toEqual({
      TFC_AWS_PROVIDER_AUTH: 'true',
      TFC_AWS_RUN_ROLE_ARN: 'arn:aws:iam::555555555555:role/privatelink-deploy',
      TFC_AWS_PROVIDER_AUTH_ACCOUNT_222222222222: 'true',
      TFC_AWS_RUN_ROLE_ARN_ACCOUNT_222222222222: 'arn:aws:iam::222222222222:role/privatelink-deploy',
      TFC_AWS_PROVIDER_AUTH_ACCOUNT_333333333333: 'true',
      TFC_AWS_RUN_ROLE_ARN_ACCOUNT_333333333333: 'arn:aws:iam::333333333333:role/privatelink-deploy',
      TFC_AWS_PROVIDER_AUTH_ACCOUNT_555555555555: 'true',
      TFC_AWS_RUN_ROLE_ARN_ACCOUNT_555555555555: 'arn:aws:iam::555555555555:role/privatelink-deploy',
      TFC_AWS_PROVIDER_AUTH_ACCOUNT_777777777777: 'true',
      TFC_AWS_RUN_ROLE_ARN_ACCOUNT_777777777777: 'arn:aws:iam::777777777777:role/privatelink-deploy',
    });
    expect(vars('prod-peering-eu-west-1-us-east-1')).toEqual({
      TFC_AWS_PROVIDER_AUTH: 'true',
      TFC_AWS_RUN_ROLE_ARN: 'arn:aws:iam::222222222222:role/privatelink-deploy',
      TFC_AWS_PROVIDER_AUTH_ACCOUNT_222222222222: 'true',
      TFC_AWS_RUN_ROLE_ARN_ACCOUNT_222222222222: 'arn:aws:iam::222222222222:role/privatelink-deploy',
    });
  });

  test('with principal trust and cloud state: workspaces, sharing and triggers, no credential variables', () => {
    const s = hcpStack(principalDev);
    expect(Object.keys(s.resource.tfe_workspace)).toHaveLength(4);
    expect(Object.keys(s.resource.tfe_run_trigger)).toHaveLength(4);
    expect(s.resource.tfe_variable).toBeUndefined();
    expect(s.data?.tfe_project?.project.name).toBe('networking');
  });
});

describe('app stacks with cloud state and HCP Terraform dynamic credentials', () => {
  const apps = synthesizeAppStacks(hcpProd);

  test("declare tfc_aws_dynamic_credentials, and each provider reads its account's shared config file instead of assuming the role", () => {
    const consumer = apps['prod-consumer-ledger-eu-eu-west-1'];
    expect(consumer.variable.tfc_aws_dynamic_credentials.type).toBe(
      'object({ default = object({ shared_config_file = string }), aliases = map(object({ shared_config_file = string })) })',
    );
    for (const p of consumer.provider.aws) {
      expect(p.assume_role).toBeUndefined();
      expect(p.shared_config_files).toEqual([
        `\${var.tfc_aws_dynamic_credentials.aliases["ACCOUNT_${p.allowed_account_ids[0]}"].shared_config_file}`,
      ]);
    }
  });

  test('with principal trust the stacks keep assuming the deploy role and declare no variable', () => {
    const consumer = synthesizeAppStacks(principalDev)['dev-consumer-web-us-east-1'];
    expect(consumer.variable).toBeUndefined();
    expect(consumer.provider.aws[0].assume_role).toEqual([
      { role_arn: 'arn:aws:iam::444444444444:role/privatelink-deploy', session_name: 'dev-privatelink-blueprint' },
    ]);
  });

  test("an environment's app stacks are the same with and without a bootstrap section, but for the flow-log roles' boundary", () => {
    for (const env of [dev, prod]) {
      const without = variant(env, (e) => delete e.bootstrap);
      const withBootstrap = JSON.stringify(synthesizeAppStacks(env));
      expect(withBootstrap.match(/"permissions_boundary":/g)?.length).toBeGreaterThan(0);
      expect(withBootstrap.replace(/"permissions_boundary":"[^"]*",/g, '')).toBe(JSON.stringify(synthesizeAppStacks(without)));
    }
  });
});
