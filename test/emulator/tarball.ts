// The one tar writer of the emulator's synthesized artifacts (npm tarballs, crates, gems): fixed mtime, owner and
// mode, so identical input gives identical bytes (stable hashes, a stable `cksum`).
import { pack } from 'tar-stream';

/** npm's own fixed tarball mtime (1985-10-26). */
const TAR_MTIME = new Date('1985-10-26T08:15:00Z');

/** A plain (not gzipped) tar of `files` in the order given. */
export function deterministicTar(files: readonly (readonly [string, Buffer | string])[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => {
    if (Buffer.isBuffer(c)) chunks.push(c);
  });
  const done = new Promise<void>((resolve, reject) => {
    p.on('end', resolve);
    p.on('error', reject);
  });
  for (const [name, body] of files) p.entry({ name, mode: 0o644, mtime: TAR_MTIME, uid: 0, gid: 0, uname: '', gname: '' }, body);
  p.finalize();
  return done.then(() => Buffer.concat(chunks));
}
