// HttpTransport and TLS: a server with a certificate from our own CA (as behind a corporate proxy that
// re-signs traffic) is refused by default, accepted with that CA among the extra certificates, directly and
// through a CONNECT proxy; `http.proxyStrictSSL: false` accepts it only on proxied connections.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { HttpTransport, type TransportOptions } from '../../src/aws/httpTransport';
import { startConnectProxy, type ConnectProxy } from './connectProxy';

describe('HttpTransport: custom CA certificates and proxyStrictSSL', function () {
  this.timeout(30_000);
  let server: https.Server;
  let url: string;
  let cert: string;
  let proxy: ConnectProxy;
  let dir: string;
  const transports: HttpTransport[] = [];
  const get = async (options: TransportOptions): Promise<string> => {
    const t = new HttpTransport(options, {});
    transports.push(t);
    const res = await t.fetch(`${url}/hello`);
    return `${res.status} ${await res.text()}`;
  };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transport-tls-'));
    const key = path.join(dir, 'key.pem');
    const crt = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
    cert = fs.readFileSync(crt, 'utf8');
    server = https.createServer({ key: fs.readFileSync(key), cert }, (_req, res) => res.end('hi'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://localhost:${(server.address() as AddressInfo).port}`;
    proxy = await startConnectProxy();
  });
  after(async () => {
    for (const t of transports) t.dispose();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await proxy.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an unknown CA, directly and through the proxy', async () => {
    await assert.rejects(get({}), /self-signed|self signed|unable to verify/i);
    await assert.rejects(get({ proxy: proxy.url }), /self-signed|self signed|unable to verify/i);
  });

  it('accepts it with the CA among the extra certificates, directly and through the proxy', async () => {
    assert.equal(await get({ extraCertificates: [cert] }), '200 hi');
    const before = proxy.tunnels.length;
    assert.equal(await get({ proxy: proxy.url, extraCertificates: [cert] }), '200 hi');
    assert.equal(proxy.tunnels.length, before + 1, 'through the proxy');
  });

  it('proxyStrictSSL: false accepts any certificate through the proxy, never on a direct connection', async () => {
    assert.equal(await get({ proxy: proxy.url, strictSSL: false }), '200 hi');
    await assert.rejects(get({ strictSSL: false }), /self-signed|self signed|unable to verify/i);
  });
});
