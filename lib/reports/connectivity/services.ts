/**
 * How a VPC reaches a service of the catalog, from the synthesized JSON:
 *
 * - published: through an interface endpoint whose `service_name` refers to the service's
 *   `aws_vpc_endpoint_service`, when the service allows the endpoint's account (an allowed
 *   principal or `allowed_principals`), the connection is accepted (an accepter, or acceptance not
 *   required), a cross-region endpoint names the service's region (`service_region`) and the
 *   service supports the endpoint's region, and the NLB's security group, when it filters
 *   PrivateLink traffic, admits the source on a service port;
 * - external: through an interface endpoint to one of the vendor's literal service names (cross
 *   region with `service_region`); allowing and accepting the connection is the vendor's business;
 * - resource: through an endpoint of type `Resource` whose `resource_configuration_arn` refers to
 *   the service's `aws_vpclattice_resource_configuration`, in the same region, when the endpoint's
 *   account is a principal of a RAM share that holds the configuration.
 * In every case the endpoint's security group must admit the source on some of the service's
 * ports, and from a VPC other than the endpoint's, routing must allow the round trip. The ports a
 * cell shows are all those the endpoint's security group admits from the source.
 */
import type { EnvironmentConfig, ServiceConfig } from '../../config/types';
import { organizationArn, servicePorts, stackIds, type NamedService } from '../../config/topology';
import { short, type ConfigIndex, type Resource } from './config-index';
import { str, strings } from './json';
import type { NetworkModel, Reach } from './network-model';
import { formatPorts, overlaps, tcp, type PortRange } from './ports';
import type { SecurityGroups, Source } from './security-groups';

/** A catalog service and what of it the JSON holds. */
export interface ServiceTarget {
  readonly service: NamedService;
  /** `aws_vpc_endpoint_service` (published) or `aws_vpclattice_resource_configuration` (resource). */
  readonly resource?: Resource;
  /** The VPCs the service runs in (the NLB's, the resource gateway's). */
  readonly vpcs: ReadonlySet<string>;
  /** The service's ports, as TCP ranges. */
  readonly ports: readonly PortRange[];
}

/** One endpoint to a service and whether the service side lets it connect. */
export interface EndpointLink {
  readonly endpoint: Resource;
  readonly vpc?: string;
  /** Why the connection cannot be made, from the service side; empty when it can. */
  readonly problems: readonly string[];
  /** How the connection is made, for the cell's `why`. */
  readonly how: string;
}

export interface ServiceCell {
  readonly reach: Reach;
  readonly why: string;
  /** Ports the endpoint's security group admits from the source (when an endpoint is usable). */
  readonly ports?: readonly PortRange[];
  /** The endpoint the cell goes through. */
  readonly endpoint?: string;
}

const vpcEndpointType = (e: Resource): string => str(e.config.vpc_endpoint_type) ?? 'Gateway';

/** The catalog's services with their resources, VPCs and endpoints. */
export class CatalogModel {
  readonly targets: readonly ServiceTarget[];
  private readonly links = new Map<string, EndpointLink[]>();

  constructor(
    private readonly env: EnvironmentConfig,
    private readonly index: ConfigIndex,
    private readonly model: NetworkModel,
    private readonly groups: SecurityGroups,
    services: readonly NamedService[],
  ) {
    this.targets = services.map((service) => this.targetOf(service));
    for (const target of this.targets) this.links.set(target.service.name, this.linksOf(target));
  }

  private targetOf(service: NamedService): ServiceTarget {
    const ports = tcp(servicePorts(service.config));
    if (service.config.kind === 'external') return { service, vpcs: new Set(), ports };
    const stack = stackIds.service(this.env, { name: service.name, config: service.config });
    if (service.config.kind === 'published') {
      const resource = this.index.ofType('aws_vpc_endpoint_service').find((s) => s.stack === stack);
      const vpcs = new Set(
        (resource ? this.index.ids(resource.stack, resource.config.network_load_balancer_arns) : []).flatMap((arn) => {
          const lb = this.index.get(arn);
          return lb ? this.index.ids(lb.stack, lb.config.subnets).flatMap((s) => this.model.vpcOfSubnet(s) ?? []) : [];
        }),
      );
      return { service, resource, vpcs, ports };
    }
    const resource = this.index.ofType('aws_vpclattice_resource_configuration').find((s) => s.stack === stack);
    const gateway = resource ? this.index.get(this.index.id(resource.stack, resource.config.resource_gateway_identifier)) : undefined;
    const vpc = gateway ? this.index.id(gateway.stack, gateway.config.vpc_id) : undefined;
    return { service, resource, vpcs: new Set(vpc !== undefined && this.model.vpcs.has(vpc) ? [vpc] : []), ports };
  }

  /** The endpoints to a service anywhere in the environment, each with the service side's verdict. */
  endpointsTo(service: string): readonly EndpointLink[] {
    return this.links.get(service) ?? [];
  }

  private linksOf(target: ServiceTarget): EndpointLink[] {
    const config = target.service.config;
    return this.index.ofType('aws_vpc_endpoint').flatMap((endpoint) => {
      const type = vpcEndpointType(endpoint);
      const vpc = this.index.id(endpoint.stack, endpoint.config.vpc_id);
      if (config.kind === 'resource') {
        if (type !== 'Resource' || !target.resource) return [];
        if (this.index.id(endpoint.stack, endpoint.config.resource_configuration_arn) !== target.resource.addr) return [];
        return [{ endpoint, vpc, ...this.resourceLink(target.resource, endpoint) }];
      }
      if (type !== 'Interface') return [];
      if (config.kind === 'published') {
        if (!target.resource || this.index.id(endpoint.stack, endpoint.config.service_name) !== target.resource.addr) return [];
        return [{ endpoint, vpc, ...this.publishedLink(target.resource, endpoint) }];
      }
      const name = str(endpoint.config.service_name);
      const region = Object.keys(config.serviceNames)
        .sort()
        .find((r) => config.serviceNames[r] === name);
      if (region === undefined) return [];
      return [{ endpoint, vpc, ...this.externalLink(config.vendor ?? target.service.name, region, endpoint) }];
    });
  }

  /** Allowed principal, accepted connection, cross-region settings. */
  private publishedLink(service: Resource, endpoint: Resource): { problems: string[]; how: string } {
    const account = this.index.accountOf(endpoint);
    const principals = [
      ...strings(service.config.allowed_principals),
      ...this.index
        .ofType('aws_vpc_endpoint_service_allowed_principal')
        .filter((p) => this.index.id(p.stack, p.config.vpc_endpoint_service_id) === service.addr)
        .flatMap((p) => str(p.config.principal_arn) ?? []),
    ];
    const problems: string[] = [];
    if (!principals.some((p) => p === '*' || (account !== undefined && p.startsWith(`arn:aws:iam::${account}:`)))) {
      problems.push(`the service does not allow account ${account ?? '(unknown)'}`);
    }
    const accepted =
      service.config.acceptance_required === false ||
      this.index
        .ofType('aws_vpc_endpoint_connection_accepter')
        .some(
          (a) =>
            this.index.id(a.stack, a.config.vpc_endpoint_id) === endpoint.addr &&
            this.index.id(a.stack, a.config.vpc_endpoint_service_id) === service.addr,
        );
    if (!accepted) problems.push('the connection is never accepted (acceptance required, no accepter)');
    const serviceRegion = this.index.regionOf(service);
    const endpointRegion = this.index.regionOf(endpoint);
    let how = 'accepted by the owner';
    if (serviceRegion !== undefined && endpointRegion !== undefined && serviceRegion !== endpointRegion) {
      how = `cross-region from ${serviceRegion}; ${how}`;
      if (str(endpoint.config.service_region) !== serviceRegion)
        problems.push(`the endpoint in ${endpointRegion} does not name service_region ${serviceRegion}`);
      if (!strings(service.config.supported_regions).includes(endpointRegion))
        problems.push(`the service does not support ${endpointRegion} (supported_regions)`);
    }
    return { problems, how };
  }

  private externalLink(vendor: string, nameRegion: string, endpoint: Resource): { problems: string[]; how: string } {
    const endpointRegion = this.index.regionOf(endpoint);
    const problems: string[] = [];
    let how = `acceptance is the vendor's (${vendor})`;
    if (endpointRegion !== undefined && endpointRegion !== nameRegion) {
      how = `cross-region from ${nameRegion}; ${how}`;
      if (str(endpoint.config.service_region) !== nameRegion)
        problems.push(`the endpoint in ${endpointRegion} does not name service_region ${nameRegion}`);
    }
    return { problems, how };
  }

  /** A RAM share holding the configuration, with the endpoint's account as a principal; same region. */
  private resourceLink(configuration: Resource, endpoint: Resource): { problems: string[]; how: string } {
    const account = this.index.accountOf(endpoint);
    const org = organizationArn(this.env);
    const shares = this.index
      .ofType('aws_ram_resource_association')
      .filter((a) => this.index.id(a.stack, a.config.resource_arn) === configuration.addr)
      .flatMap((a) => this.index.id(a.stack, a.config.resource_share_arn) ?? []);
    const granting = shares.filter((share) =>
      this.index.ofType('aws_ram_principal_association').some((p) => {
        if (this.index.id(p.stack, p.config.resource_share_arn) !== share) return false;
        const principal = str(p.config.principal);
        return (
          principal !== undefined &&
          (principal === account || principal === org || (account !== undefined && principal.startsWith(`arn:aws:iam::${account}:`)))
        );
      }),
    );
    const problems: string[] = [];
    if (shares.length === 0) problems.push('no RAM share holds the resource configuration');
    else if (granting.length === 0)
      problems.push(
        `account ${account ?? '(unknown)'} is not a principal of a RAM share holding the resource configuration (${shares.map(short).join(', ')})`,
      );
    const configRegion = this.index.regionOf(configuration);
    const endpointRegion = this.index.regionOf(endpoint);
    if (configRegion !== undefined && endpointRegion !== undefined && configRegion !== endpointRegion) {
      problems.push(`the endpoint is in ${endpointRegion}, the resource in ${configRegion} (resource endpoints do not cross regions)`);
    }
    return { problems, how: `shared through RAM: ${granting.map(short).join(', ') || 'no share'}` };
  }

  /** How the source VPC reaches a service: through the first usable endpoint, its own VPC's first. */
  cell(src: Source, target: ServiceTarget): ServiceCell {
    if (target.vpcs.has(src.vpc)) return { reach: 'self', why: 'the service runs in this VPC' };
    const config = target.service.config;
    if (config.kind !== 'external' && !target.resource) {
      const type = config.kind === 'published' ? 'aws_vpc_endpoint_service' : 'aws_vpclattice_resource_configuration';
      return { reach: 'no', why: `no ${type} in ${stackIds.service(this.env, { name: target.service.name, config })}` };
    }
    const links = [...this.endpointsTo(target.service.name)].sort((a, b) => Number(b.vpc === src.vpc) - Number(a.vpc === src.vpc));
    const own = links.some((l) => l.vpc === src.vpc);
    const reasons: string[] = own ? [] : [`no endpoint to ${target.service.name} in this VPC`];
    for (const link of links) {
      const name = short(link.endpoint.addr);
      // With an endpoint of its own, why another VPC's endpoint does not serve the source is noise.
      const note = (reason: string) => {
        if (!own || link.vpc === src.vpc) reasons.push(reason);
      };
      if (link.problems.length > 0) {
        note(`${name}: ${link.problems.join('; ')}`);
        continue;
      }
      const ports = this.groups.admittedBy(link.endpoint, link.vpc, src);
      if (ports.length === 0) {
        note(`${name}: its security group admits nothing from ${src.cidr}`);
        continue;
      }
      if (!overlaps(ports, target.ports)) {
        note(
          `${name}: its security group admits ${formatPorts(ports)} from ${src.cidr}, none of the service's ports (${formatPorts(target.ports)})`,
        );
        continue;
      }
      const nlb = this.nlbProblem(target, src);
      if (nlb !== undefined) {
        note(`${name}: ${nlb}`);
        continue;
      }
      const path: { reach: Reach; why: string } =
        link.vpc === undefined ? { reach: 'no', why: 'the endpoint has no VPC' } : this.model.reach(src.vpc, link.vpc);
      if (path.reach !== 'yes' && path.reach !== 'self') {
        note(`${name}: ${path.why}`);
        continue;
      }
      const via = path.reach === 'self' ? '' : `; routed to ${short(link.vpc ?? '')} (${path.why})`;
      return { reach: 'yes', why: `${kindLabel(config)} via ${name}; ${link.how}${via}`, ports, endpoint: link.endpoint.addr };
    }
    return { reach: 'no', why: reasons.join('; ') };
  }

  /**
   * With `enforce_security_group_inbound_rules_on_private_link_traffic` on (AWS's default for an
   * NLB with security groups), the NLB's groups see the client's address and must admit it.
   */
  private nlbProblem(target: ServiceTarget, src: Source): string | undefined {
    if (target.service.config.kind !== 'published' || !target.resource) return undefined;
    for (const arn of this.index.ids(target.resource.stack, target.resource.config.network_load_balancer_arns)) {
      const lb = this.index.get(arn);
      if (!lb || str(lb.config.enforce_security_group_inbound_rules_on_private_link_traffic) === 'off') continue;
      const groups = this.groups.groupsOf(lb);
      if (groups.length === 0) continue;
      const admitted = this.groups.admitted(groups, src);
      if (!overlaps(admitted, target.ports))
        return `the NLB's security group (${groups.map(short).join(', ')}) does not admit ${src.cidr} on ${formatPorts(target.ports)}`;
    }
    return undefined;
  }
}

function kindLabel(config: ServiceConfig): string {
  return config.kind === 'resource' ? 'resource endpoint' : 'PrivateLink';
}
