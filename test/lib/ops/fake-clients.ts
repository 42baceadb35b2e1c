/** A ClientFactory answering from recorded calls (client class, account, region, command, input). */
import type { ClientFactory, SendClient } from '../../../lib/ops/aws';

export interface RecordedCall {
  readonly client: string;
  readonly account: string;
  readonly region: string;
  readonly command: string;
  readonly input: unknown;
  readonly output?: unknown;
  readonly error?: string;
}

const canonical = (v: unknown): string =>
  JSON.stringify(v, (_, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));

/** Replays `calls`; a call that was not recorded fails with what was asked. `sent` collects every call made. */
export function replay(calls: readonly RecordedCall[], sent: string[] = []): ClientFactory {
  return (<C extends SendClient>(ctor: new (c: never) => C, account: string, region: string): C =>
    ({
      send: async (command: { constructor: { name: string }; input: unknown }) => {
        const key = `${ctor.name} ${account}/${region} ${command.constructor.name} ${canonical(JSON.parse(JSON.stringify(command.input ?? {})))}`;
        sent.push(key);
        const hit = calls.find((c) => `${c.client} ${c.account}/${c.region} ${c.command} ${canonical(c.input)}` === key);
        if (!hit) throw Object.assign(new Error(`not recorded: ${key}`), { name: 'NotRecorded' });
        if (hit.error) throw Object.assign(new Error(hit.error), { name: hit.error });
        return hit.output;
      },
    }) as unknown as C) as ClientFactory;
}

/** A factory from handlers per command name (the first argument is the input). */
export function fake(
  handlers: Record<string, (input: Record<string, unknown>, where: { account: string; region: string }) => unknown>,
  sent: string[] = [],
): ClientFactory {
  return (<C extends SendClient>(_ctor: unknown, account: string, region: string): C =>
    ({
      send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        sent.push(`${account}/${region} ${command.constructor.name}`);
        const h = handlers[command.constructor.name];
        if (!h) throw Object.assign(new Error(`no fake for ${command.constructor.name}`), { name: 'NoFake' });
        return h(command.input, { account, region });
      },
    }) as unknown as C) as ClientFactory;
}
