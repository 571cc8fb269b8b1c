// Runs the three test layers (unit, integration, e2e) in order, each in its own mocha process with its own
// config, streams their output, and ends with one summary line: "tests: N passed, N failed, N skipped".
// Usage: node out/scripts/runTests.js [unit] [integration] [e2e]   (default: all three)
import { spawn } from 'node:child_process';
import * as path from 'node:path';

interface Layer {
  name: string;
  args: string[];
}

const root = path.resolve(__dirname, '..', '..');
const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');

const layers: Layer[] = [
  { name: 'unit', args: [mocha, '--config', 'test/unit/.mocharc.json'] },
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

function runLayer(layer: Layer): Promise<{ counts: Counts; code: number }> {
  return new Promise((resolve) => {
    console.log(`\n=== ${layer.name} tests ===`);
    const child = spawn(process.execPath, layer.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.on('close', (code, signal) => resolve({ counts: countsFrom(output), code: code ?? (signal ? 1 : 0) }));
  });
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const selected = wanted.length > 0 ? layers.filter((l) => wanted.includes(l.name)) : layers;
  if (selected.length === 0) {
    console.error(`Unknown layer. Choose from: ${layers.map((l) => l.name).join(', ')}`);
    process.exit(2);
  }
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  const broken: string[] = [];
  for (const layer of selected) {
    const { counts, code } = await runLayer(layer);
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
    // A layer that crashed before reporting any failure still fails the run.
    if (code !== 0) broken.push(`${layer.name} (exit ${code})`);
    console.log(`--- ${layer.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
  if (broken.length > 0) console.log(`\nFailed layers: ${broken.join(', ')}`);
  console.log(`\ntests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(broken.length > 0 || total.failed > 0 || total.passed === 0 ? 1 : 0);
}

void main();
