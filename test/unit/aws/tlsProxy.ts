// An https front for the emulator with a throw-away self-signed certificate (openssl), to prove that a CA bundle
// from the user's AWS config is what makes the certificate trusted.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsProxy {
  readonly endpoint: string;
  /** Path of the PEM certificate (the CA bundle to trust). */
  readonly certFile: string;
  readonly pem: string;
  stop(): Promise<void>;
}

/** Undefined when openssl is not installed. */
export async function startTlsProxy(target: string): Promise<TlsProxy | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'ca-tls-'));
  const key = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  const pem = readFileSync(certFile, 'utf8');
  const upstream = new URL(target);
  const server = https.createServer({ key: readFileSync(key), cert: pem }, (req, res) => {
    const forward = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${port}`,
    certFile,
    pem,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        rmSync(dir, { recursive: true, force: true });
      }),
  };
}
