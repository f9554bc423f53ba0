import test from 'ava';
import fc from 'fast-check';
import {
  formatTarget,
  isActiveTarget,
  isPassiveTarget,
  OFP_PORT,
  parseActiveTarget,
  parsePassiveTarget,
  parseTarget,
  TargetError,
  type TargetProblem,
} from '../../src/transport/target.js';

const valid: Array<[string, Record<string, unknown>]> = [
  ['tcp:127.0.0.1', { prefix: 'tcp', host: '127.0.0.1', hostKind: 'ipv4', port: 6653, defaultPort: true }],
  ['tcp:127.0.0.1:6633', { prefix: 'tcp', host: '127.0.0.1', port: 6633, defaultPort: false }],
  ['tcp:127.0.0.1:', { prefix: 'tcp', host: '127.0.0.1', port: 6653, defaultPort: true }],
  ['ssl:10.1.2.3:65535', { prefix: 'ssl', host: '10.1.2.3', port: 65535 }],
  ['tcp:[::1]:6653', { prefix: 'tcp', host: '::1', hostKind: 'ipv6', port: 6653 }],
  ['tcp:[::1]', { prefix: 'tcp', host: '::1', hostKind: 'ipv6', port: 6653, defaultPort: true }],
  ['tcp:[fe80::1%lo]:1', { prefix: 'tcp', host: 'fe80::1%lo', hostKind: 'ipv6', port: 1 }],
  // Open vSwitch: more than one colon outside brackets makes the whole text a host.
  ['tcp:::1', { prefix: 'tcp', host: '::1', hostKind: 'ipv6', port: 6653 }],
  ['tcp:fe80::1:2', { prefix: 'tcp', host: 'fe80::1:2', hostKind: 'ipv6', port: 6653 }],
  ['tcp:[1.2.3.4]:80', { prefix: 'tcp', host: '1.2.3.4', hostKind: 'ipv4', port: 80 }],
  ['tcp:controller.example.com:6653', { prefix: 'tcp', host: 'controller.example.com', hostKind: 'name', port: 6653 }],
  ['ssl:localhost', { prefix: 'ssl', host: 'localhost', hostKind: 'name', port: 6653 }],
  ['tcp:ctl-1.example.:7', { prefix: 'tcp', host: 'ctl-1.example.', hostKind: 'name', port: 7 }],
  ['unix:/var/run/ofconnmgr/br0.sock', { prefix: 'unix', path: '/var/run/ofconnmgr/br0.sock' }],
  ['unix:br0.mgmt', { prefix: 'unix', path: 'br0.mgmt' }],
  ['unix:/tmp/a dir/sock', { prefix: 'unix', path: '/tmp/a dir/sock' }],
  ['ptcp:', { prefix: 'ptcp', host: '0.0.0.0', hostKind: 'ipv4', port: 6653, defaultPort: true }],
  ['ptcp:0', { prefix: 'ptcp', host: '0.0.0.0', port: 0, defaultPort: false }],
  ['ptcp:6633', { prefix: 'ptcp', host: '0.0.0.0', port: 6633 }],
  ['ptcp:6653:127.0.0.1', { prefix: 'ptcp', host: '127.0.0.1', port: 6653 }],
  ['ptcp::127.0.0.1', { prefix: 'ptcp', host: '127.0.0.1', port: 6653, defaultPort: true }],
  ['ptcp:6653:[::1]', { prefix: 'ptcp', host: '::1', hostKind: 'ipv6', port: 6653 }],
  ['ptcp:0:[::]', { prefix: 'ptcp', host: '::', hostKind: 'ipv6', port: 0 }],
  ['pssl:0:localhost', { prefix: 'pssl', host: 'localhost', hostKind: 'name', port: 0 }],
  ['pssl:', { prefix: 'pssl', host: '0.0.0.0', port: 6653 }],
  ['punix:/run/ofconnmgr/br0.mgmt', { prefix: 'punix', path: '/run/ofconnmgr/br0.mgmt' }],
];

for (const [text, expected] of valid) {
  test(`§3.1 §3.2 §3.3 target "${text}" parses`, (t) => {
    const parsed = parseTarget(text);
    t.like(parsed, { text, ...expected });
  });
}

const invalid: Array<[unknown, TargetProblem, RegExp]> = [
  ['', 'bad-text', /empty target/],
  [42, 'bad-text', /must be a string, not number/],
  [null, 'bad-text', /not null/],
  [undefined, 'bad-text', /not undefined/],
  [{ target: 'tcp:1.2.3.4' }, 'bad-text', /not object/],
  ['tcp:1.2.3.4\n', 'bad-text', /control characters/],
  ['x'.repeat(5000), 'bad-text', /longer than 4096/],
  ['127.0.0.1:6653', 'unsupported', /unsupported prefix "127.0.0.1:"/],
  ['6653', 'no-prefix', /missing prefix/],
  [':6653', 'no-prefix', /missing prefix/],
  ['udp:1.2.3.4:6653', 'unsupported', /unsupported prefix "udp:"/],
  ['TCP:1.2.3.4', 'unsupported', /unsupported prefix/],
  ['tcp:', 'bad-host', /host must be specified/],
  ['tcp::6653', 'bad-host', /host must be specified/],
  ['ssl:1.2.3.4:0', 'bad-port', /port 0 cannot be dialled/],
  ['tcp:1.2.3.4:65536', 'bad-port', /greater than 65535/],
  ['tcp:1.2.3.4:-1', 'bad-port', /bad port number "-1"/],
  ['tcp:1.2.3.4:66a', 'bad-port', /bad port number "66a"/],
  ['tcp:1.2.3.4:123456', 'bad-port', /bad port number/],
  ['tcp:1.2.3.4: 80', 'bad-port', /bad port number " 80"/],
  ['ptcp:http', 'bad-port', /bad port number "http"/],
  ['ptcp:[::1]', 'bad-port', /bad port number/],
  ['tcp:[::1', 'bad-ipv6-bracket', /without a matching "\]"/],
  ['tcp:::1]:80', 'bad-ipv6-bracket', /without a matching "\["/],
  ['tcp:[[::1]]:80', 'bad-ipv6-bracket', /nested/],
  ['tcp:[::1]x:80', 'bad-ipv6-bracket', /misplaced brackets/],
  ['tcp:[not-ipv6]:80', 'bad-ipv6-bracket', /not an IPv6 address/],
  ['ptcp:6653:[::g]', 'bad-ipv6-bracket', /not an IPv6 address/],
  ['tcp:1::2::3', 'bad-host', /bad IPv6 address/],
  ['tcp:1.2.3:80', 'bad-host', /bad IPv4 address "1.2.3"/],
  ['tcp:256.1.1.1', 'bad-host', /bad IPv4 address/],
  ['tcp:bad_host!:80', 'bad-host', /neither an IP address nor a valid host name/],
  ['tcp:-lead.example:80', 'bad-host', /neither an IP address/],
  ['tcp:a..b:80', 'bad-host', /neither an IP address/],
  ['tcp:a b:80', 'bad-host', /neither an IP address/],
  ['ptcp:6653:', 'bad-host', /empty host/],
  ['unix:', 'empty-path', /needs a socket path/],
  ['punix:', 'empty-path', /needs a socket path/],
];

for (const [value, problem, message] of invalid) {
  const label = typeof value === 'string' ? (value.length > 30 ? `${value.slice(0, 30)}...` : JSON.stringify(value)) : String(JSON.stringify(value));
  test(`§3.5 invalid target ${label} is a TargetError (${problem})`, (t) => {
    const e = t.throws(() => parseTarget(value));
    t.true(TargetError.is(e), String(e));
    const te = e as TargetError;
    t.is(te.problem, problem);
    t.regex(te.message, message);
    t.true(te.message.startsWith('"'), 'the message names the target first');
  });
}

test('§3.5 active and passive targets are told apart', (t) => {
  t.true(isActiveTarget('tcp:1.2.3.4'));
  t.false(isActiveTarget('ptcp:6653'));
  t.true(isPassiveTarget('punix:/tmp/x'));
  t.false(isPassiveTarget('unix:/tmp/x'));
  t.false(isActiveTarget(17));
  const e1 = t.throws(() => parseActiveTarget('ptcp:6653'));
  t.is((e1 as TargetError).problem, 'wrong-kind');
  t.regex(e1!.message, /passive target; an active one/);
  const e2 = t.throws(() => parsePassiveTarget('ssl:1.2.3.4'));
  t.is((e2 as TargetError).problem, 'wrong-kind');
});

test('§3.2 default port is 6653', (t) => {
  t.is(OFP_PORT, 6653);
  t.is(formatTarget(parseTarget('tcp:10.0.0.1')), 'tcp:10.0.0.1:6653');
  t.is(formatTarget(parseTarget('pssl:')), 'pssl:6653:0.0.0.0');
  t.is(formatTarget(parseTarget('ptcp:0:[::1]')), 'ptcp:0:[::1]');
  t.is(formatTarget(parseTarget('tcp:::1')), 'tcp:[::1]:6653');
});

test('§3.5 no string at all can make the parser throw anything but TargetError', (t) => {
  const alphabet = fc.constantFrom(...'tcpslunix:[]0123456789.abf-_%/ '.split(''), 'tcp:', 'ptcp:', 'ssl:', 'punix:', '::', '[::1]');
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.array(alphabet, { maxLength: 12 }).map((a) => a.join(''))), (s) => {
      try {
        const parsed = parseTarget(s);
        // Whatever parses, formats into something that parses to the same endpoint.
        const again = parseTarget(formatTarget(parsed));
        t.deepEqual({ ...again, text: '', defaultPort: false }, { ...parsed, text: '', defaultPort: false });
      } catch (e) {
        if (!TargetError.is(e)) throw e;
      }
    }),
    { numRuns: 3000 },
  );
  t.pass();
});
