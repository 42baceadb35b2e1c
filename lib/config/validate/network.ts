/** Checks of segments and the network account: hubs, Transit Gateway ASNs, centralized endpoint sets. */
import { INTERFACE_ENDPOINT_DNS_NAMES, INTERFACE_ENDPOINT_SERVICES, TGW_PRIVATE_ASN_RANGES } from '../../aws/catalog';
import { DNS_MODES, ONPREM_ROUTE_TABLE, SHARED_SERVICES_ROUTE_TABLE, endpointKey } from '../topology';
import { cidrContains, cidrsOverlap, parseCidr } from '../../net/cidr';
import {
  ACCOUNT_RE,
  DNS_SAFE_FIX,
  DNS_SAFE_RE,
  cidrMessage,
  describe,
  field,
  isObject,
  key,
  nearest,
  orList,
  quoteList,
  show,
  type Checker,
} from './checker';
import { FIELDS } from './fields';
import { checkOnPremises } from './on-premises';

/** Names of the hub's own TGW route tables, which segments cannot take. */
const RESERVED_SEGMENTS = [SHARED_SERVICES_ROUTE_TABLE, ONPREM_ROUTE_TABLE];

export function checkSegments(c: Checker, v: unknown): void {
  const example = "{ prod: { cidrs: ['10.16.0.0/12'], spokeToSpoke: false } }";
  const segments = c.object('segments', v, `give at least one segment, e.g. ${example}`);
  if (!segments) return;
  const names = Object.keys(segments);
  c.facts.segmentNames = names;
  if (names.length === 0) c.add('segments', `has no segment; add at least one, e.g. ${example}`);
  const ranges: { path: string; cidr: string }[] = [];
  for (const name of names) {
    const p = key('segments', name);
    if (RESERVED_SEGMENTS.includes(name)) {
      c.add(p, `'${name}' is reserved for a route table of the hub (${quoteList(RESERVED_SEGMENTS)}); choose another segment name`);
    } else if (!DNS_SAFE_RE.test(name)) {
      c.add(p, `'${name}' is not a DNS-safe segment name; ${DNS_SAFE_FIX}`);
    }
    const seg = segments[name];
    if (!isObject(seg)) {
      c.add(p, `must be an object such as { cidrs: ['10.16.0.0/12'], spokeToSpoke: false }, not ${describe(seg)}`);
      continue;
    }
    c.unknownFields(p, seg, FIELDS.segment);
    const cidrs = c.array(
      field(p, 'cidrs'),
      seg.cidrs,
      "list the address ranges of this segment's spokes, e.g. ['10.16.0.0/12']; the hub's endpoints and the services admit the segment by them",
    );
    if (cidrs) {
      if (cidrs.length === 0) c.add(field(p, 'cidrs'), "lists no range; add the ranges this segment's spokes live in, e.g. '10.16.0.0/12'");
      const valid: string[] = [];
      c.distinctStrings(field(p, 'cidrs'), 'cidrs', cidrs, 'range', (cidr, cp) => {
        if (!parseCidr(cidr)) {
          c.add(cp, cidrMessage(cidr));
          return;
        }
        if (c.facts.orgCidr !== undefined && !cidrContains(c.facts.orgCidr, cidr)) {
          c.add(cp, `'${cidr}' is outside organization.cidr '${c.facts.orgCidr}'; pick a range inside it`);
          return;
        }
        const clash = ranges.find((r) => cidrsOverlap(r.cidr, cidr));
        if (clash) {
          c.add(
            cp,
            `'${cidr}' overlaps ${clash.path} '${clash.cidr}'; segments need ranges of their own, or the endpoints of one would admit the other`,
          );
          return;
        }
        ranges.push({ path: cp, cidr });
        valid.push(cidr);
      });
      c.facts.segmentCidrs[name] = valid;
    }
    if (seg.spokeToSpoke !== undefined && typeof seg.spokeToSpoke !== 'boolean') {
      c.add(field(p, 'spokeToSpoke'), `must be true or false, not ${describe(seg.spokeToSpoke)}`);
    }
  }
}

export function checkNetwork(c: Checker, v: unknown): void {
  const network = c.object('network', v, 'give { accountId, hubs }');
  if (!network) return;
  c.unknownFields('network', network, FIELDS.network);
  c.accountId('network.accountId', network.accountId);
  if (typeof network.accountId === 'string' && ACCOUNT_RE.test(network.accountId)) c.facts.networkAccount = network.accountId;
  if (network.shareWith !== undefined && network.shareWith !== 'organization' && network.shareWith !== 'accounts') {
    c.add('network.shareWith', `${show(network.shareWith)} is not a sharing mode; use 'organization' or 'accounts'`);
  }
  checkDnsMode(c, 'network.dns', network.dns);
  const hubs = c.object(
    'network.hubs',
    network.hubs,
    "give one hub per region, e.g. { 'us-east-1': { cidr, azs, asn, endpointSets: {} } }",
  );
  if (!hubs) return;
  const regions = Object.keys(hubs);
  if (regions.length === 0)
    c.add('network.hubs', "has no hub; add the hub of every consumer region, e.g. { 'us-east-1': { cidr, azs, asn, endpointSets: {} } }");
  const asnOwner = new Map<number, string>();
  for (const region of regions) {
    const p = key('network.hubs', region);
    const knownRegion = c.knownRegion(p, region);
    if (knownRegion !== undefined) c.facts.hubRegions.push(knownRegion);
    const hub = c.object(p, hubs[region], 'give { cidr, azs, asn, endpointSets }');
    if (!hub) continue;
    c.unknownFields(p, hub, FIELDS.hub);
    const cidr = c.vpcCidr(field(p, 'cidr'), hub.cidr);
    if (cidr !== undefined && knownRegion !== undefined) c.facts.hubCidrs[knownRegion] = cidr;
    c.azs(field(p, 'azs'), hub.azs, knownRegion);
    checkAsn(c, field(p, 'asn'), hub.asn, asnOwner, p);
    if (knownRegion !== undefined && typeof hub.asn === 'number' && asnOwner.get(hub.asn) === p) c.facts.hubAsns[knownRegion] = hub.asn;
    checkEndpointSets(c, field(p, 'endpointSets'), hub.endpointSets);
    checkDnsMode(c, field(p, 'dns'), hub.dns);
  }
  checkOnPremises(c, network.onPremises);
}

/** `network.dns`, `network.hubs[r].dns`: one of the DNS modes. */
function checkDnsMode(c: Checker, path: string, v: unknown): void {
  if (v === undefined || (typeof v === 'string' && (DNS_MODES as readonly string[]).includes(v))) return;
  c.add(path, `${show(v)} is not a DNS mode; use ${orList(DNS_MODES)} (switch from one to the other through 'zone-associations+profiles')`);
}

function checkAsn(c: Checker, path: string, v: unknown, owners: Map<number, string>, hubPath: string): void {
  const ranges = TGW_PRIVATE_ASN_RANGES.map(([lo, hi]) => `${lo}-${hi}`).join(' or ');
  if (v === undefined) {
    c.add(path, `is required; use a private ASN (${ranges}), distinct per hub`);
    return;
  }
  if (typeof v !== 'number') {
    c.add(path, `must be a number, not ${describe(v)}`);
    return;
  }
  if (!Number.isInteger(v) || !TGW_PRIVATE_ASN_RANGES.some(([lo, hi]) => v >= lo && v <= hi)) {
    c.add(path, `${v} is not a private ASN a Transit Gateway accepts; use ${ranges}`);
    return;
  }
  const owner = owners.get(v);
  if (owner !== undefined) {
    c.add(path, `${v} is also the ASN of ${owner}; peered Transit Gateways need distinct ASNs`);
    return;
  }
  owners.set(v, hubPath);
}

function checkEndpointSets(c: Checker, path: string, v: unknown): void {
  const sets = c.object(path, v, 'use {} for a hub without centralized endpoints');
  if (!sets) return;
  const serviceOwner = new Map<string, string>();
  const keyOwner = new Map<string, string>();
  for (const setName of Object.keys(sets)) {
    const p = key(path, setName);
    if (!DNS_SAFE_RE.test(setName)) c.add(p, `'${setName}' is not a DNS-safe endpoint set name; ${DNS_SAFE_FIX} (it names resources)`);
    const set = c.object(p, sets[setName], "give { services: ['sts', ...] }");
    if (!set) continue;
    c.unknownFields(p, set, FIELDS.endpointSet);
    const services = c.array(field(p, 'services'), set.services, "list AWS service short names, e.g. ['sts', 'ecr.api']");
    if (services) {
      if (services.length === 0) c.add(field(p, 'services'), "lists no service; add at least one, e.g. 'sts', or remove the endpoint set");
      c.distinctStrings(field(p, 'services'), 'services', services, 'service', (svc, sp) => {
        if (!INTERFACE_ENDPOINT_SERVICES.includes(svc)) {
          c.add(sp, unknownServiceMessage(svc));
          return;
        }
        if (INTERFACE_ENDPOINT_DNS_NAMES[svc] === 'none') {
          c.add(
            sp,
            `'${svc}' publishes no private DNS name, so a centralized endpoint could only be reached by its own vpce-… name${svc === 'dynamodb' ? ", and AWS advises against private zones that override DynamoDB's names; give each VPC a DynamoDB gateway endpoint instead" : ''}; remove it from the endpoint set`,
          );
          return;
        }
        const owner = serviceOwner.get(svc);
        if (owner !== undefined) {
          c.add(
            sp,
            `'${svc}' is also in endpoint set '${owner}'; a hub has one endpoint (and one private hosted zone) per service, so keep it in one set`,
          );
          return;
        }
        serviceOwner.set(svc, setName);
        const construct = endpointKey(setName, svc);
        const clash = keyOwner.get(construct);
        if (clash !== undefined) {
          c.add(
            sp,
            `'${setName}' + '${svc}' and ${clash} both key their resources as '${construct}'; rename endpoint set '${setName}' (for example without hyphens at its end)`,
          );
          return;
        }
        keyOwner.set(construct, `'${setName}' + '${svc}'`);
      });
    }
    if (set.segments !== undefined) {
      const segs = c.array(field(p, 'segments'), set.segments, '');
      if (segs) {
        if (segs.length === 0)
          c.add(
            field(p, 'segments'),
            'is empty, which gives these endpoints to no segment; list segments or omit segments for every segment',
          );
        c.distinctStrings(field(p, 'segments'), 'segments', segs, 'segment', (s, sp) => {
          if (!c.facts.segmentNames.includes(s)) c.add(sp, unknownSegmentMessage(c, s));
        });
      }
    }
    if (set.policy !== undefined) checkPolicy(c, field(p, 'policy'), set.policy);
  }
}

function unknownServiceMessage(svc: string): string {
  const full = /^com\.amazonaws\.[a-z0-9-]+\.(.+)$/.exec(svc);
  if (full && INTERFACE_ENDPOINT_SERVICES.includes(full[1])) return `'${svc}' is a full service name; use the short name '${full[1]}'`;
  const near = nearest(svc, INTERFACE_ENDPOINT_SERVICES);
  return near.length > 0
    ? `'${svc}' is not a known interface endpoint service; did you mean ${orList(near)}?`
    : `'${svc}' is not a known interface endpoint service; use a short name as in com.amazonaws.<region>.<name>, e.g. 'sts' or 'ecr.api' (see lib/aws/catalog.ts)`;
}

export function unknownSegmentMessage(c: Checker, s: string): string {
  return c.facts.segmentNames.length > 0
    ? `'${s}' is not a segment; use one of ${quoteList(c.facts.segmentNames)} (the keys of segments)`
    : `'${s}' is not a segment; define it in segments first`;
}

export function checkPolicy(c: Checker, path: string, v: unknown): void {
  if (typeof v !== 'string') {
    c.add(path, `must be a JSON string (e.g. JSON.stringify({ Version: '2012-10-17', Statement: [...] })), not ${describe(v)}`);
    return;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(v);
  } catch {
    c.add(
      path,
      "is not valid JSON; give a policy document as a JSON string, e.g. JSON.stringify({ Version: '2012-10-17', Statement: [...] })",
    );
    return;
  }
  const statement = isObject(doc) ? doc.Statement : undefined;
  if (!(isObject(statement) || (Array.isArray(statement) && statement.length > 0))) {
    c.add(path, 'has no Statement; an endpoint policy document needs a non-empty "Statement"');
  }
}
