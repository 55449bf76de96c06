import { databaseServerUrl } from '../support/environment';
import { generateSqlSnapshot, snapshotDifferences, SQL_DIR, writeSnapshot } from './sql-snapshot';

/**
 * The committed SQL snapshot (docs/sql) is what the repositories send and how PostgreSQL plans the look-ups, so a
 * change of a statement or of a plan shows in review. `npm run sql:snapshot` runs this file with
 * LGSP_SQL_SNAPSHOT=write, which rewrites the snapshot first.
 */
describe('SQL snapshot on the real PostgreSQL', () => {
  it('docs/sql holds every repository statement and the plans of the look-ups, as generated now', async () => {
    const generated = await generateSqlSnapshot(databaseServerUrl());
    if (process.env.LGSP_SQL_SNAPSHOT === 'write') writeSnapshot(SQL_DIR, generated);
    expect(snapshotDifferences(SQL_DIR, generated)).toEqual([]);
  });
});
