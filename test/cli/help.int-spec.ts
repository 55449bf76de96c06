import { runLgsp } from '../support/lgsp-cli';

/** What a user reads before running anything: the version and each command's needs and choices. */
describe('lgsp help and version', () => {
  const env = { ...process.env };

  it('lgsp --version prints the package version', () => {
    const result = runLgsp(['--version'], env);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe((require('../../package.json') as { version: string }).version);
  });

  it('lgsp test --help lists what the tests need', () => {
    const help = runLgsp(['test', '--help'], env).stdout;
    expect(help).toContain('PostgreSQL on 127.0.0.1:5432');
    expect(help).toContain('Java 17 + Maven');
    expect(help).toContain('Chromium');
  });

  it('lgsp generate --help lists every dirt kind with its default rate', () => {
    const help = runLgsp(['generate', '--help'], env).stdout;
    for (const kind of ['MISSING_DIACRITICS', 'TYPO', 'DAY_MONTH_SWAP', 'LEGACY_ID', 'DUPLICATE', 'DECEASED_ACTIVE'])
      expect(help).toMatch(new RegExp(`^  ${kind} +\\d+\\.\\d %$`, 'm'));
  });

  it('lgsp start --help offers --host and --data-dir; lgsp reset --help offers --yes', () => {
    const start = runLgsp(['start', '--help'], env).stdout;
    expect(start).toContain('--host <address>');
    expect(start).toContain('--data-dir <dir>');
    expect(runLgsp(['reset', '--help'], env).stdout).toContain('--yes');
  });
});
