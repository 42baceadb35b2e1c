/**
 * Checks of the service catalog: every service by kind (published, external, resource). What
 * the consumer checks need to know of each service is returned as {@link ServiceFacts}.
 */
import { azSlot, azSubnetCidr, cidrContainsIp, parseCidr, parseIp } from '../../net/cidr';
import {
  ACCOUNT_RE,
  ACM_ARN_RE,
  DNS_SAFE_FIX,
  DNS_SAFE_RE,
  HOSTED_ZONE_ID_RE,
  describe,
  field,
  isDnsName,
  isObject,
  key,
  orList,
  quoteList,
  show,
  type Checker,
  type Obj,
} from './checker';
import { FIELDS, RESOURCE_TARGET_FIELDS } from './fields';

const KINDS = ['published', 'external', 'resource'] as const;
type Kind = (typeof KINDS)[number];

/** What consumers' checks need to know of a valid-enough service. */
export interface ServiceFacts {
  readonly name: string;
  readonly kind: Kind;
  /** Path of the service, `services["x"]`. */
  readonly path: string;
  /** Owner account (published, resource), when valid. */
  readonly accountId?: string;
  /** Region (published, resource), when valid. */
  readonly region?: string;
  /** The valid AZs of the service's VPC (published: where its NLB is; resource: its gateway). */
  readonly azs?: readonly string[];
  /** Published: explicit supported regions that are valid; undefined when the default (every hub region) applies. */
  readonly supportedRegions?: readonly string[];
  /** External: regions with a service name of their own. */
  readonly serviceNameRegions?: readonly string[];
  /** External: the region consumers elsewhere reach cross-region, when valid. */
  readonly serviceRegion?: string;
  /** External: regions the vendor accepts cross-region connections from. */
  readonly crossRegionFrom?: readonly string[];
}

const VENDOR_SERVICE_NAME_RE = /^com\.amazonaws\.vpce\.([a-z0-9-]+)\.vpce-svc-[0-9a-f]{17}$/;
/** An RDS database or cluster ARN: the resources AWS supports as ARN-type resource configurations. */
const RDS_ARN_RE = /^arn:aws[a-z-]*:rds:([a-z0-9-]+):(\d{12}):(db|cluster):[a-z][a-z0-9-]*$/;
const PORT_RANGE_RE = /^(\d{1,5})(?:-(\d{1,5}))?$/;
const RECORD_LABEL_RE = /^(?:\*|[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Checks `services` and returns the facts of each service whose name and kind are usable. */
export function checkServices(c: Checker, v: unknown): Map<string, ServiceFacts> {
  const facts = new Map<string, ServiceFacts>();
  if (v === undefined) return facts;
  if (!isObject(v)) {
    c.add('services', `must be an object of services by name, e.g. { payments: { kind: 'published', ... } }, not ${describe(v)}`);
    return facts;
  }
  for (const name of Object.keys(v)) {
    const p = key('services', name);
    const nameOk = DNS_SAFE_RE.test(name);
    if (!nameOk) c.add(p, `'${name}' is not a DNS-safe service name; ${DNS_SAFE_FIX} (it names the service's stack and resources)`);
    const svc = c.object(p, v[name], "give { kind: 'published' | 'external' | 'resource', ... }");
    if (!svc) continue;
    const kind = svc.kind;
    if (kind === undefined) {
      c.add(field(p, 'kind'), `is required; use ${orList(KINDS)}`);
      continue;
    }
    if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
      c.add(field(p, 'kind'), `${show(kind)} is not a service kind; use ${orList(KINDS)}`);
      continue;
    }
    const checked =
      kind === 'published' ? checkPublished(c, p, svc) : kind === 'external' ? checkExternal(c, p, svc) : checkResource(c, p, svc);
    if (nameOk) facts.set(name, { name, kind: kind as Kind, path: p, ...checked });
  }
  return facts;
}

type KindFacts = Omit<ServiceFacts, 'name' | 'kind' | 'path'>;

/** Account, region, VPC CIDR and AZs of a service the blueprint builds a VPC for. */
function checkOwnerVpc(
  c: Checker,
  p: string,
  svc: Obj,
): { accountId?: string; region?: string; cidr?: string; carvable?: string; azs: string[] } {
  c.accountId(field(p, 'accountId'), svc.accountId);
  const accountId = typeof svc.accountId === 'string' && ACCOUNT_RE.test(svc.accountId) ? svc.accountId : undefined;
  if (accountId !== undefined && accountId === c.facts.networkAccount) {
    c.add(
      field(p, 'accountId'),
      `'${accountId}' is the network account; run each service in an account of its own, outside the network (shared-services) account`,
    );
  }
  const region = c.region(field(p, 'region'), svc.region);
  const carvable = c.vpcCidr(field(p, 'cidr'), svc.cidr);
  const cidr = typeof svc.cidr === 'string' && parseCidr(svc.cidr) ? svc.cidr : undefined;
  const azs = c.azs(field(p, 'azs'), svc.azs, region);
  return { accountId, region, cidr, carvable, azs };
}

function checkPublished(c: Checker, p: string, svc: Obj): KindFacts {
  c.unknownFields(p, svc, FIELDS.published);
  const { accountId, region, cidr, carvable, azs } = checkOwnerVpc(c, p, svc);
  checkListeners(c, field(p, 'listeners'), svc.listeners, region, accountId);
  checkTargets(c, field(p, 'targets'), field(p, 'cidr'), svc.targets, cidr, carvable, azs);

  const privateDns = c.optionalString(field(p, 'privateDnsName'), svc.privateDnsName);
  if (privateDns !== undefined && !isDnsName(privateDns)) {
    c.add(
      field(p, 'privateDnsName'),
      `'${privateDns}' is not a valid DNS name; use a lowercase name such as 'orders.example.com' (labels of letters, digits and hyphens, no trailing dot)`,
    );
  }
  const zone = c.optionalString(field(p, 'verificationZoneId'), svc.verificationZoneId);
  if (zone !== undefined) {
    if (svc.privateDnsName === undefined)
      c.add(field(p, 'verificationZoneId'), `is only used with privateDnsName; remove it or set ${field(p, 'privateDnsName')}`);
    if (!HOSTED_ZONE_ID_RE.test(zone)) {
      c.add(
        field(p, 'verificationZoneId'),
        `'${zone}' is not a Route 53 hosted zone id; use the id of the public zone, e.g. 'Z0123456789ABCDEFGHIJ' (without '/hostedzone/')`,
      );
    }
  }
  const consumerDns = c.optionalString(field(p, 'consumerDnsName'), svc.consumerDnsName);
  if (consumerDns !== undefined) {
    if (!isDnsName(consumerDns)) {
      c.add(
        field(p, 'consumerDnsName'),
        `'${consumerDns}' is not a valid DNS name; use a lowercase name such as 'orders.internal' (labels of letters, digits and hyphens, no trailing dot)`,
      );
    }
    if (svc.privateDnsName !== undefined)
      c.add(field(p, 'consumerDnsName'), 'is only used when the service has no privateDnsName; remove one of them');
  }

  let supportedRegions: string[] | undefined;
  if (svc.supportedRegions !== undefined) {
    const list = c.array(field(p, 'supportedRegions'), svc.supportedRegions, '');
    if (list) {
      supportedRegions = [];
      c.distinctStrings(field(p, 'supportedRegions'), 'supportedRegions', list, 'region', (r, rp) => {
        if (c.knownRegion(rp, r) === undefined) return;
        if (r === region) {
          c.add(rp, `'${r}' is the service's own region, which is always supported; remove it`);
          return;
        }
        supportedRegions!.push(r);
      });
    }
  }
  return { accountId, region, azs, supportedRegions };
}

function checkExternal(c: Checker, p: string, svc: Obj): KindFacts {
  c.unknownFields(p, svc, FIELDS.external);
  c.optionalString(field(p, 'vendor'), svc.vendor);

  const serviceNameRegions: string[] = [];
  const namesPath = field(p, 'serviceNames');
  const names = c.object(
    namesPath,
    svc.serviceNames,
    "give the vendor's endpoint service name per region, e.g. { 'us-east-1': 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0' }",
  );
  if (names) {
    if (Object.keys(names).length === 0)
      c.add(namesPath, "has no service name; add the vendor's endpoint service name of at least one region");
    for (const region of Object.keys(names)) {
      const rp = key(namesPath, region);
      const known = c.knownRegion(rp, region);
      // A consumer of a region listed here is judged by this entry alone (its own problems are reported here).
      if (known !== undefined) serviceNameRegions.push(region);
      const value = c.string(rp, names[region], `give the endpoint service name the vendor publishes in ${region}`);
      if (value === undefined) continue;
      const m = VENDOR_SERVICE_NAME_RE.exec(value);
      if (!m) {
        c.add(
          rp,
          `'${value}' is not an endpoint service name; use the name the vendor gives you, 'com.amazonaws.vpce.${region}.vpce-svc-' followed by 17 hex digits`,
        );
        continue;
      }
      if (known !== undefined && m[1] !== region) {
        c.add(rp, `'${value}' is a service of ${m[1]}, not ${region}; list it under '${m[1]}'`);
      }
    }
  }

  checkPorts(c, field(p, 'ports'), svc.ports);

  const privateDns = c.optionalString(field(p, 'privateDnsName'), svc.privateDnsName);
  if (privateDns !== undefined && !isDnsName(privateDns.replace(/^\*\./, 'wildcard.'))) {
    c.add(
      field(p, 'privateDnsName'),
      `'${privateDns}' is not a valid DNS name; give the private DNS name the vendor publishes, e.g. 'intake.vendor.example'`,
    );
  }
  if (svc.dns !== undefined) {
    if (svc.privateDnsName !== undefined) {
      c.add(field(p, 'dns'), 'is only used when the vendor publishes no private DNS name; remove dns or privateDnsName');
    }
    checkExternalDns(c, field(p, 'dns'), svc.dns);
  } else if (svc.privateDnsName === undefined) {
    c.add(
      p,
      "needs a way for consumers to resolve the service: privateDnsName (the vendor's verified private DNS name) or dns: { zoneName, records }",
    );
  }

  let serviceRegion: string | undefined;
  const sr = c.optionalString(field(p, 'serviceRegion'), svc.serviceRegion);
  if (sr !== undefined && c.knownRegion(field(p, 'serviceRegion'), sr) !== undefined) {
    if (names && !(sr in names)) {
      c.add(
        field(p, 'serviceRegion'),
        `'${sr}' has no service name; add serviceNames['${sr}'] or use one of ${quoteList(Object.keys(names))}`,
      );
    } else {
      serviceRegion = sr;
    }
  }
  const crossRegionFrom: string[] = [];
  if (svc.supportedRegions !== undefined) {
    const sp = field(p, 'supportedRegions');
    if (svc.serviceRegion === undefined)
      c.add(
        sp,
        'is only used with serviceRegion (the vendor region consumers elsewhere reach cross-region); set serviceRegion or remove supportedRegions',
      );
    const list = c.array(sp, svc.supportedRegions, '');
    if (list) {
      c.distinctStrings(sp, 'supportedRegions', list, 'region', (r, rp) => {
        if (c.knownRegion(rp, r) === undefined) return;
        if (r === sr) {
          c.add(rp, `'${r}' is the service region itself; remove it`);
          return;
        }
        crossRegionFrom.push(r);
      });
    }
  }
  return { serviceNameRegions, serviceRegion, crossRegionFrom };
}

function checkExternalDns(c: Checker, p: string, v: unknown): void {
  const dns = c.object(p, v, "give { zoneName, records }, e.g. { zoneName: 'privatelink.vendor.example', records: ['', '*'] }");
  if (!dns) return;
  c.unknownFields(p, dns, FIELDS.externalDns);
  const zone = c.string(field(p, 'zoneName'), dns.zoneName, "give the zone consumers resolve, e.g. 'privatelink.vendor.example'");
  if (zone !== undefined && !isDnsName(zone)) {
    c.add(
      field(p, 'zoneName'),
      `'${zone}' is not a valid DNS name; use a lowercase name such as 'privatelink.vendor.example' (no trailing dot)`,
    );
  }
  const records = c.array(
    field(p, 'records'),
    dns.records,
    "list the names consumers resolve, relative to the zone: '' for the apex, '*' for a wildcard, 'api' for api.<zone>",
  );
  if (!records) return;
  if (records.length === 0) c.add(field(p, 'records'), "lists no record; add at least one, e.g. '' (the zone apex) or '*'");
  c.distinctStrings(field(p, 'records'), 'records', records, 'record', (r, rp) => {
    if (r === '') return;
    const relative = r.startsWith('*.') ? r.slice(2) : r;
    if (zone !== undefined && (r === zone || r.endsWith(`.${zone}`))) {
      c.add(rp, `'${r}' repeats the zone name; give it relative to the zone, e.g. '${r === zone ? '' : r.slice(0, -zone.length - 1)}'`);
    } else if (!RECORD_LABEL_RE.test(relative)) {
      c.add(rp, `'${r}' is not a record name; use '' (apex), '*' (wildcard) or lowercase labels such as 'api' or 'eu.api'`);
    }
  });
}

/** A non-empty list of distinct TCP ports. */
function checkPorts(c: Checker, p: string, v: unknown): void {
  const ports = c.array(p, v, 'list the TCP ports the service listens on, e.g. [443]');
  if (!ports) return;
  if (ports.length === 0) c.add(p, 'lists no port; add the TCP ports the service listens on, e.g. [443]');
  const seen = new Map<number, number>();
  ports.forEach((port, i) => {
    const pp = `${p}[${i}]`;
    if (typeof port !== 'number') c.add(pp, `must be a number, not ${describe(port)}`);
    else if (!Number.isInteger(port) || port < 1 || port > 65535) c.add(pp, `${port} is not a valid port; use an integer from 1 to 65535`);
    else if (seen.has(port)) c.add(pp, `${port} is listed twice (also ${p.split('.').pop()}[${seen.get(port)}]); list each port once`);
    else seen.set(port, i);
  });
}

function checkResource(c: Checker, p: string, svc: Obj): KindFacts {
  c.unknownFields(p, svc, FIELDS.resource);
  const { accountId, region, cidr, carvable, azs } = checkOwnerVpc(c, p, svc);
  const rp = field(p, 'resource');
  const target = c.object(rp, svc.resource, 'give exactly one of { dnsName }, { ipAddress } or { arn }');
  if (target) {
    c.unknownFields(rp, target, RESOURCE_TARGET_FIELDS);
    const given = RESOURCE_TARGET_FIELDS.filter((f) => target[f] !== undefined);
    if (given.length !== 1) {
      c.add(
        rp,
        given.length === 0
          ? 'names no resource; give exactly one of dnsName (e.g. a database endpoint), ipAddress or arn'
          : `gives ${given.join(' and ')}; give exactly one of dnsName, ipAddress or arn`,
      );
    } else if (given[0] === 'dnsName') {
      const dns = c.string(field(rp, 'dnsName'), target.dnsName, '');
      if (dns !== undefined && !isDnsName(dns)) {
        c.add(
          field(rp, 'dnsName'),
          `'${dns}' is not a valid DNS name; give the name the resource answers to, e.g. 'db.internal.example.com'`,
        );
      }
    } else if (given[0] === 'ipAddress') {
      const ip = c.string(field(rp, 'ipAddress'), target.ipAddress, '');
      if (ip !== undefined) {
        if (parseIp(ip) === undefined) c.add(field(rp, 'ipAddress'), `'${ip}' is not a valid IPv4 address`);
        else if (cidr !== undefined && !cidrContainsIp(cidr, ip)) {
          c.add(
            field(rp, 'ipAddress'),
            `'${ip}' is outside ${field(p, 'cidr')} '${cidr}'; the resource gateway reaches addresses of its own VPC`,
          );
        } else if (carvable !== undefined) {
          checkReservedAddress(c, field(rp, 'ipAddress'), ip, carvable, azs);
        }
      }
    } else {
      const arn = c.string(field(rp, 'arn'), target.arn, '');
      const m = arn === undefined ? undefined : RDS_ARN_RE.exec(arn);
      if (arn !== undefined && !m) {
        c.add(
          field(rp, 'arn'),
          `'${arn}' is not an Amazon RDS database or cluster ARN ('arn:aws:rds:<region>:<account>:db:<name>'), the resources AWS shares by ARN; use dnsName or ipAddress for others`,
        );
      } else if (m && ((region !== undefined && m[1] !== region) || (accountId !== undefined && m[2] !== accountId))) {
        c.add(
          field(rp, 'arn'),
          `'${arn}' is in ${m[1]} of account ${m[2]}; a resource configuration shares resources of its own account and region (${accountId ?? '?'}, ${region ?? '?'})`,
        );
      }
    }
  }
  checkPortRanges(c, field(p, 'portRanges'), svc.portRanges);
  const consumerDns = c.optionalString(field(p, 'consumerDnsName'), svc.consumerDnsName);
  if (consumerDns !== undefined && !isDnsName(consumerDns)) {
    c.add(
      field(p, 'consumerDnsName'),
      `'${consumerDns}' is not a valid DNS name; use a lowercase name such as 'orders-db.internal' (labels of letters, digits and hyphens, no trailing dot)`,
    );
  }
  return { accountId, region, azs };
}

/** TCP port ranges such as '5432' or '8000-8010', distinct and not overlapping. */
function checkPortRanges(c: Checker, p: string, v: unknown): void {
  const ranges = c.array(p, v, "list the TCP ports or ranges consumers may use, e.g. ['5432']");
  if (!ranges) return;
  if (ranges.length === 0) c.add(p, "lists no port; add the TCP ports or ranges consumers may use, e.g. ['5432']");
  const parsed: { from: number; to: number; index: number }[] = [];
  c.distinctStrings(p, 'portRanges', ranges, 'port range', (r, rp, index) => {
    const m = PORT_RANGE_RE.exec(r);
    const from = m ? Number(m[1]) : NaN;
    const to = m ? Number(m[2] ?? m[1]) : NaN;
    if (!m || from < 1 || to > 65535 || from > to) {
      c.add(rp, `'${r}' is not a port or port range; use 'port' or 'from-to' with 1 <= from <= to <= 65535, e.g. '5432' or '8000-8010'`);
      return;
    }
    const clash = parsed.find((x) => from <= x.to && x.from <= to);
    if (clash) {
      c.add(rp, `'${r}' overlaps portRanges[${clash.index}]; list each port once`);
      return;
    }
    parsed.push({ from, to, index });
  });
}

/** An address AWS reserves in its subnet (first four and last), or outside every subnet. */
function checkReservedAddress(c: Checker, p: string, ip: string, carvable: string, azs: readonly string[]): void {
  const subnets = azs.filter((az) => azSlot(az) !== undefined).map((az) => ({ az, cidr: azSubnetCidr(carvable, az) }));
  if (subnets.length === 0) return;
  const subnet = subnets.find((s) => cidrContainsIp(s.cidr, ip));
  if (!subnet) {
    c.add(
      p,
      `'${ip}' is in no subnet of the service's zones (${subnets.map((s) => `${s.az} ${s.cidr}`).join(', ')}); use an address inside one of them`,
    );
    return;
  }
  const sub = parseCidr(subnet.cidr)!;
  const offset = parseIp(ip)! - sub.network;
  if (offset < 4 || offset === 2 ** (32 - sub.prefix) - 1) {
    c.add(
      p,
      `'${ip}' is reserved by AWS in subnet ${subnet.cidr} (${subnet.az}: the first four addresses and the last); use another address`,
    );
  }
}

function checkListeners(c: Checker, path: string, v: unknown, region: string | undefined, account: string | undefined): void {
  const listeners = c.array(path, v, "give at least one listener, e.g. [{ port: 443, protocol: 'TCP' }]");
  if (!listeners) return;
  if (listeners.length === 0) c.add(path, "lists no listener; add at least one, e.g. { port: 443, protocol: 'TCP' }");
  const ports = new Map<number, number>();
  listeners.forEach((item, i) => {
    const p = `${path}[${i}]`;
    const l = c.object(p, item, 'give { port, protocol }');
    if (!l) return;
    c.unknownFields(p, l, FIELDS.listener);
    const port = l.port;
    if (port === undefined) {
      c.add(field(p, 'port'), 'is required; use a port from 1 to 65535');
    } else if (typeof port !== 'number') {
      c.add(field(p, 'port'), `must be a number, not ${describe(port)}`);
    } else if (!Number.isInteger(port) || port < 1 || port > 65535) {
      c.add(field(p, 'port'), `${port} is not a valid port; use an integer from 1 to 65535`);
    } else if (ports.has(port)) {
      c.add(field(p, 'port'), `${port} is also the port of ${path}[${ports.get(port)}]; each listener needs its own port`);
    } else {
      ports.set(port, i);
    }
    const protocol = l.protocol ?? 'TCP';
    if (protocol !== 'TCP' && protocol !== 'TLS') {
      c.add(field(p, 'protocol'), `${show(protocol)} is not supported; use 'TCP' or 'TLS'`);
      return;
    }
    const certPath = field(p, 'certificateArn');
    if (protocol === 'TCP') {
      if (l.certificateArn !== undefined) c.add(certPath, "is only used with protocol 'TLS'; remove it or set protocol: 'TLS'");
      return;
    }
    const where = `${region ?? "the service's region"} of ${account !== undefined ? `account ${account}` : 'the owner account'}`;
    const cert = c.string(certPath, l.certificateArn, `protocol 'TLS' needs the ARN of an ACM certificate in ${where}`);
    if (cert === undefined) return;
    const m = ACM_ARN_RE.exec(cert);
    if (!m) {
      c.add(
        certPath,
        `'${cert}' is not an ACM certificate ARN; use 'arn:aws:acm:<region>:<account>:certificate/<id>' of a certificate in ${where}`,
      );
      return;
    }
    if (region !== undefined && m[1] !== region) {
      c.add(certPath, `'${cert}' is in ${m[1]}; the load balancer needs a certificate in the service's region ${region}`);
    }
    if (account !== undefined && m[2] !== account) {
      c.add(certPath, `'${cert}' belongs to account ${m[2]}; the load balancer can only use certificates of the owner account ${account}`);
    }
  });
}

/**
 * @param parsedCidr the service CIDR when it parses (for containment)
 * @param carvable the service CIDR when AZ subnets can be carved from it
 */
function checkTargets(
  c: Checker,
  path: string,
  cidrPath: string,
  v: unknown,
  parsedCidr: string | undefined,
  carvable: string | undefined,
  azs: readonly string[],
): void {
  const targets = c.array(path, v, 'list the IP addresses of the service inside the service VPC');
  if (!targets) return;
  if (targets.length === 0) c.add(path, 'lists no target; add at least one IP address inside the service VPC');
  const seen = new Map<string, number>();
  targets.forEach((t, i) => {
    const p = `${path}[${i}]`;
    if (typeof t !== 'string') {
      c.add(p, `must be a string, not ${describe(t)}`);
      return;
    }
    const ip = parseIp(t);
    if (ip === undefined) {
      c.add(
        p,
        `'${t}' is not a valid IPv4 address; use an address inside the service VPC${parsedCidr !== undefined ? ` ('${parsedCidr}')` : ''}`,
      );
      return;
    }
    const first = seen.get(t);
    if (first !== undefined) {
      c.add(p, `'${t}' is listed twice (also targets[${first}]); list each target once`);
      return;
    }
    seen.set(t, i);
    if (parsedCidr === undefined) return;
    if (!cidrContainsIp(parsedCidr, t)) {
      c.add(p, `'${t}' is outside ${cidrPath} '${parsedCidr}'; targets must be addresses in the service VPC`);
      return;
    }
    if (carvable !== undefined) checkReservedAddress(c, p, t, carvable, azs);
  });
}
