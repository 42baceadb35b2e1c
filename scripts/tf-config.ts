/**
 * `npm run -s tf-config`: writes a Terraform CLI config that uses the offline provider mirror
 * (PRIVATELINK_TF_PROVIDER_MIRROR, else the usual mirror directories, else the public registry)
 * and prints the line that makes Terraform and cdktf use it:
 *
 *   eval "$(npm run -s tf-config)" && npx cdktf deploy 'dev-*' --skip-provider-lock
 */
import { join, resolve } from 'node:path';
import { findProviderMirror, terraformEnv } from '../lib/cli/terraform-cli';

const dir = resolve(__dirname, '..', '.terraform-cli');
const env = terraformEnv(dir);
const mirror = findProviderMirror();
process.stderr.write(
  mirror ? `tf-config: provider mirror ${mirror}\n` : 'tf-config: no provider mirror found; Terraform will use the public registry\n',
);
process.stdout.write(`export TF_CLI_CONFIG_FILE=${JSON.stringify(env.TF_CLI_CONFIG_FILE ?? join(dir, 'terraform.tfrc'))}\n`);
