/**
 * terraform validate of what the shipped environments do not deploy: a Direct Connect gateway
 * association (with the expression that reads its TGW attachment), a static-route VPN, and the
 * forwarding rules associated directly by a consumer (zone-associations mode), in prod variants.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prod } from '../../environments/prod';
import { mapLimit, run } from '../../lib/cli/run';
import { terraformEnv } from '../../lib/cli/terraform-cli';
import type { EnvironmentConfig } from '../../lib/config/types';
import { assertValid } from '../../lib/config/validate';
import { synthText } from '../support/synth';

jest.setTimeout(600_000);

const variant: EnvironmentConfig = {
  ...prod,
  name: 'hybrid',
  network: {
    ...prod.network,
    dns: 'zone-associations+profiles',
    hubs: { ...prod.network.hubs, 'us-east-1': { ...prod.network.hubs['us-east-1'], asn: 64520 } },
    onPremises: {
      ...prod.network.onPremises,
      colo: {
        region: 'us-east-1',
        cidrs: ['192.168.64.0/18'],
        reach: { segments: ['prod'] },
        directConnect: { gatewayId: '5f294f92-bafb-4011-916d-9b0b6e0a1c2d', allowedPrefixes: ['10.0.0.0/21', '10.16.0.0/15'] },
      },
      office: {
        region: 'eu-west-1',
        cidrs: ['192.168.10.0/24'],
        reach: { segments: ['prod'] },
        vpn: { customerGatewayIp: '198.51.100.7', bgpAsn: 4200000001, staticRoutesOnly: true },
        forwardDomains: ['office.example.com'],
        dnsServers: ['192.168.10.10'],
      },
    },
  },
};
const STACKS = ['hybrid-network-us-east-1', 'hybrid-network-eu-west-1', 'hybrid-consumer-ledger-eu-eu-west-1'];

const outdir = mkdtempSync(join(tmpdir(), 'pl-hybrid-validate-'));
const env = terraformEnv(join(outdir, '.terraform-cli'));

describe('terraform validate of the hybrid variants', () => {
  let results: Record<string, string> = {};

  beforeAll(async () => {
    assertValid([variant]);
    synthText([variant], outdir);
    const done = await mapLimit(STACKS, 2, async (id) => {
      const cwd = join(outdir, 'stacks', id);
      const init = await run('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd, env, timeoutMs: 180_000 });
      if (init.code !== 0) return [id, `init: ${init.stdout}${init.stderr}`] as const;
      const validate = await run('terraform', ['validate', '-no-color'], { cwd, env, timeoutMs: 180_000 });
      return [id, `${validate.stdout}${validate.stderr}`] as const;
    });
    results = Object.fromEntries(done);
  });

  test.each(STACKS)('%s passes terraform validate', (id) => {
    expect({ id, output: results[id] }).toEqual({ id, output: expect.stringContaining('The configuration is valid') });
  });
});
