// Runs the three test layers (unit, integration, e2e) in order, each in its own mocha process with its own
// config, streams their output, and ends with one summary line: "tests: N passed, N failed, N skipped".
// Usage: node out/scripts/runTests.js [--stress] [unit] [differential] [integration] [e2e]   (default: all four)
// --stress (npm run test:stress) sets CODEARTIFACT_STRESS=1: property tests run 20 times as many cases, the
// kill-during-write test kills 20 times as often, and the chaos test runs 20 times as many rounds.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

interface Layer {
  name: string;
  args: string[];
}

const root = path.resolve(__dirname, '..', '..');
const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');

const layers: Layer[] = [
  { name: 'unit', args: [mocha, '--config', 'test/unit/.mocharc.json'] },
  // Our version answers against the real package managers' (npm's libraries, packaging, poetry-core, Maven).
  { name: 'differential', args: [mocha, '--config', 'test/differential/.mocharc.json'] },
  { name: 'integration', args: [mocha, '--config', 'test/integration/.mocharc.json'] },
  // run.js provisions code-server (cached) and then runs the e2e mocha suite.
  { name: 'e2e', args: [path.join(root, 'out', 'test', 'e2e', 'run.js')] },
];

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

// Mocha's spec reporter ends with "  N passing (Xs)", "  N pending", "  N failing".
function countsFrom(output: string): Counts {
  const grab = (word: string): number => {
    const matches = [...output.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))];
    return matches.reduce((sum, m) => sum + Number(m[1]), 0);
  };
  return { passed: grab('passing'), failed: grab('failing'), skipped: grab('pending') };
}

function runLayer(layer: Layer, env: NodeJS.ProcessEnv): Promise<{ counts: Counts; code: number; output: string }> {
  return new Promise((resolve) => {
    console.log(`\n=== ${layer.name} tests ===`);
    const child = spawn(process.execPath, layer.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('close', (code, signal) => resolve({ counts: countsFrom(output), code: code ?? (signal ? 1 : 0), output: output + errors }));
  });
}

// Where a token must never be: the whole repository tree as the run left it (test-results/ with VS Code's and
// code-server's logs and the in-host reports, fixtures, docs), but not the caches of installed software.
// .demo/ is the demo's own home directory, where user-level files hold tokens by design.
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.vscode-test', '.demo', 'out', 'dist']);
const SKIPPED_EXTENSIONS = new Set(['.png', '.jpg', '.vsix', '.zip', '.tgz', '.whl', '.jar']);

function filesToScan(dir: string, found: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) filesToScan(full, found);
    } else if (entry.isFile() && !SKIPPED_EXTENSIONS.has(path.extname(entry.name))) {
      found.push(full);
    }
  }
  return found;
}

/** Every token any emulator issued during the run, looked for in the output of every layer and the files left behind. */
function scanForTokens(ledger: string, output: string): { tokens: number; files: number; leaks: string[] } {
  const tokens = [...new Set(fs.readFileSync(ledger, 'utf8').split('\n').filter((t) => t.length > 0))];
  const leaks: string[] = [];
  if (tokens.some((t) => output.includes(t))) leaks.push('the test output');
  const files = filesToScan(root);
  for (const file of files) {
    const text = fs.readFileSync(file, 'latin1');
    // Only where, never the token itself.
    if (tokens.some((t) => text.includes(t))) leaks.push(path.relative(root, file));
  }
  return { tokens: tokens.length, files: files.length, leaks };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const stress = args.includes('--stress');
  const wanted = args.filter((a) => a !== '--stress');
  const selected = wanted.length > 0 ? layers.filter((l) => wanted.includes(l.name)) : layers;
  if (selected.length === 0) {
    console.error(`Unknown layer. Choose from: ${layers.map((l) => l.name).join(', ')}`);
    process.exit(2);
  }
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  const broken: string[] = [];
  const ledgerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'codeartifact-ledger-'));
  const ledger = path.join(ledgerDir, 'tokens');
  fs.writeFileSync(ledger, '', { mode: 0o600 });
  const env = { ...process.env, CODEARTIFACT_TOKEN_LEDGER: ledger, ...(stress ? { CODEARTIFACT_STRESS: '1' } : {}) };
  if (stress) console.log('Stress mode (CODEARTIFACT_STRESS=1): 20 times the cases, kills and rounds; this takes a while.');
  let allOutput = '';
  for (const selectedLayer of selected) {
    // Twenty times the work needs more than the everyday per-test timeouts (still a hang guard).
    const layer = stress && selectedLayer.name !== 'e2e' ? { ...selectedLayer, args: [...selectedLayer.args, '--timeout', '1800000'] } : selectedLayer;
    const { counts, code, output } = await runLayer(layer, env);
    allOutput += output;
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
    // A layer that crashed before reporting any failure still fails the run.
    if (code !== 0) broken.push(`${layer.name} (exit ${code})`);
    console.log(`--- ${layer.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }

  // Secret hygiene over the whole run, counted as one more test.
  const hygiene = scanForTokens(ledger, allOutput);
  fs.rmSync(ledgerDir, { recursive: true, force: true });
  if (hygiene.tokens === 0 && selected.some((l) => l.name === 'integration' || l.name === 'e2e')) {
    total.failed += 1;
    console.log('\nsecret hygiene: FAILED — no emulator issued a token during the run, so the scan would prove nothing.');
  } else if (hygiene.leaks.length > 0) {
    total.failed += 1;
    console.log(`\nsecret hygiene: FAILED — an issued token appears in: ${hygiene.leaks.join(', ')}`);
  } else {
    total.passed += 1;
    console.log(`\nsecret hygiene: none of the ${hygiene.tokens} tokens issued during the run appears in the test output or in the ${hygiene.files} files under the repository (test-results/ logs included).`);
  }

  if (broken.length > 0) console.log(`\nFailed layers: ${broken.join(', ')}`);
  console.log(`\ntests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(broken.length > 0 || total.failed > 0 || total.passed === 0 ? 1 : 0);
}

void main();
