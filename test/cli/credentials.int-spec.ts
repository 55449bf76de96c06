import { createScratchDatabase, ScratchDatabase } from '@lgsp/database';
import { databaseServerUrl, kafkaBrokers } from '../support/environment';
import { runLgsp } from '../support/lgsp-cli';

/** `lgsp credentials` as an operator runs it against a database: grants at creation, shown by list, refused when wrong. */
describe('lgsp credentials', () => {
  let db: ScratchDatabase;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    db = await createScratchDatabase(databaseServerUrl(), 'lgsp_credentials');
    env = {
      ...process.env,
      DATABASE_URL: db.url,
      LGSP_TRANSPORT: 'kafka',
      KAFKA_BROKERS: kafkaBrokers().join(','),
      LOG_LEVEL: 'warn',
    };
  });
  afterAll(async () => {
    await db.drop();
  });

  it('creates a key for some sources and provinces, and one without restriction, and lists both (never a key)', () => {
    const created = runLgsp(
      [
        'credentials',
        'create',
        'land-79',
        '--scope',
        'gateway:write',
        'gateway:read',
        '--sources',
        'land,insurance',
        '--provinces',
        '79,01',
      ],
      env,
    );
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('sources insurance,land, provinces 01,79');
    const key = /^lgsp_[0-9a-f]{12}_\S+$/m.exec(created.stdout)![0];
    expect(runLgsp(['credentials', 'create', 'legacy'], env).stdout).toContain('sources all, provinces all');

    const listed = runLgsp(['credentials', 'list'], env);
    expect(listed.status).toBe(0);
    const rows = listed.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(rows.map((r) => [r[2], r[3], r[4], r[6]])).toEqual([
      ['gateway:write,gateway:read', 'insurance,land', '01,79', 'land-79'],
      ['records:read', 'all-sources', 'all-provinces', 'legacy'],
    ]);
    expect(listed.stdout).not.toContain(key.slice(18));
  });

  it('refuses a source or province it does not know, saying which, and stores nothing', () => {
    const badProvince = runLgsp(['credentials', 'create', 'x', '--provinces', '79,74'], env);
    expect(badProvince.status).not.toBe(0);
    expect(badProvince.stderr).toContain('unknown provinces 74');
    const badSource = runLgsp(['credentials', 'create', 'y', '--sources', 'lands'], env);
    expect(badSource.stderr).toContain('unknown sources lands');
    expect(runLgsp(['credentials', 'list'], env).stdout.trim().split('\n')).toHaveLength(2);
  });
});
