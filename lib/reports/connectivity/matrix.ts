/**
 * The connectivity matrix of one environment: rows are the VPCs flows start from (every consumer,
 * every published or resource service's own VPC, every hub) and every on-premises network,
 * columns what they reach (every catalog service, each hub's centralized endpoints, every
 * consumer, every on-premises network, the internet). A hub's zones reach a spoke through a zone
 * association or through the Route 53 Profile the spoke is associated with.
 *
 * A hub VPC holds only what the blueprint's stacks declare, so when nothing in it can open
 * connections (endpoints and network plumbing only), its routes to other VPCs carry replies and
 * nothing else: such cells are `routed`, not `yes`. Consumer and service VPCs hold workloads the
 * blueprint does not see, so routing decides for them.
 */
import type { EnvironmentConfig } from '../../config/types';
import { hubRegions, onPremisesNetworks, services, SERVICE_STACK_ROLE, stackIds } from '../../config/topology';
import { ConfigIndex, short, type Resource } from './config-index';
import { checkInvariants } from './invariants';
import { list, isObject, str, type StackJson } from './json';
import { NetworkModel, onPremisesNodeId, type Reach } from './network-model';
import type { PortRange } from './ports';
import { SecurityGroups } from './security-groups';
import { CatalogModel, type ServiceTarget } from './services';

export interface Cell {
  readonly reach: Reach;
  /** How (for `yes`) or why not. */
  readonly why: string;
  /** Hub zones associated with the source VPC, for the endpoint columns: `3/6`. */
  readonly zones?: string;
  /** Service columns: the ports the endpoint's security group admits from the source. */
  readonly ports?: readonly PortRange[];
}

export interface ConnectivityReport {
  readonly env: string;
  /** `consumer:<name>`, `provider:<service>`, `resource:<service>`, `hub:<region>`, `onprem:<name>`. */
  readonly rows: readonly string[];
  /** `service:<name>`, `endpoints:<region>`, `consumer:<name>`, `onprem:<name>`, `internet`. */
  readonly columns: readonly string[];
  readonly cells: Readonly<Record<string, Readonly<Record<string, Cell>>>>;
  readonly violations: readonly string[];
}

export type RowRole = 'consumer' | 'provider' | 'resource' | 'hub' | 'onprem';

/** A row: the VPC of one stack, or an on-premises network (its `vpc` is the model's `onprem:<name>` node). */
export interface Row {
  readonly id: string;
  readonly role: RowRole;
  /** Consumer, service or on-premises network name, or hub region. */
  readonly name: string;
  readonly stack: string;
  readonly vpc?: string;
  readonly cidr?: string;
}

export type Column =
  | { readonly id: string; readonly kind: 'service'; readonly target: ServiceTarget }
  | { readonly id: string; readonly kind: 'endpoints'; readonly region: string }
  | { readonly id: string; readonly kind: 'consumer'; readonly row: Row }
  | { readonly id: string; readonly kind: 'onprem'; readonly row: Row }
  | { readonly id: string; readonly kind: 'internet' };

/** Everything computed about one environment, for the invariants. */
export interface Analysis {
  readonly env: EnvironmentConfig;
  readonly index: ConfigIndex;
  readonly model: NetworkModel;
  readonly groups: SecurityGroups;
  readonly catalog: CatalogModel;
  readonly rows: readonly Row[];
  readonly columns: readonly Column[];
  readonly cells: Readonly<Record<string, Readonly<Record<string, Cell>>>>;
  /** Whether a private hosted zone is associated with a VPC (inline `vpc` blocks or associations). */
  zoneAssociated(zone: Resource, vpc: string): boolean;
  /** The row whose VPC this is. */
  rowOfVpc(vpc: string | undefined): Row | undefined;
}

const ok = (reach: Reach): boolean => reach === 'yes' || reach === 'self';

/**
 * Computes the connectivity matrix of one environment from its stacks' synthesized JSON (keyed
 * by stack id) and checks the design's invariants.
 */
export function analyzeConnectivity(env: EnvironmentConfig, stacks: Readonly<Record<string, StackJson>>): ConnectivityReport {
  const analysis = analyze(env, stacks);
  return {
    env: env.name,
    rows: analysis.rows.map((r) => r.id),
    columns: analysis.columns.map((c) => c.id),
    cells: analysis.cells,
    violations: checkInvariants(analysis),
  };
}

/** The model and the cells of one environment. */
export function analyze(env: EnvironmentConfig, stacks: Readonly<Record<string, StackJson>>): Analysis {
  const index = new ConfigIndex(stacks);
  const model = new NetworkModel(index, onPremisesNetworks(env));
  const groups = new SecurityGroups(index);
  const catalog = new CatalogModel(env, index, model, groups, services(env));

  const row = (id: string, role: RowRole, name: string, stack: string): Row => {
    const vpc = index.ofType('aws_vpc').find((v) => v.stack === stack && model.vpcs.has(v.addr))?.addr;
    return { id, role, name, stack, vpc, cidr: vpc === undefined ? undefined : model.vpcs.get(vpc)?.cidr };
  };
  const rows: Row[] = [
    ...env.consumers.map((c) => row(`consumer:${c.name}`, 'consumer', c.name, stackIds.consumer(env, c))),
    ...services(env).flatMap((s) => {
      if (s.config.kind === 'external') return [];
      const role = SERVICE_STACK_ROLE[s.config.kind];
      return [row(`${role}:${s.name}`, role, s.name, stackIds.service(env, { name: s.name, config: s.config }))];
    }),
    ...hubRegions(env).map((r) => row(`hub:${r}`, 'hub', r, stackIds.network(env, r))),
    ...onPremisesNetworks(env).map((n): Row => {
      const node = onPremisesNodeId(n.name);
      return { id: node, role: 'onprem', name: n.name, stack: stackIds.network(env, n.config.region), vpc: node, cidr: model.cidrOf(node) };
    }),
  ];
  const columns: Column[] = [
    ...catalog.targets.map((target) => ({ id: `service:${target.service.name}`, kind: 'service', target }) as const),
    ...hubRegions(env).map((region) => ({ id: `endpoints:${region}`, kind: 'endpoints', region }) as const),
    ...rows.filter((r) => r.role === 'consumer').map((r) => ({ id: r.id, kind: 'consumer', row: r }) as const),
    ...rows.filter((r) => r.role === 'onprem').map((r) => ({ id: r.id, kind: 'onprem', row: r }) as const),
    { id: 'internet', kind: 'internet' },
  ];

  const zoneAssociated = (zone: Resource, vpc: string): boolean => {
    if (list(zone.config.vpc).some((v) => isObject(v) && index.id(zone.stack, v.vpc_id) === vpc)) return true;
    if (
      index
        .ofType('aws_route53_zone_association')
        .some((a) => index.id(a.stack, a.config.zone_id) === zone.addr && index.id(a.stack, a.config.vpc_id) === vpc)
    )
      return true;
    // Through the Route 53 Profile associated with the VPC (a VPC takes one).
    const profiles = index
      .ofType('aws_route53profiles_association')
      .filter((a) => index.id(a.stack, a.config.resource_id) === vpc)
      .map((a) => index.id(a.stack, a.config.profile_id));
    return (
      profiles.length > 0 &&
      index
        .ofType('aws_route53profiles_resource_association')
        .some((r) => profiles.includes(index.id(r.stack, r.config.profile_id)) && index.id(r.stack, r.config.resource_arn) === zone.addr)
    );
  };

  const endpointsCell = (src: { vpc: string; cidr: string; role: RowRole }, region: string): Cell => {
    const hub = stackIds.network(env, region);
    const endpoints = index.ofType('aws_vpc_endpoint').filter((e) => e.stack === hub && str(e.config.vpc_endpoint_type) === 'Interface');
    const zones = index.ofType('aws_route53_zone').filter((z) => z.stack === hub);
    // On-premises resolves the hub's names through its Resolver inbound endpoint, not zones of its own.
    const zoneText = src.role === 'onprem' ? undefined : `${zones.filter((z) => zoneAssociated(z, src.vpc)).length}/${zones.length}`;
    if (endpoints.length === 0) return { reach: 'no', why: 'no centralized endpoints', zones: zoneText };
    const endpointVpc = index.id(hub, endpoints[0].config.vpc_id);
    if (endpointVpc === undefined) return { reach: 'no', why: 'the endpoints have no VPC', zones: zoneText };
    const path = model.reach(src.vpc, endpointVpc);
    if (!ok(path.reach)) return { reach: path.reach, why: path.why, zones: zoneText };
    if (groups.admittedBy(endpoints[0], endpointVpc, src).length === 0) {
      return { reach: 'no', why: `the endpoints' security group admits nothing from ${src.cidr}`, zones: zoneText };
    }
    return { reach: path.reach, why: path.reach === 'self' ? 'the endpoints are in this VPC' : path.why, zones: zoneText };
  };

  const cellFor = (src: Row & { vpc: string; cidr: string }, column: Column): Cell => {
    switch (column.kind) {
      case 'internet':
        return model.internet(src.vpc);
      case 'consumer':
      case 'onprem':
        return column.row.vpc === undefined ? { reach: 'no', why: `no VPC in ${column.row.stack}` } : model.reach(src.vpc, column.row.vpc);
      case 'service': {
        const cell = catalog.cell(src, column.target);
        return cell.ports === undefined ? { reach: cell.reach, why: cell.why } : { reach: cell.reach, why: cell.why, ports: cell.ports };
      }
      case 'endpoints':
        return endpointsCell(src, column.region);
    }
  };

  /** A hub that holds nothing able to open connections only carries replies. */
  const initiated = (src: Row & { vpc: string }, column: Column, cell: Cell): Cell => {
    if (src.role !== 'hub' || column.kind === 'internet' || (cell.reach !== 'yes' && cell.reach !== 'one-way')) return cell;
    const destination = column.kind === 'consumer' || column.kind === 'onprem' ? column.row.vpc : undefined;
    const initiators = model.initiators(
      src.vpc,
      destination === undefined ? undefined : (model.onPremises.get(destination)?.cidrs ?? [model.cidrOf(destination) ?? '']),
    );
    if (initiators.length > 0) return { ...cell, why: `${cell.why}; opened by ${initiators.map(short).join(', ')}` };
    const idle = `nothing in ${short(src.vpc)} opens connections (it holds endpoints and network plumbing only)`;
    return cell.reach === 'yes'
      ? { ...cell, reach: 'routed', why: `${idle}; the routes carry replies: ${cell.why}` }
      : { ...cell, reach: 'no', why: `${idle}; one-way routes: ${cell.why}` };
  };

  const cells: Record<string, Record<string, Cell>> = {};
  for (const r of rows) {
    cells[r.id] = {};
    for (const column of columns) {
      const { vpc, cidr } = r;
      cells[r.id][column.id] =
        vpc === undefined || cidr === undefined
          ? { reach: 'no', why: `no VPC in ${r.stack}` }
          : initiated({ ...r, vpc }, column, cellFor({ ...r, vpc, cidr }, column));
    }
  }

  const rowOfVpc = (vpc: string | undefined): Row | undefined => (vpc === undefined ? undefined : rows.find((r) => r.vpc === vpc));
  return { env, index, model, groups, catalog, rows, columns, cells, zoneAssociated, rowOfVpc };
}
