/**
 * Reading the synthesized JSON: every resource and data source of every stack under one
 * canonical address (`<stack>/<type>.<name>`, `<stack>/data.<type>.<name>`), and references
 * resolved across stacks: `${data.terraform_remote_state.<name>.outputs.<output>}` leads to the
 * output's value in the origin stack, so a reference names the same address whichever stack
 * reads it.
 */
import { at, isObject, list, obj, str, type JsonObject, type StackJson } from './json';

/** One resource or data source of one stack. */
export interface Resource {
  /** `<stack>/<type>.<name>`, or `<stack>/data.<type>.<name>`. */
  readonly addr: string;
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  readonly data: boolean;
  readonly config: JsonObject;
}

/** What a reference names: a canonical address and the attribute read from it. */
export interface Ref {
  readonly addr: string;
  readonly attr?: string;
}

const EXPR_RE = /^\$\{(data\.)?([A-Za-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\.(.+?))?\}$/;
/** References inside a longer expression: `${element(aws_subnet.a.*.id, 0)}`. */
const EMBEDDED_RE = /\b(data\.)?(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;
const REMOTE_STATE_PREFIX = 'cross-stack-reference-input-';

/** An address without the construct hash cdktf appends to resource names: easier to read. */
export function short(addr: string): string {
  return addr.replace(/_[0-9A-F]{8}(?=$|\.)/, '');
}

/** Resources of every stack, and references resolved across stacks. */
export class ConfigIndex {
  private readonly byAddr = new Map<string, Resource>();
  private readonly byType = new Map<string, Resource[]>();

  constructor(readonly stacks: Readonly<Record<string, StackJson>>) {
    // Stacks in sorted order, so every report is the same whatever order the stacks come in.
    for (const stack of Object.keys(stacks).sort()) {
      const json = stacks[stack];
      for (const [kind, data] of [
        ['resource', false],
        ['data', true],
      ] as const) {
        for (const [type, byName] of Object.entries(obj(json[kind]))) {
          for (const [name, config] of Object.entries(obj(byName))) {
            if (!isObject(config)) continue;
            const addr = `${stack}/${data ? 'data.' : ''}${type}.${name}`;
            const resource: Resource = { addr, stack, type, name, data, config };
            this.byAddr.set(addr, resource);
            const ofType = this.byType.get(type) ?? [];
            ofType.push(resource);
            this.byType.set(type, ofType);
          }
        }
      }
    }
  }

  get(addr: string | undefined): Resource | undefined {
    return addr === undefined ? undefined : this.byAddr.get(addr);
  }

  /** Every resource (or data source) of a Terraform type, by stack id, then in the stack's order. */
  ofType(type: string): readonly Resource[] {
    return this.byType.get(type) ?? [];
  }

  all(): IterableIterator<Resource> {
    return this.byAddr.values();
  }

  /**
   * The resource a value refers to. Remote-state outputs lead to the origin stack's output
   * value; an attribute that echoes an argument of its resource (an accepter's
   * `transit_gateway_attachment_id`, an authorization's `zone_id`) leads to that argument.
   */
  ref(stack: string, value: unknown, depth = 0): Ref | undefined {
    if (typeof value !== 'string' || depth > 8) return undefined;
    const m = EXPR_RE.exec(value);
    if (!m) return undefined;
    const [, data, type, name, attr] = m;
    if (data && type === 'terraform_remote_state') {
      const output = attr?.startsWith('outputs.') ? attr.slice('outputs.'.length) : undefined;
      const origin = this.originOf(stack, name);
      const outputValue = origin !== undefined && output !== undefined ? at(this.stacks[origin], 'output', output, 'value') : undefined;
      return this.ref(origin ?? stack, outputValue, depth + 1);
    }
    const addr = `${stack}/${data ? 'data.' : ''}${type}.${name}`;
    const echoed = attr !== undefined ? this.byAddr.get(addr)?.config[attr] : undefined;
    if (typeof echoed === 'string' && EXPR_RE.test(echoed)) return this.ref(stack, echoed, depth + 1) ?? { addr, attr };
    return { addr, attr };
  }

  /** The canonical address a value refers to, or the literal value itself (a string), or undefined. */
  id(stack: string, value: unknown): string | undefined {
    if (typeof value !== 'string') return undefined;
    return this.ref(stack, value)?.addr ?? value;
  }

  /** Canonical addresses of the ids in a list value (`security_group_ids`, `subnet_ids`). */
  ids(stack: string, value: unknown): string[] {
    return list(value).flatMap((v) => {
      const id = this.id(stack, v);
      return id === undefined ? [] : [id];
    });
  }

  /** Every address a resource's configuration refers to, at any depth and inside expressions. */
  referencesOf(resource: Resource): Set<string> {
    const found = new Set<string>();
    const walk = (value: unknown): void => {
      if (typeof value === 'string') {
        const whole = this.ref(resource.stack, value);
        if (whole) {
          found.add(whole.addr);
          return;
        }
        if (!value.includes('${')) return;
        for (const m of value.matchAll(EMBEDDED_RE)) {
          const ref = this.ref(resource.stack, `\${${m[0]}}`);
          if (ref) found.add(ref.addr);
        }
      } else if (Array.isArray(value)) {
        value.forEach(walk);
      } else if (isObject(value)) {
        for (const [key, v] of Object.entries(value)) if (key !== 'depends_on' && key !== 'provider') walk(v);
      }
    };
    walk(resource.config);
    return found;
  }

  private originOf(stack: string, remoteState: string): string | undefined {
    if (remoteState.startsWith(REMOTE_STATE_PREFIX)) {
      const origin = remoteState.slice(REMOTE_STATE_PREFIX.length);
      if (this.stacks[origin]) return origin;
    }
    // Otherwise match the remote state's backend key with each stack's own backend.
    const key = str(at(this.stacks[stack], 'data', 'terraform_remote_state', remoteState, 'config', 'key'));
    if (key === undefined) return undefined;
    return Object.keys(this.stacks).find((s) => str(at(this.stacks[s], 'terraform', 'backend', 's3', 'key')) === key);
  }

  /** The provider block a resource uses: its `provider` alias, or the stack's only AWS provider. */
  private providerOf(resource: Resource): JsonObject | undefined {
    const alias = (str(resource.config.provider) ?? 'aws').replace(/^aws\.?/, '');
    const providers = list(at(this.stacks[resource.stack], 'provider', 'aws')).filter(isObject);
    return providers.find((p) => (str(p.alias) ?? '') === alias) ?? (providers.length === 1 ? providers[0] : undefined);
  }

  /** The account a resource is created in: the first of its provider's `allowed_account_ids`. */
  accountOf(resource: Resource): string | undefined {
    const first = list(this.providerOf(resource)?.allowed_account_ids)[0];
    return typeof first === 'string' || typeof first === 'number' ? String(first) : undefined;
  }

  /** The region a resource is created in: its provider's `region`. */
  regionOf(resource: Resource): string | undefined {
    return str(this.providerOf(resource)?.region);
  }
}
