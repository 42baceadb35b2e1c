/**
 * Checks of the consumers and of what they consume: each consumed service must exist, be
 * reachable from the consumer's region, and not be owned by the consumer's own account; two
 * consumers must not manage the same owner-side permission.
 */
import { ACCOUNT_RE, DNS_SAFE_RE, describe, field, isObject, key, nearest, orList, quoteList, type Checker } from './checker';
import { CROSS_REGION_UNSUPPORTED_AZ_IDS, azIdPrefix } from '../../aws/catalog';
import { cidrContains, isAzId, parseCidr } from '../../net/cidr';
import { FIELDS } from './fields';
import { unknownSegmentMessage } from './network';
import type { ServiceFacts } from './services';

export interface ConsumerFacts {
  readonly path: string;
  readonly name: string;
  readonly accountId?: string;
  /** The consumer's region, when it is a hub region. */
  readonly region?: string;
  /** Consumed services that exist in the catalog. */
  readonly consumes: readonly ServiceFacts[];
}

/** Checks `consumers` against the catalog; returns what the cross-consumer checks need. */
export function checkConsumers(c: Checker, v: unknown, services: ReadonlyMap<string, ServiceFacts>): ConsumerFacts[] {
  const list = c.array('consumers', v, 'list the consumer accounts, or [] for none');
  if (!list) return [];
  // Name-keyed paths only for DNS-safe names used once, so every path is unambiguous.
  const counts = new Map<string, number>();
  for (const item of list) {
    if (isObject(item) && typeof item.name === 'string') counts.set(item.name, (counts.get(item.name) ?? 0) + 1);
  }
  const firstIndexOfName = new Map<string, number>();
  const facts: ConsumerFacts[] = [];
  list.forEach((item, i) => {
    const nameValue = isObject(item) ? item.name : undefined;
    const keyed = typeof nameValue === 'string' && DNS_SAFE_RE.test(nameValue) && counts.get(nameValue) === 1;
    const p = keyed ? key('consumers', nameValue) : `consumers[${i}]`;
    const consumer = c.object(p, item, 'give { name, accountId, region, cidr, azs, segment, consumes }');
    if (!consumer) return;
    c.unknownFields(p, consumer, FIELDS.consumer);
    const name = c.dnsSafeName(field(p, 'name'), consumer.name, 'consumer');
    if (typeof consumer.name === 'string') {
      const first = firstIndexOfName.get(consumer.name);
      if (first !== undefined) {
        c.add(
          field(p, 'name'),
          `'${consumer.name}' is also the name of consumers[${first}]; consumer names must be unique (they key stacks and resources)`,
        );
      } else {
        firstIndexOfName.set(consumer.name, i);
      }
      if (services.has(consumer.name)) {
        c.add(
          field(p, 'name'),
          `'${consumer.name}' is also the name of services["${consumer.name}"]; give the consumer another name (names key VPCs and IAM roles, which may share an account)`,
        );
      }
    }
    c.accountId(field(p, 'accountId'), consumer.accountId);
    const accountId = typeof consumer.accountId === 'string' && ACCOUNT_RE.test(consumer.accountId) ? consumer.accountId : undefined;
    if (accountId !== undefined && accountId === c.facts.networkAccount) {
      c.add(
        field(p, 'accountId'),
        `'${accountId}' is the network account; a spoke must live in an account of its own (the hub's zones and TGW would otherwise authorize and share with themselves)`,
      );
    }
    const hubRegions = c.facts.hubRegions;
    const region = c.region(field(p, 'region'), consumer.region);
    if (region !== undefined && !hubRegions.includes(region)) {
      c.add(
        field(p, 'region'),
        `'${region}' has no hub; add network.hubs["${region}"]${hubRegions.length > 0 ? ` or move the consumer to a hub region (${quoteList(hubRegions)})` : ''}`,
      );
    }
    c.vpcCidr(field(p, 'cidr'), consumer.cidr);
    const azs = c.azs(field(p, 'azs'), consumer.azs, region);
    const segments = c.facts.segmentNames;
    const segment = c.string(
      field(p, 'segment'),
      consumer.segment,
      segments.length > 0 ? `use one of ${quoteList(segments)} (the keys of segments)` : 'define a segment in segments and name it here',
    );
    if (segment !== undefined && !segments.includes(segment)) c.add(field(p, 'segment'), unknownSegmentMessage(c, segment));
    const ranges = segment !== undefined ? c.facts.segmentCidrs[segment] : undefined;
    if (
      ranges &&
      ranges.length > 0 &&
      typeof consumer.cidr === 'string' &&
      parseCidr(consumer.cidr) &&
      !ranges.some((r) => cidrContains(r, consumer.cidr as string))
    ) {
      c.add(
        field(p, 'cidr'),
        `'${consumer.cidr}' is outside the ranges of segment '${segment}' (${quoteList(ranges)}); pick a block inside them or add a range to segments["${segment}"].cidrs`,
      );
    }
    const hubRegion = region !== undefined && hubRegions.includes(region) ? region : undefined;
    const consumes = checkConsumes(c, field(p, 'consumes'), consumer.consumes, services, hubRegion, accountId, azs, field(p, 'azs'));
    const gb = consumer.expectedGbPerMonth;
    if (gb !== undefined) {
      if (typeof gb !== 'number') c.add(field(p, 'expectedGbPerMonth'), `must be a number, not ${describe(gb)}`);
      else if (!Number.isFinite(gb) || gb < 0)
        c.add(field(p, 'expectedGbPerMonth'), `${gb} is not a valid amount; use a finite number of GB >= 0`);
    }
    facts.push({
      path: p,
      name: name ?? (typeof consumer.name === 'string' ? consumer.name : p),
      accountId,
      region: region !== undefined && hubRegions.includes(region) ? region : undefined,
      consumes,
    });
  });
  checkSharedAccounts(c, facts);
  checkServiceZoneKinds(c, facts);
  return facts;
}

/** The consumed services: known names, each reachable from `region` and owned by another account. */
function checkConsumes(
  c: Checker,
  p: string,
  v: unknown,
  services: ReadonlyMap<string, ServiceFacts>,
  region: string | undefined,
  accountId: string | undefined,
  azs: readonly string[],
  azsPath: string,
): ServiceFacts[] {
  const out: ServiceFacts[] = [];
  if (v === undefined) {
    c.warn(
      p,
      "is not set: the consumer reaches no catalog service (it still gets its hub's centralized endpoints); list service names to consume, or consumes: [] to say so",
    );
    return out;
  }
  const list = c.array(p, v, '');
  if (!list) return out;
  if (list.length === 0) {
    c.warn(p, "lists no service: the consumer reaches no catalog service (it still gets its hub's centralized endpoints)");
  }
  const known = [...services.keys()];
  const zoned: ServiceFacts[] = [];
  c.distinctStrings(p, 'consumes', list, 'service', (name, sp) => {
    const svc = services.get(name);
    if (!svc) {
      const near = nearest(name, known);
      c.add(
        sp,
        known.length === 0
          ? `'${name}' is not a service; define it in services first`
          : `'${name}' is not a service of the catalog; ${near.length > 0 ? `did you mean ${orList(near)}?` : `use one of ${quoteList(known)} (the keys of services)`}`,
      );
      return;
    }
    out.push(svc);
    if (accountId !== undefined && svc.accountId === accountId) {
      c.add(
        sp,
        `'${name}' is owned by this consumer's own account ${accountId}; a service is consumed from other accounts (inside its own account, reach it directly)`,
      );
    }
    if (region === undefined) return;
    const problem = reachProblem(svc, region);
    if (problem) {
      c.add(sp, problem);
      return;
    }
    zoned.push(svc);
  });
  checkZones(c, zoned, region, azs, azsPath);
  return out;
}

/**
 * The consumer's AZs against the services it reaches, by AZ id (a name is another physical zone
 * in another account): a same-region interface endpoint only in zones of the service's NLB; a
 * resource endpoint sharing at least one zone with the resource gateway; a cross-region endpoint
 * not in the zones AWS excludes from remote access. Services that list names are reported once,
 * by `checkServiceZoneKinds`.
 */
function checkZones(
  c: Checker,
  services: readonly ServiceFacts[],
  region: string | undefined,
  azs: readonly string[],
  azsPath: string,
): void {
  if (region === undefined || azs.length === 0) return;
  const crossRegion = services.filter((svc) =>
    svc.kind === 'external' ? endpointRegionOf(svc, region) !== region : svc.region !== undefined && svc.region !== region,
  );
  const sameRegion = services.filter((svc) => svc.kind !== 'external' && svc.region === region);
  if (crossRegion.length + sameRegion.length === 0) return;
  if (!azs.every(isAzId)) {
    const why = [
      ...sameRegion.map(
        (svc) =>
          `its endpoint to '${svc.name}' must be placed in zones of ${svc.kind === 'resource' ? 'the resource gateway' : "the service's NLB"}`,
      ),
      ...crossRegion.map((svc) => `its cross-region endpoint to '${svc.name}' must avoid the zones AWS excludes from remote access`),
    ];
    c.add(
      azsPath,
      `lists AZ names, but ${why.join(', and ')}; a name is another physical zone in another account, so use AZ ids such as '${azIdPrefix(region)}-az1'`,
    );
    return;
  }
  if (crossRegion.length > 0) {
    azs.forEach((az, i) => {
      if (CROSS_REGION_UNSUPPORTED_AZ_IDS.includes(az)) {
        c.add(
          `${azsPath}[${i}]`,
          `'${az}' is not supported for cross-region PrivateLink (AWS excludes ${quoteList(CROSS_REGION_UNSUPPORTED_AZ_IDS)}), and ${quoteList(crossRegion.map((s) => s.name))} ${crossRegion.length === 1 ? 'is' : 'are'} reached from ${region} across regions; pick another zone`,
        );
      }
    });
  }
  for (const svc of sameRegion) {
    const theirs = svc.azs ?? [];
    if (theirs.length === 0 || !theirs.every(isAzId)) continue;
    if (svc.kind === 'resource') {
      if (!azs.some((az) => theirs.includes(az))) {
        c.add(
          azsPath,
          `shares no zone with ${field(svc.path, 'azs')} (${quoteList(theirs)}); a resource endpoint needs at least one zone in common with the resource gateway of '${svc.name}'`,
        );
      }
      continue;
    }
    azs.forEach((az, i) => {
      if (!theirs.includes(az)) {
        c.add(
          `${azsPath}[${i}]`,
          `'${az}' is not a zone of '${svc.name}' (its NLB is in ${quoteList(theirs)}); an interface endpoint to it can only be placed there: pick zones among those, or add '${az}' to ${field(svc.path, 'azs')}`,
        );
      }
    });
  }
}

/** A service consumed in its own region from other accounts must list AZ ids (reported once per service). */
export function checkServiceZoneKinds(c: Checker, consumers: readonly ConsumerFacts[]): void {
  const reported = new Set<string>();
  for (const consumer of consumers) {
    for (const svc of consumer.consumes) {
      if (svc.kind === 'external' || svc.region === undefined || svc.region !== consumer.region || reported.has(svc.name)) continue;
      if ((svc.azs ?? []).length > 0 && !(svc.azs ?? []).every(isAzId)) {
        reported.add(svc.name);
        c.add(
          field(svc.path, 'azs'),
          `lists AZ names, but consumers in ${svc.region} reach '${svc.name}' from other accounts and a name is another physical zone there: use AZ ids such as '${azIdPrefix(svc.region)}-az1'`,
        );
      }
    }
  }
}

/** The region the consumer's endpoint to a service connects to (the consumer's, or the service's when cross-region). */
function endpointRegionOf(svc: ServiceFacts, region: string): string {
  if (svc.kind === 'external') return svc.serviceNameRegions?.includes(region) ? region : (svc.serviceRegion ?? region);
  return svc.region ?? region;
}

/** Why a consumer in `region` cannot reach `svc`, or undefined when it can. */
function reachProblem(svc: ServiceFacts, region: string): string | undefined {
  if (svc.kind === 'resource') {
    if (svc.region === undefined || svc.region === region) return undefined;
    return `'${svc.name}' is a resource service in ${svc.region}; resource endpoints reach resources of their own region only, so consume it from ${svc.region} or share the resource from ${region}`;
  }
  if (svc.kind === 'published') {
    if (svc.region === undefined || svc.region === region) return undefined;
    if (svc.supportedRegions === undefined) return undefined; // default: every hub region
    if (svc.supportedRegions.includes(region)) return undefined;
    return `'${svc.name}' is published in ${svc.region} and does not support ${region}; add '${region}' to ${field(svc.path, 'supportedRegions')} for cross-region PrivateLink`;
  }
  if (svc.serviceNameRegions?.includes(region)) return undefined;
  if (svc.serviceRegion !== undefined && svc.crossRegionFrom?.includes(region)) return undefined;
  const names = field(svc.path, 'serviceNames');
  return svc.serviceRegion === undefined
    ? `'${svc.name}' has no service name for ${region}; add ${names}['${region}'] (the vendor's endpoint service in ${region}), or set serviceRegion and supportedRegions for cross-region use`
    : `'${svc.name}' has no service name for ${region}, and its service in ${svc.serviceRegion} does not list ${region} in supportedRegions; add ${names}['${region}'] or, if the vendor accepts cross-region connections from ${region}, add it to ${field(svc.path, 'supportedRegions')}`;
}

/**
 * Two consumers in one account cannot both hold an owner-side grant that is per account: the
 * endpoint service's allowed principal (`arn:aws:iam::<account>:root`), the RAM principal
 * association of a resource share, or (with `shareWith: 'accounts'`) the TGW share of a
 * region. Each lives in one consumer's stack, and destroying it would revoke the other's.
 */
function checkSharedAccounts(c: Checker, consumers: readonly ConsumerFacts[]): void {
  const holder = new Map<string, ConsumerFacts>();
  for (const consumer of consumers) {
    if (consumer.accountId === undefined) continue;
    for (const svc of consumer.consumes) {
      if (svc.kind === 'external') continue;
      const grant = `${consumer.accountId}/${svc.name}`;
      const first = holder.get(grant);
      if (first) {
        c.add(
          field(consumer.path, 'consumes'),
          `'${svc.name}' is also consumed by ${first.path}, in the same account ${consumer.accountId}; the service grants accounts, not VPCs, so one consumer stack would revoke the other's ${svc.kind === 'published' ? 'allowed principal' : 'RAM share'} when destroyed: consume it from one consumer of the account, or give this VPC its own account`,
        );
      } else {
        holder.set(grant, consumer);
      }
    }
  }
}

/** With the TGW shared to listed accounts, one consumer per account and region adds the account to the share. */
export function checkTgwShareAccounts(c: Checker, shareWith: unknown, consumers: readonly ConsumerFacts[]): void {
  if (shareWith !== 'accounts') return;
  const holder = new Map<string, ConsumerFacts>();
  for (const consumer of consumers) {
    if (consumer.accountId === undefined || consumer.region === undefined) continue;
    const grant = `${consumer.accountId}/${consumer.region}`;
    const first = holder.get(grant);
    if (first) {
      c.add(
        field(consumer.path, 'accountId'),
        `'${consumer.accountId}' is also the account of ${first.path} in ${consumer.region}; with network.shareWith 'accounts' each consumer stack adds its account to the hub's TGW share, and destroying one would unshare the other: use network.shareWith 'organization', or one consumer per account and region`,
      );
    } else {
      holder.set(grant, consumer);
    }
  }
}
