import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Differential, differentialTotals } from '../../differential/ledger';
import { runJsonTool } from '../../differential/realTool';

describe('differential ledger', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'differential-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('passes when every case agrees, and counts them', () => {
    const before = differentialTotals().cases;
    const d = new Differential('t-agree', dir);
    assert.equal(d.check('a', { v: [1, 2] }, { v: [1, 2] }), true);
    assert.equal(d.check('b', undefined, null), true);
    d.assertAgreement();
    assert.equal(differentialTotals().cases, before + 2);
  });

  it('fails on a disagreement that is not allowed, naming the case and both answers', () => {
    const d = new Differential('t-disagree', dir);
    d.check('range ^1.2', '1.2.3', '1.9.0');
    assert.throws(() => d.assertAgreement(), /range \^1\.2[\s\S]*"1\.2\.3"[\s\S]*"1\.9\.0"/);
  });

  it('accepts an allowed disagreement, and fails when an allowed case agrees again', () => {
    fs.writeFileSync(path.join(dir, 't-allowed.json'), JSON.stringify([{ case: 'x', reason: 'the real tool crashes on this input' }, { case: 'y', reason: 'kept to prove staleness is caught' }]));
    const d = new Differential('t-allowed', dir);
    assert.equal(d.check('x', 1, 2), false);
    d.check('y', 1, 1);
    assert.throws(() => d.assertAgreement(), /now agree/);
  });

  it('refuses an allow-list entry without a reason, and a case id used twice', () => {
    fs.writeFileSync(path.join(dir, 't-bad.json'), JSON.stringify([{ case: 'x', reason: '' }]));
    assert.throws(() => new Differential('t-bad', dir), /reason/);
    const d = new Differential('t-twice', dir);
    d.check('same', 1, 1);
    assert.throws(() => d.check('same', 1, 1), /used twice/);
  });

  it('runs a real tool once per batch with JSON in and out, and reports a failing tool', async () => {
    const echoed = await runJsonTool<number[]>(process.execPath, ['-e', 'let s="";process.stdin.on("data",c=>s+=c).on("end",()=>console.log(JSON.stringify(JSON.parse(s).map(x=>x*2))))'], [1, 2, 3]);
    assert.deepEqual(echoed, [2, 4, 6]);
    await assert.rejects(runJsonTool(process.execPath, ['-e', 'process.exit(3)'], []), /exited 3/);
  });
});
