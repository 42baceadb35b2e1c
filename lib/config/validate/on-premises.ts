/**
 * Checks of `network.onPremises`: on-premises networks connected to a hub over a Site-to-Site VPN
 * or a Direct Connect gateway (exactly one), the segments they reach, and the on-premises
 * domains the spokes resolve through them. Field checks run with the network; the overlap of
 * their ranges with every VPC and segment range runs with the checks that span the environment
 * ({@link checkOnPremisesOverlaps}), once every VPC is known.
 *
 * Facts relied on (docs/aws-facts/hybrid.md): the customer gateway's ASN is 1-4,294,967,294
 * minus AWS's reserved ones and must differ from the Transit Gateway's (eBGP); a Direct Connect
 * gateway advertises exactly its allowed prefixes to on-premises, at most 200 per TGW; the
 * default ASN of a Direct Connect gateway is 64512, which must differ from the TGW's.
 */
import { cidrContains, cidrContainsIp, cidrsOverlap, parseCidr, parseIp } from '../../net/cidr';
import { ONPREM_ROUTE_TABLE } from '../topology';
import { DNS_SAFE_FIX, DNS_SAFE_RE, cidrMessage, describe, field, isDnsName, key, quoteList, show, type Checker } from './checker';
import { FIELDS } from './fields';
import { unknownSegmentMessage } from './network';

/** ASNs AWS reserves for its side: in every region, or in one. */
const RESERVED_ASNS: readonly { readonly asn: number; readonly region?: string }[] = [
  { asn: 7224 },
  { asn: 9059, region: 'eu-west-1' },
  { asn: 10124, region: 'ap-northeast-1' },
  { asn: 17943, region: 'ap-southeast-1' },
];
const MAX_ASN = 4_294_967_294;
/** The ASN a Direct Connect gateway gets when its owner sets none. */
const DX_GATEWAY_DEFAULT_ASN = 64512;
/** "Number of prefixes per AWS Transit Gateway from AWS to on-premise on a transit virtual interface": 200, not adjustable. */
export const DX_ALLOWED_PREFIXES_MAX = 200;
const DX_GATEWAY_ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Ranges no customer gateway can have: private, shared, loopback, link-local, multicast and reserved space. */
const NON_PUBLIC = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '224.0.0.0/3',
];

/** What the spanning checks need about one valid network. */
interface NetworkFacts {
  readonly path: string;
  readonly region: string;
  readonly segments: readonly string[];
}

/** `network.onPremises`: each network's fields; the networks of one hub reach the same segments. */
export function checkOnPremises(c: Checker, v: unknown): void {
  if (v === undefined) return;
  const networks = c.object('network.onPremises', v, '');
  if (!networks) return;
  const byRegion = new Map<string, NetworkFacts>();
  for (const name of Object.keys(networks)) {
    const p = key('network.onPremises', name);
    if (!DNS_SAFE_RE.test(name)) c.add(p, `'${name}' is not a DNS-safe on-premises network name; ${DNS_SAFE_FIX} (it names resources)`);
    const facts = checkNetwork(c, p, networks[name]);
    if (!facts) continue;
    const first = byRegion.get(facts.region);
    if (!first) {
      byRegion.set(facts.region, facts);
    } else if (first.segments.join() !== facts.segments.join()) {
      c.add(
        field(p, 'reach'),
        `reaches ${facts.segments.length ? quoteList(facts.segments) : 'no segment'}, but ${first.path} (also in ${facts.region}) reaches ` +
          `${first.segments.length ? quoteList(first.segments) : 'no segment'}; the on-premises networks of one hub share its '${ONPREM_ROUTE_TABLE}' route table, ` +
          'so give them the same reach.segments',
      );
    }
  }
}

function checkNetwork(c: Checker, p: string, v: unknown): NetworkFacts | undefined {
  const net = c.object(
    p,
    v,
    'give { region, cidrs, vpn: { customerGatewayIp, bgpAsn } } or { region, cidrs, directConnect: { gatewayId, allowedPrefixes } }',
  );
  if (!net) return undefined;
  c.unknownFields(p, net, FIELDS.onPremises);
  const regionValue = c.region(field(p, 'region'), net.region);
  const region = regionValue !== undefined && c.facts.hubRegions.includes(regionValue) ? regionValue : undefined;
  if (regionValue !== undefined && region === undefined) {
    c.add(
      field(p, 'region'),
      `'${regionValue}' has no hub; an on-premises network connects to the hub of its region: add network.hubs["${regionValue}"] or use a hub region (${quoteList(c.facts.hubRegions)})`,
    );
  }

  const cidrs: string[] = [];
  const list = c.array(field(p, 'cidrs'), net.cidrs, "list the network's address ranges, e.g. ['172.16.0.0/16']");
  if (list) {
    if (list.length === 0) c.add(field(p, 'cidrs'), "lists no range; add the network's address ranges, e.g. '172.16.0.0/16'");
    c.distinctStrings(field(p, 'cidrs'), 'cidrs', list, 'range', (cidr, cp) => {
      if (!parseCidr(cidr)) {
        c.add(cp, cidrMessage(cidr));
        return;
      }
      cidrs.push(cidr);
      c.facts.onPremisesCidrs.push({ path: cp, cidr });
    });
  }

  const segments: string[] = [];
  if (net.reach !== undefined) {
    const reach = c.object(field(p, 'reach'), net.reach, '');
    if (reach) {
      c.unknownFields(field(p, 'reach'), reach, FIELDS.reach);
      if (reach.segments !== undefined) {
        const segs = c.array(field(p, 'reach.segments'), reach.segments, '');
        if (segs) {
          c.distinctStrings(field(p, 'reach.segments'), 'segments', segs, 'segment', (s, sp) => {
            if (!c.facts.segmentNames.includes(s)) c.add(sp, unknownSegmentMessage(c, s));
            else segments.push(s);
          });
        }
      }
    }
  }
  segments.sort();

  const kinds = (['vpn', 'directConnect'] as const).filter((k) => net[k] !== undefined);
  if (kinds.length !== 1) {
    c.add(
      p,
      kinds.length === 0
        ? 'has neither vpn nor directConnect; give exactly one, e.g. vpn: { customerGatewayIp, bgpAsn }'
        : 'has both vpn and directConnect; give exactly one (a second path to the same network is a second network entry)',
    );
  }
  if (net.vpn !== undefined) checkVpn(c, field(p, 'vpn'), net.vpn, region);
  if (net.directConnect !== undefined) checkDirectConnect(c, field(p, 'directConnect'), net.directConnect, region, segments);
  checkForwarding(c, p, net, cidrs, segments);
  return region === undefined ? undefined : { path: p, region, segments };
}

function checkVpn(c: Checker, p: string, v: unknown, region: string | undefined): void {
  const vpn = c.object(p, v, "give { customerGatewayIp: '203.0.113.10', bgpAsn: 65010 }");
  if (!vpn) return;
  c.unknownFields(p, vpn, FIELDS.vpn);
  const ip = c.string(
    field(p, 'customerGatewayIp'),
    vpn.customerGatewayIp,
    "give the customer gateway's public IPv4 address, e.g. '203.0.113.10'",
  );
  if (ip !== undefined) {
    if (parseIp(ip) === undefined) {
      c.add(
        field(p, 'customerGatewayIp'),
        `'${ip}' is not an IPv4 address; give the customer gateway's public address, e.g. '203.0.113.10'`,
      );
    } else if (NON_PUBLIC.some((r) => cidrContainsIp(r, ip))) {
      c.add(
        field(p, 'customerGatewayIp'),
        `'${ip}' is not a public address; AWS needs the device's static public IPv4 (the NAT device's, behind NAT); a private-IP VPN over Direct Connect is out of scope`,
      );
    }
  }
  const asn = vpn.bgpAsn;
  if (asn === undefined) {
    c.add(
      field(p, 'bgpAsn'),
      "is required; give the customer gateway's BGP ASN, e.g. 65010 (a private ASN: 64512-65534 or 4200000000-4294967294)",
    );
  } else if (typeof asn !== 'number') {
    c.add(field(p, 'bgpAsn'), `must be a number, not ${describe(asn)}`);
  } else if (!Number.isInteger(asn) || asn < 1 || asn > MAX_ASN) {
    c.add(field(p, 'bgpAsn'), `${asn} is not a BGP ASN; use 1-${MAX_ASN} (a private one: 64512-65534 or 4200000000-4294967294)`);
  } else {
    const reserved = RESERVED_ASNS.find((r) => r.asn === asn && (r.region === undefined || r.region === region));
    if (reserved) c.add(field(p, 'bgpAsn'), `${asn} is reserved by AWS${reserved.region ? ` in ${reserved.region}` : ''}; use another ASN`);
    const tgw = Object.entries(c.facts.hubAsns).find(([, a]) => a === asn);
    if (tgw) {
      c.add(
        field(p, 'bgpAsn'),
        `${asn} is the ASN of the Transit Gateway of ${tgw[0]}${asn === 64512 ? " (AWS's default)" : ''}; the customer gateway's ASN must differ from every Transit Gateway's (eBGP between the two sides)`,
      );
    }
  }
  if (vpn.staticRoutesOnly !== undefined && typeof vpn.staticRoutesOnly !== 'boolean') {
    c.add(field(p, 'staticRoutesOnly'), `must be true or false, not ${describe(vpn.staticRoutesOnly)}`);
  }
}

function checkDirectConnect(c: Checker, p: string, v: unknown, region: string | undefined, segments: readonly string[]): void {
  const dx = c.object(p, v, "give { gatewayId, allowedPrefixes: ['<hub CIDR>'] }");
  if (!dx) return;
  c.unknownFields(p, dx, FIELDS.directConnect);
  const id = c.string(
    field(p, 'gatewayId'),
    dx.gatewayId,
    "give the Direct Connect gateway's id, e.g. '5f294f92-bafb-4011-916d-9b0b6example'",
  );
  if (id !== undefined && !DX_GATEWAY_ID_RE.test(id)) {
    c.add(
      field(p, 'gatewayId'),
      `'${id}' is not a Direct Connect gateway id; use the gateway's UUID (directconnect describe-direct-connect-gateways), in the network account (cross-account association proposals are out of scope)`,
    );
  }
  const hubCidr = region !== undefined ? c.facts.hubCidrs[region] : undefined;
  const allowed = [
    ...(hubCidr !== undefined ? [{ label: `the hub CIDR '${hubCidr}'`, cidr: hubCidr }] : []),
    ...segments.flatMap((s) => (c.facts.segmentCidrs[s] ?? []).map((cidr) => ({ label: `segment '${s}'`, cidr }))),
  ];
  const list = c.array(
    field(p, 'allowedPrefixes'),
    dx.allowedPrefixes,
    `list the prefixes AWS advertises to on-premises, at least the hub CIDR${hubCidr ? ` '${hubCidr}'` : ''}`,
  );
  if (!list) return;
  if (list.length > DX_ALLOWED_PREFIXES_MAX) {
    c.add(
      field(p, 'allowedPrefixes'),
      `lists ${list.length} prefixes; a transit virtual interface carries at most ${DX_ALLOWED_PREFIXES_MAX} from AWS per Transit Gateway (not adjustable): summarize them`,
    );
  }
  const valid: string[] = [];
  c.distinctStrings(field(p, 'allowedPrefixes'), 'allowedPrefixes', list, 'prefix', (cidr, cp) => {
    if (!parseCidr(cidr)) {
      c.add(cp, cidrMessage(cidr));
      return;
    }
    valid.push(cidr);
    if (region !== undefined && !allowed.some((a) => cidrContains(a.cidr, cidr))) {
      c.add(
        cp,
        `'${cidr}' is outside what the network may reach (${allowed.map((a) => `${a.label}${a.label.startsWith('segment') ? ` '${a.cidr}'` : ''}`).join(', ') || 'nothing'}); ` +
          'AWS advertises allowed prefixes to on-premises as they are, so list only the hub CIDR and ranges of reach.segments',
      );
    }
  });
  if (hubCidr !== undefined && !valid.some((cidr) => cidrContains(cidr, hubCidr))) {
    c.add(
      field(p, 'allowedPrefixes'),
      `does not cover the hub CIDR '${hubCidr}'; on-premises learns only these prefixes, so without it it reaches neither the hub's endpoints nor its resolver: add '${hubCidr}'`,
    );
  }
  for (const segment of segments) {
    for (const range of c.facts.segmentCidrs[segment] ?? []) {
      if (!valid.some((cidr) => cidrsOverlap(cidr, range))) {
        c.warn(
          field(p, 'allowedPrefixes'),
          `advertises nothing of segment '${segment}' ('${range}'), which reach.segments lists: on-premises cannot reach those spokes; add '${range}' (or their own ranges)`,
        );
      }
    }
  }

  if (region !== undefined && c.facts.hubAsns[region] === DX_GATEWAY_DEFAULT_ASN) {
    c.warn(
      field(p, 'gatewayId'),
      `the Transit Gateway of ${region} has ASN ${DX_GATEWAY_DEFAULT_ASN}, a Direct Connect gateway's default: the association fails if the gateway kept it (the two ASNs must differ)`,
    );
  }
}

/** `forwardDomains` and `dnsServers`: DNS names, servers inside the network, someone to use them. */
function checkForwarding(c: Checker, p: string, net: Record<string, unknown>, cidrs: readonly string[], segments: readonly string[]): void {
  const domains: string[] = [];
  if (net.forwardDomains !== undefined) {
    const list = c.array(field(p, 'forwardDomains'), net.forwardDomains, '');
    if (list) {
      c.distinctStrings(field(p, 'forwardDomains'), 'forwardDomains', list, 'domain', (d, dp) => {
        const name = d.replace(/\.$/, '');
        if (!isDnsName(name)) {
          c.add(dp, `'${d}' is not a DNS domain name; use lowercase labels such as 'corp.example.com'`);
          return;
        }
        domains.push(name);
      });
    }
  }
  const servers: string[] = [];
  if (net.dnsServers !== undefined) {
    const list = c.array(field(p, 'dnsServers'), net.dnsServers, '');
    if (list) {
      c.distinctStrings(field(p, 'dnsServers'), 'dnsServers', list, 'server', (ip, sp) => {
        if (parseIp(ip) === undefined) {
          c.add(sp, `'${ip}' is not an IPv4 address; give the on-premises DNS servers' addresses`);
          return;
        }
        servers.push(ip);
        if (cidrs.length > 0 && !cidrs.some((cidr) => cidrContainsIp(cidr, ip))) {
          c.add(
            sp,
            `'${ip}' is outside the network's cidrs (${quoteList(cidrs)}); the outbound endpoint reaches on-premises DNS servers through this network only`,
          );
        }
      });
    }
  }
  if (domains.length === 0) {
    if (servers.length > 0) c.warn(field(p, 'dnsServers'), 'is set without forwardDomains: nothing forwards to these servers');
    return;
  }
  if (net.dnsServers === undefined || (Array.isArray(net.dnsServers) && net.dnsServers.length === 0)) {
    c.add(
      field(p, 'dnsServers'),
      `is required with forwardDomains; give the on-premises DNS servers that answer ${show(domains[0])}, inside the network's cidrs`,
    );
  }
  if (segments.length === 0) {
    c.add(
      field(p, 'forwardDomains'),
      'is set, but reach.segments is empty: no spoke reaches the network, so none could use the answers; add segments to reach.segments or remove forwardDomains',
    );
  }
}

/** On-premises ranges against every VPC, every segment range and each other (after every VPC is known). */
export function checkOnPremisesOverlaps(c: Checker): void {
  const seen: { readonly path: string; readonly cidr: string }[] = [];
  for (const onprem of c.facts.onPremisesCidrs) {
    const vpc = c.vpcs.find((v) => parseCidr(v.cidr) !== undefined && cidrsOverlap(v.cidr, onprem.cidr));
    const segment = Object.entries(c.facts.segmentCidrs)
      .flatMap(([s, cidrs]) => cidrs.map((cidr) => ({ s, cidr })))
      .find((r) => cidrsOverlap(r.cidr, onprem.cidr));
    const other = seen.find((o) => cidrsOverlap(o.cidr, onprem.cidr));
    if (vpc)
      c.add(
        onprem.path,
        `'${onprem.cidr}' overlaps ${vpc.path} '${vpc.cidr}'; on-premises ranges must be outside every VPC of the environment (the TGW routes each prefix one way)`,
      );
    else if (segment)
      c.add(
        onprem.path,
        `'${onprem.cidr}' overlaps segments["${segment.s}"] range '${segment.cidr}'; on-premises ranges must be outside the segments' ranges (the endpoints admit segments by them)`,
      );
    else if (other)
      c.add(onprem.path, `'${onprem.cidr}' overlaps ${other.path} '${other.cidr}'; give each on-premises network its own ranges`);
    seen.push(onprem);
  }
}
