import { LAB_MIGRATIONS } from '@lgsp/lab';
import { createScratchDatabase, openDatabase } from '@lgsp/database';
import { productMigrations } from '@lgsp/runtime';
import { databaseServerUrl } from '../support/environment';
import { EMBEDDED_PRODUCT_SCHEMAS, PRODUCT_SCHEMAS, schemasOf } from '../support/schemas';

const LAB_SCHEMAS = ['business', 'evaluation', 'insurance', 'land', 'population'];

/** Migrates a fresh database with each list of migrations in turn and returns its schemas. */
async function schemasAfter(...runs: Function[][]): Promise<string[]> {
  const scratch = await createScratchDatabase(databaseServerUrl());
  try {
    for (const migrations of runs) {
      const dataSource = await openDatabase(scratch.url, migrations);
      await dataSource.destroy();
    }
    return await schemasOf(scratch.url);
  } finally {
    await scratch.drop();
  }
}

/** What `lgsp start` migrates, and what only the lab's commands add. */
describe('the product’s migrations', () => {
  it('on Kafka: the registry, results, monitoring, API credentials, audit replays and the decision log, the gateway’s submissions, nothing of the lab or of the embedded transport', async () => {
    expect(await schemasAfter(productMigrations('kafka'))).toEqual(PRODUCT_SCHEMAS);
  });

  it('on the embedded transport: its tables too, still nothing of the lab', async () => {
    const schemas = await schemasAfter(productMigrations('embedded'));
    expect(schemas).toEqual(EMBEDDED_PRODUCT_SCHEMAS);
  });

  it('with the lab’s on top: the mock sources and the ground truth appear, and only then', async () => {
    // As a lab command finds a database `lgsp start` migrated: the lab's are older by timestamp and still run.
    const schemas = await schemasAfter(productMigrations('kafka'), [...productMigrations('kafka'), ...LAB_MIGRATIONS]);
    expect(schemas).toEqual([...LAB_SCHEMAS, ...PRODUCT_SCHEMAS].sort());
  });
});
