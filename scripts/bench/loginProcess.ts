// A child process for the sign-in benchmark: configures one tool once against the endpoint given and exits.
//   node out/scripts/bench/loginProcess.js npm|pip|twine http://127.0.0.1:PORT /tmp/dir
import { configureTool, TOOLS, type Tool } from './login';

const [tool, endpoint, dir] = process.argv.slice(2);
if (!tool || !(TOOLS as readonly string[]).includes(tool) || !endpoint || !dir) {
  console.error('Usage: node loginProcess.js npm|pip|twine ENDPOINT DIR');
  process.exit(2);
}
configureTool(tool as Tool, endpoint, dir).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
