/**
 * Terraform CLI configuration for the project's scripts and tests: point Terraform at an
 * offline provider mirror when one exists, so `terraform init` takes seconds and needs no
 * network. The mirror comes from `PRIVATELINK_TF_PROVIDER_MIRROR`, else from the usual
 * places a machine keeps one; with neither, Terraform uses the public registry. The mirror
 * path never enters the synthesized stacks.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const MIRROR_ENV_VAR = 'PRIVATELINK_TF_PROVIDER_MIRROR';
/** The provider the blueprint is generated for (@cdktf/provider-aws 20.1.0). */
export const AWS_PROVIDER = 'registry.terraform.io/hashicorp/aws/5.100.0';

const CANDIDATE_MIRRORS = [
  '/opt/tf-plugins',
  '/usr/local/share/terraform/plugins',
  '/usr/share/terraform/plugins',
  join(homedir(), '.terraform.d', 'plugins'),
  join(homedir(), '.local', 'share', 'terraform', 'plugins'),
];

/** The provider mirror to use: the env var's (which must hold the provider), else the first candidate that does. */
export function findProviderMirror(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env[MIRROR_ENV_VAR];
  if (configured) {
    if (!existsSync(join(configured, AWS_PROVIDER))) {
      throw new Error(
        `${MIRROR_ENV_VAR}=${configured} does not contain ${AWS_PROVIDER}; point it at the directory that holds registry.terraform.io/`,
      );
    }
    return resolve(configured);
  }
  return CANDIDATE_MIRRORS.find((dir) => existsSync(join(dir, AWS_PROVIDER)));
}

/**
 * Writes a Terraform CLI config into `dir` and returns the environment variables that make
 * Terraform use it (TF_CLI_CONFIG_FILE, no checkpoint calls).
 */
export function terraformEnv(dir: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  mkdirSync(dir, { recursive: true });
  const mirror = findProviderMirror(env);
  const lines: string[] = [];
  if (mirror) {
    // An unpacked mirror is symlinked into each stack's .terraform: no copy, no cache needed.
    lines.push(
      'provider_installation {',
      `  filesystem_mirror {`,
      `    path    = ${JSON.stringify(mirror)}`,
      `    include = ["registry.terraform.io/hashicorp/aws"]`,
      '  }',
      '  direct {',
      `    exclude = ["registry.terraform.io/hashicorp/aws"]`,
      '  }',
      '}',
    );
  } else {
    // From the public registry: download the provider once for all stacks.
    const cacheDir = join(dir, 'plugin-cache');
    mkdirSync(cacheDir, { recursive: true });
    lines.push(`plugin_cache_dir = ${JSON.stringify(cacheDir)}`);
  }
  const file = join(dir, 'terraform.tfrc');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return {
    ...env,
    TF_CLI_CONFIG_FILE: file,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
  };
}
