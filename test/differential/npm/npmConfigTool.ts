// Run as `node npmConfigTool.js <npm root>`: JSON scenarios in on stdin, for each the registries npm's own config
// loader (@npmcli/config from the installed npm, exactly as the CLI builds it) gives, JSON out.
/* eslint-disable @typescript-eslint/no-require-imports -- the installed npm is loaded by path at run time */
import * as path from 'node:path';

interface Scenario {
  cwd: string;
  env: Record<string, string>;
  keys: string[];
}

async function main(): Promise<void> {
  const npmRoot = process.argv[2]!;
  const Config = require(path.join(npmRoot, 'node_modules/@npmcli/config')) as new (o: object) => { load(): Promise<void>; get(k: string): unknown };
  const defs = require(path.join(npmRoot, 'node_modules/@npmcli/config/lib/definitions')) as { definitions: object; flatten: object; nerfDarts: string[]; shorthands: object };
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const scenarios = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Scenario[];
  const answers: Record<string, string | null>[] = [];
  for (const s of scenarios) {
    const config = new Config({
      npmPath: npmRoot,
      ...defs,
      argv: [],
      env: s.env,
      cwd: s.cwd,
      execPath: process.execPath,
      platform: process.platform,
      warn: false,
    });
    await config.load();
    answers.push(Object.fromEntries(s.keys.map((k) => [k, (config.get(k) as string | undefined) ?? null])));
  }
  process.stdout.write(JSON.stringify(answers));
}

main().catch((e: unknown) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e));
  process.exit(1);
});
