import { formatPorts, merge, missing, outside, overlaps, protocolName, ruleRange, tcp } from '../../../../lib/reports/connectivity/ports';

test('protocols by name or number', () => {
  expect(['-1', 'all', 'tcp', '6', 'UDP', '17', '1', 'icmpv6'].map(protocolName)).toEqual([
    'all',
    'all',
    'tcp',
    'tcp',
    'udp',
    'udp',
    'icmp',
    'icmpv6',
  ]);
  expect(ruleRange('all', 443, 443)).toEqual({ protocol: 'all', from: 0, to: 65535 });
  expect(ruleRange('tcp', undefined, undefined)).toEqual({ protocol: 'tcp', from: 0, to: 65535 });
  expect(ruleRange('tcp', 8010, 8000)).toEqual({ protocol: 'tcp', from: 8000, to: 8010 });
});

test('merging joins overlapping and adjacent ranges of one protocol', () => {
  expect(
    merge([
      { protocol: 'tcp', from: 5432, to: 5432 },
      { protocol: 'tcp', from: 443, to: 443 },
      { protocol: 'tcp', from: 5433, to: 5440 },
      { protocol: 'udp', from: 53, to: 53 },
      { protocol: 'tcp', from: 5435, to: 5436 },
      { protocol: 'all', from: 0, to: 65535 },
    ]),
  ).toEqual([
    { protocol: 'all', from: 0, to: 65535 },
    { protocol: 'tcp', from: 443, to: 443 },
    { protocol: 'tcp', from: 5432, to: 5440 },
    { protocol: 'udp', from: 53, to: 53 },
  ]);
});

test('what is missing and what lies outside', () => {
  const service = tcp([
    { from: 5432, to: 5432 },
    { from: 8000, to: 8010 },
  ]);
  expect(missing(service, tcp([{ from: 8003, to: 8004 }]))).toEqual(
    tcp([
      { from: 5432, to: 5432 },
      { from: 8000, to: 8002 },
      { from: 8005, to: 8010 },
    ]),
  );
  expect(missing(service, [ruleRange('all', undefined, undefined)])).toEqual([]);
  expect(missing(service, [{ protocol: 'udp', from: 0, to: 65535 }])).toEqual(service);
  expect(outside(tcp([{ from: 5430, to: 5433 }]), service)).toEqual(
    tcp([
      { from: 5430, to: 5431 },
      { from: 5433, to: 5433 },
    ]),
  );
  expect(outside([{ protocol: 'udp', from: 5432, to: 5432 }], service)).toEqual([{ protocol: 'udp', from: 5432, to: 5432 }]);
  expect(outside([ruleRange('all', undefined, undefined)], service)).toEqual([{ protocol: 'all', from: 0, to: 65535 }]);
  expect(overlaps(tcp([{ from: 22, to: 22 }]), service)).toBe(false);
  expect(overlaps(tcp([{ from: 8010, to: 9000 }]), service)).toBe(true);
});

test('printing', () => {
  expect(
    formatPorts([
      { protocol: 'tcp', from: 8000, to: 8010 },
      { protocol: 'tcp', from: 443, to: 443 },
      { protocol: 'udp', from: 53, to: 53 },
      { protocol: 'icmp', from: 0, to: 65535 },
      { protocol: 'tcp', from: 0, to: 65535 },
    ]),
  ).toBe('all ports, udp 53, icmp');
  expect(
    formatPorts([
      { protocol: 'tcp', from: 443, to: 443 },
      { protocol: 'tcp', from: 8000, to: 8010 },
      { protocol: 'all', from: 0, to: 65535 },
    ]),
  ).toBe('all, 443, 8000-8010');
  expect(formatPorts([])).toBe('');
});
