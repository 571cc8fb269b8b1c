// Investigation only: runs test/e2e/inHost/netProbe.ts in code-server's extension host and prints its numbers.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildDriverVsix } from '../../test/e2e/driver/build';
import { demoSeed, DEMO_ACCESS_KEY_ID } from '../../test/e2e/fixtures';
import { VsCodeSession } from '../../test/e2e/harness';

async function main(): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'netprobe-'));
  const session = await VsCodeSession.start({
    name: 'netprobe', seed: demoSeed().seed, accessKeyId: DEMO_ACCESS_KEY_ID, extraVsix: [buildDriverVsix(scratch)],
    settings: JSON.parse(process.env.PROBE_SETTINGS ?? '{}') as Record<string, unknown>,
    env: { CODEARTIFACT_BENCH_RUNNER: path.join(__dirname, '..', '..', 'test', 'e2e', 'inHost', 'netProbe.js'), CODEARTIFACT_BENCH_DIR: scratch },
  });
  try {
    const file = path.join(scratch, 'probe.json');
    const deadline = Date.now() + 120_000;
    while (!fs.existsSync(file) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    console.log(fs.readFileSync(file, 'utf8'));
  } finally {
    await session.stop();
  }
}
void main();
