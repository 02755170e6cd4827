import { scanText, scanTree } from './secret-scan';

// Secret-shaped values are assembled at run time, so this file holds none.
const b64 = (n: number) => 'MIIEpAIBAAKCAQEA'.padEnd(n, 'q');
const pem = (kind: string) =>
  `-----BEGIN ${kind}PRIVATE KEY-----\n${b64(64)}\n${b64(64)}\n-----END ${kind}PRIVATE KEY-----\n`;
const akid = 'AK' + 'ID' + 'x9k2'.repeat(8);
const skey = 'q7Rt'.repeat(8);

describe('secret scan of the git-tracked tree (issue 16)', () => {
  it('finds nothing in the repository', () => {
    expect(scanTree()).toEqual([]);
  });
});

describe('what it finds (file and line, never the value)', () => {
  it('PEM private keys of any kind, but not a mention of the header in prose', () => {
    expect(scanText('a.ts', `const k = 1;\n${pem('RSA ')}`)).toEqual([
      { file: 'a.ts', line: 2, kind: 'PEM private key' },
    ]);
    expect(scanText('b.txt', pem(''))).toHaveLength(1);
    expect(scanText('c.txt', pem('EC '))).toHaveLength(1);
    expect(scanText('README.md', 'scan for -----BEGIN … PRIVATE KEY----- blocks')).toEqual([]);
  });

  it('Tencent SecretId and SecretKey shapes, allowing obviously fake ones', () => {
    expect(scanText('d.json', `{"secretId": "${akid}"}`)).toEqual([
      { file: 'd.json', line: 1, kind: 'Tencent Cloud SecretId (AKID…)' },
    ]);
    expect(scanText('e.ts', `\nconst secretKey = '${skey}';`)).toEqual([
      { file: 'e.ts', line: 2, kind: 'Tencent Cloud SecretKey' },
    ]);
    expect(scanText('f.sh', `TENCENTCLOUD_SECRETKEY="${skey}"`)).toHaveLength(1);
    expect(scanText('g.md', `AKID${'z8krbsJ5yKBZQpn74WFkmLPx3'}EXAMPLE`)).toEqual([]);
    expect(scanText('h.ts', "TENCENTCLOUD_SECRETKEY: 'local-emulator-secret-key'")).toEqual([]);
  });

  it('upload keys and other key files by name', () => {
    expect(scanText('keys/private.wx1234567890abcdef.key', '')).toEqual([
      {
        file: 'keys/private.wx1234567890abcdef.key',
        line: 1,
        kind: 'key file (private key, certificate or upload key)',
      },
    ]);
    expect(scanText('server.pem', '')).toHaveLength(1);
  });

  it('.env files with a value for anything but a public setting', () => {
    const text =
      'TARO_APP_CLOUD_ENV=sgz-prod-1a2b3c\nTARO_APP_TPL_REQUEST_STATUS=\nSGZ_AUDIT_SALT=abc\n# comment=1\n';
    expect(scanText('client/.env.production', text)).toEqual([
      { file: 'client/.env.production', line: 3, kind: '.env value for SGZ_AUDIT_SALT' },
    ]);
    expect(scanText('.env', 'API_TOKEN="placeholder"')).toEqual([]);
    expect(scanText('notes.env.md', 'SGZ_AUDIT_SALT=abc')).toEqual([]);
  });
});
