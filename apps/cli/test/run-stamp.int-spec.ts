import { execFileSync } from 'node:child_process';
import { runStamp, stampLine } from '../src/lab/run-stamp';
import { databaseServerUrl } from '../../../test/support/environment';

describe('the stamp of a bench or eval report', () => {
  it('names the checkout commit, whether it was dirty, and the server version and settings', async () => {
    const stamp = await runStamp(databaseServerUrl());
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    expect(stamp.commit).toBe(head);
    expect(typeof stamp.dirty).toBe('boolean');
    expect(stamp.postgres.version).toMatch(/^\d+\.\d+/);
    expect(Object.keys(stamp.postgres.settings)).toEqual(
      expect.arrayContaining(['shared_buffers', 'synchronous_commit', 'autovacuum']),
    );
    expect(stampLine(stamp)).toContain(`commit ${head.slice(0, 7)}`);
  });
});
