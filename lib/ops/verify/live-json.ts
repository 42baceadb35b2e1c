/**
 * Live AWS state in the shape of synthesized Terraform JSON, so the connectivity model of
 * `npm run check` (lib/reports/connectivity) computes the live matrix unchanged: one "stack" per
 * value of the resources' `stack` tag, one resource per AWS object named by its id, one provider
 * per account and region, and references between objects written as Terraform references (within
 * a stack) or cross-stack remote-state outputs (between stacks), exactly as cdktf writes them.
 */
import type { JsonObject, StackJson } from '../../reports/connectivity/json';

/** The stack of objects that carry no `stack` tag (created outside the blueprint). */
export const UNTRACKED_STACK = 'untracked';

const REF = Symbol('ref');
/** A reference to another object by its AWS id (or ARN), resolved when the JSON is built. */
export interface Ref {
  readonly [REF]: true;
  readonly id: string;
  readonly attr: string;
}

export function ref(id: string, attr = 'id'): Ref {
  return { [REF]: true, id, attr };
}

const isRef = (v: unknown): v is Ref => typeof v === 'object' && v !== null && REF in v;

export interface Place {
  readonly account: string;
  readonly region: string;
}

interface Entry {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  readonly config: Record<string, unknown>;
  readonly place: Place;
}

/** A Terraform resource name for an AWS id or ARN (its last path segment, made safe). */
export function nameOf(id: string): string {
  const tail = id.startsWith('arn:') ? id.slice(id.lastIndexOf('/') + 1).replace(/^.*:/, '') : id;
  return tail.replace(/[^A-Za-z0-9_-]/g, '_') || 'unnamed';
}

export class LiveJson {
  private readonly entries = new Map<string, Entry>();
  private readonly names = new Map<string, Set<string>>();
  /** What was read about an object besides its configuration (a connection pending, an endpoint rejected). */
  readonly notes = new Map<string, string[]>();

  has(id: string): boolean {
    return this.entries.has(id);
  }

  stackOf(id: string): string | undefined {
    return this.entries.get(id)?.stack;
  }

  /** Adds an object once (the first read wins: cross-account objects are seen from both sides). */
  add(stack: string | undefined, type: string, id: string, place: Place, config: Record<string, unknown>): void {
    if (this.entries.has(id)) return;
    const taken = this.names.get(type) ?? new Set<string>();
    let name = nameOf(id);
    for (let i = 2; taken.has(name); i++) name = `${nameOf(id)}_${i}`;
    taken.add(name);
    this.names.set(type, taken);
    this.entries.set(id, { stack: stack ?? UNTRACKED_STACK, type, name, config, place });
  }

  note(id: string, text: string): void {
    const list = this.notes.get(id) ?? [];
    if (!list.includes(text)) list.push(text);
    this.notes.set(id, list);
  }

  /** Endpoints name customer endpoint services by service name: point them at the service objects read. */
  resolveServiceNames(serviceIdByName: ReadonlyMap<string, string>): Map<string, string> {
    const serviceOf = new Map<string, string>();
    for (const [id, e] of this.entries) {
      const name = e.config.service_name;
      if (e.type !== 'aws_vpc_endpoint' || typeof name !== 'string' || !serviceIdByName.has(name)) continue;
      e.config.service_name = ref(serviceIdByName.get(name)!);
      serviceOf.set(id, serviceIdByName.get(name)!);
    }
    return serviceOf;
  }

  /** The ids and stacks of the objects of one type. */
  idsOf(type: string): { id: string; stack: string }[] {
    return [...this.entries].filter(([, e]) => e.type === type).map(([id, e]) => ({ id, stack: e.stack }));
  }

  /** The resource name an object got (what the model's messages show). */
  nameOf(id: string): string | undefined {
    return this.entries.get(id)?.name;
  }

  /** The JSON of every stack. */
  build(): Record<string, StackJson> {
    const stacks = new Map<
      string,
      {
        resource: Record<string, Record<string, JsonObject>>;
        output: Record<string, JsonObject>;
        remote: Record<string, JsonObject>;
        providers: Map<string, JsonObject>;
      }
    >();
    const stackOf = (id: string) => {
      let s = stacks.get(id);
      if (!s) {
        s = { resource: {}, output: {}, remote: {}, providers: new Map() };
        stacks.set(id, s);
      }
      return s;
    };
    const alias = (p: Place) => `a${p.account}_${p.region}`;
    const resolve = (from: string, value: unknown): unknown => {
      if (isRef(value)) {
        const target = this.entries.get(value.id);
        if (!target) return value.id;
        const expr = `${target.type}.${target.name}.${value.attr}`;
        if (target.stack === from) return `\${${expr}}`;
        const output = `live_${target.type}_${target.name}_${value.attr}`.replace(/[^A-Za-z0-9_-]/g, '_');
        stackOf(target.stack).output[output] = { value: `\${${expr}}` };
        const remote = `cross-stack-reference-input-${target.stack}`;
        stackOf(from).remote[remote] = { backend: 'live', config: {} };
        return `\${data.terraform_remote_state.${remote}.outputs.${output}}`;
      }
      if (Array.isArray(value)) return value.map((v) => resolve(from, v));
      if (typeof value === 'object' && value !== null)
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(from, v)]));
      return value;
    };
    for (const e of this.entries.values()) {
      const s = stackOf(e.stack);
      s.providers.set(alias(e.place), { alias: alias(e.place), region: e.place.region, allowed_account_ids: [e.place.account] });
      (s.resource[e.type] ??= {})[e.name] = { ...(resolve(e.stack, e.config) as JsonObject), provider: `aws.${alias(e.place)}` };
    }
    const out: Record<string, StackJson> = {};
    for (const [id, s] of [...stacks].sort(([a], [b]) => a.localeCompare(b))) {
      out[id] = {
        provider: { aws: [...s.providers.values()] },
        resource: s.resource,
        ...(Object.keys(s.remote).length > 0 && { data: { terraform_remote_state: s.remote } }),
        ...(Object.keys(s.output).length > 0 && { output: s.output }),
      };
    }
    return out;
  }
}
