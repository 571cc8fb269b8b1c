// `node out/test/emulator/cli.js --port 0 --seed <file.json> [--latency-ms N] [--faults <spec>]`
// Prints one line of JSON with the endpoint once listening; stops cleanly on SIGTERM/SIGINT.
import { parseArgs } from 'node:util';
import { parseFaults } from './faults';
import { startEmulator } from './server';

const USAGE = 'usage: emulator --seed <file.json> [--port N] [--latency-ms N] [--faults <spec>]  (see test/emulator/README.md)';

function fail(message: string): never {
  process.stderr.write(`emulator: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function nonNegativeInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) fail(`${flag} must be a non-negative whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

async function main(): Promise<void> {
  let values: { seed?: string; port?: string; 'latency-ms'?: string; faults?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        seed: { type: 'string' },
        port: { type: 'string' },
        'latency-ms': { type: 'string' },
        faults: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.seed) fail('--seed is required');
  const port = nonNegativeInt(values.port, '--port', 0);
  if (port > 65535) fail('--port must be at most 65535');
  const latencyMs = nonNegativeInt(values['latency-ms'], '--latency-ms', 0);
  try {
    parseFaults(values.faults);
  } catch (err) {
    fail((err as Error).message);
  }

  let emulator;
  try {
    emulator = await startEmulator({ seed: values.seed, port, latencyMs, faults: values.faults });
  } catch (err) {
    process.stderr.write(`emulator: ${(err as Error).message}\n`);
    process.exit(1);
  }
  const domains = [...emulator.store.domains.values()].map((d) => ({ name: d.name, owner: d.owner, region: d.region }));
  process.stdout.write(`${JSON.stringify({ endpoint: emulator.endpoint, pid: process.pid, domains })}\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => {
      process.stderr.write(`emulator: still stopping 5 s after ${signal}; exiting\n`);
      process.exit(1);
    }, 5000);
    timer.unref();
    emulator.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`emulator: stop failed: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
