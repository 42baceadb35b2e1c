import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dev } from '../../environments/dev';
import { prod } from '../../environments/prod';
import type { EnvironmentConfig } from '../../lib/config/types';
import { synthesizeEnvironments } from '../../stacks/synthesize';

const outdir = () => join(mkdtempSync(join(tmpdir(), 'pl-app-')), 'cdktf.out');

describe('synthesizeEnvironments (what main.ts runs)', () => {
  test('shipped environments synthesize every stack', () => {
    const dir = outdir();
    const reported: string[] = [];
    expect(synthesizeEnvironments([dev, prod], { outdir: dir, report: (t) => reported.push(t) })).toBe(true);
    expect(readdirSync(join(dir, 'stacks'))).toHaveLength(13);
    expect(reported).toEqual([]);
  });

  test('an invalid environment reports every problem and writes nothing, not even the valid ones', () => {
    const dir = outdir();
    const reported: string[] = [];
    const bad: EnvironmentConfig = {
      ...dev,
      consumers: [
        { ...dev.consumers[0], accountId: '4444' },
        { ...dev.consumers[1], cidr: '10.64.0.0/22' },
      ],
    };
    expect(synthesizeEnvironments([prod, bad], { outdir: dir, report: (t) => reported.push(t) })).toBe(false);
    expect(existsSync(dir)).toBe(false);
    expect(reported.join('')).toBe(
      [
        '3 configuration problems:',
        "dev: consumers[\"web\"].accountId: '4444' is not a 12-digit AWS account id; use the account's 12-digit id as a string, e.g. '123456789012'",
        "dev: consumers[\"batch\"].cidr: '10.64.0.0/22' is outside the ranges of segment 'nonprod' ('10.66.0.0/16'); pick a block inside them or add a range to segments[\"nonprod\"].cidrs",
        'dev: consumers["batch"].cidr: \'10.64.0.0/22\' overlaps network.hubs["us-east-1"].cidr \'10.64.0.0/22\'; give every VPC of the environment its own address range',
        '',
      ].join('\n'),
    );
  });
});
