import fc from 'fast-check';

const nested = (depth: number, leaf = '1') => '['.repeat(depth) + leaf + ']'.repeat(depth);

/** Values that are wrong for almost every field: other types, extremes, odd strings, prototype keys, deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 2, -(2 ** 63), '', [], {}, [null], { '': '' }),
  fc.constantFrom('\ud800', 'a\udfffb', '\u0000', '\u202eevil', '\ufeff', '%00', '../../etc/passwd', 'javascript:alert(1)', '__proto__', 'constructor'),
  fc.constantFrom(JSON.parse('{"__proto__":{"polluted":true}}'), { constructor: { prototype: { polluted: true } } }, { toString: 1, valueOf: 'x', hasOwnProperty: null }),
  fc.integer({ min: 1, max: 48 }).map((depth) => JSON.parse(nested(depth))),
  fc.integer({ min: 1_000, max: 60_000 }).map((n) => 'x'.repeat(n)),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => JSON.parse(n.toString())),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Action names a client might send that are no action: prototype names, odd and long strings. */
export const hostileActionName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'prototype', '', ' ', 'LOGIN', 'login\u0000'),
  fc.string({ maxLength: 30 }),
  fc.integer({ min: 200, max: 5_000 }).map((n) => 'a'.repeat(n)),
);

/** A multipart body with odd parts, then maybe cut short; the declared boundary may not be the one used. */
export const multipartAbuse: fc.Arbitrary<{ contentType: string; body: string }> = fc
  .record({
    boundary: fc.oneof(fc.constant('b0undary'), fc.string({ minLength: 1, maxLength: 70 })),
    declared: fc.oneof(fc.constant('same'), fc.constantFrom('multipart/form-data', 'multipart/mixed; boundary=b0undary', 'multipart/form-data; boundary=', 'multipart/form-data; boundary="unterminated', 'multipart/related; boundary=b0undary')),
    parts: fc.array(fc.record({
      name: fc.oneof(fc.constant('file'), fc.string({ maxLength: 10 })),
      filename: fc.option(fc.oneof(fc.constant('a.txt'), fc.string({ maxLength: 20 }), fc.constant('../../x.exe')), { nil: undefined }),
      type: fc.option(fc.constantFrom('text/plain', 'image/png', 'application/x-msdownload', '', 'x'), { nil: undefined }),
      data: fc.string({ maxLength: 200 }),
    }), { maxLength: 3 }),
    cut: fc.option(fc.nat({ max: 400 }), { nil: undefined }),
    closed: fc.boolean(),
  })
  .map(({ boundary, declared, parts, cut, closed }) => {
    const body = parts.map((p) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}\r\n${p.type !== undefined ? `Content-Type: ${p.type}\r\n` : ''}\r\n${p.data}\r\n`).join('') + (closed ? `--${boundary}--\r\n` : '');
    return { contentType: declared === 'same' ? `multipart/form-data; boundary=${boundary}` : declared, body: cut === undefined ? body : body.slice(0, cut) };
  });

/** Content types clients get wrong. */
export const hostileContentType: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constantFrom(undefined, 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-99', 'multipart/form-data', 'multipart/mixed; boundary=x', 'image/png', ';;;', 'application/json, text/plain'),
  fc.string({ maxLength: 30 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
);
