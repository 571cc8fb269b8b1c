// A child process for the npm sign-in benchmark: configures npm once against the endpoint given and exits.
//   node out/scripts/bench/npmLoginProcess.js http://127.0.0.1:PORT /tmp/dir
import { configureNpm } from './npmLogin';

const [endpoint, dir] = process.argv.slice(2);
if (!endpoint || !dir) {
  console.error('Usage: node npmLoginProcess.js ENDPOINT DIR');
  process.exit(2);
}
configureNpm(endpoint, dir).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
