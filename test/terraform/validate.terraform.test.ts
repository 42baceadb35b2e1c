import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environments } from '../../environments';
import { mapLimit, run } from '../../lib/cli/run';
import { terraformEnv } from '../../lib/cli/terraform-cli';
import { synthText } from '../support/synth';

jest.setTimeout(600_000);

const outdir = mkdtempSync(join(tmpdir(), 'pl-validate-'));
const stackIds = Object.keys(synthText(environments, outdir));
const env = terraformEnv(join(outdir, '.terraform-cli'));

describe('terraform validate', () => {
  let results: Record<string, { init: string; validate: string; ok: boolean }> = {};

  beforeAll(async () => {
    // The provider schema load dominates; two stacks at a time on a 2-core machine.
    const done = await mapLimit(stackIds, 2, async (id) => {
      const cwd = join(outdir, 'stacks', id);
      const init = await run('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd, env, timeoutMs: 180_000 });
      const validate = init.code === 0 ? await run('terraform', ['validate', '-no-color'], { cwd, env, timeoutMs: 180_000 }) : undefined;
      return [
        id,
        {
          init: init.code === 0 ? 'ok' : `${init.stdout}${init.stderr}`,
          validate: validate ? `${validate.stdout}${validate.stderr}` : 'not run',
          ok: validate?.code === 0,
        },
      ] as const;
    });
    results = Object.fromEntries(done);
  });

  test('every environment synthesizes stacks', () => {
    expect(stackIds.filter((id) => id.startsWith('dev-')).length).toBeGreaterThanOrEqual(4);
    expect(stackIds.filter((id) => id.startsWith('prod-')).length).toBeGreaterThanOrEqual(7);
  });

  test.each(stackIds)('%s passes terraform validate', (id) => {
    expect({ id, ...results[id] }).toEqual(expect.objectContaining({ id, init: 'ok', ok: true }));
    expect(results[id].validate).toContain('The configuration is valid');
  });
});
