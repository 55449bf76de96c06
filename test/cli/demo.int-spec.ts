import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, freePort } from '../support/environment';
import { embeddedDefaultEnv, StartedLgsp } from '../support/lgsp-cli';
import { schemasOf } from '../support/schemas';

/** The sum of a counter's samples on /metrics. */
async function counter(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** `npm start` with nothing else typed: a small province loads and keeps changing, so the figures move. */
describe('lgsp start with the demo (the embedded default)', () => {
  let lgsp: StartedLgsp | undefined;
  let dataDir: string;
  let port: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lgsp-demo-'));
    port = await freePort();
  });
  afterAll(async () => {
    await lgsp?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the demo province into the empty database and says what happens and what to run next', async () => {
    lgsp = new StartedLgsp([], embeddedDefaultEnv(dataDir, port));
    await lgsp.waitFor(/^demo: the sources now change at 3 changes\/s/m);
    expect(lgsp.output).toContain('demo: loading a small province (2,000 citizens');
    expect(lgsp.output).toContain('INVALID_EVENT');
    expect(lgsp.output).toContain('next: in another terminal: lgsp generate --citizens 5000');
    expect(lgsp.output).toContain('--no-demo');
    // The demo is the lab's, in the embedded database only: its tables sit beside the product's there.
    expect(await schemasOf(`postgres://lgsp:lgsp@127.0.0.1:${port + 1}/lgsp`)).toEqual(
      expect.arrayContaining(['registry', 'reconciliation', 'population', 'evaluation']),
    );
  });

  it('keeps the figures moving: processed messages grow within 2 minutes, and broken events are dead-lettered', async () => {
    const loaded = await eventually(
      async () =>
        (await counter(port, 'lgsp_messages_processed_total')) >= 4000
          ? counter(port, 'lgsp_messages_processed_total')
          : undefined,
      120_000,
      'the demo province processed',
    );
    const later = await eventually(
      async () => {
        const now = await counter(port, 'lgsp_messages_processed_total');
        return now >= loaded + 10 ? now : undefined;
      },
      120_000,
      'processed messages to keep growing',
    );
    expect(later).toBeGreaterThanOrEqual(loaded + 10);
    const deadLetters = await eventually(
      async () => ((await counter(port, 'lgsp_dead_letters_total')) > 0 ? counter(port, 'lgsp_dead_letters_total') : undefined),
      120_000,
      'a dead-lettered broken event',
    );
    expect(deadLetters).toBeGreaterThan(0);
  });

  it('after a restart on the same data, resumes the changes without loading the province again', async () => {
    expect(await lgsp!.stop()).toBe(0);
    lgsp = new StartedLgsp([], embeddedDefaultEnv(dataDir, port));
    await lgsp.waitFor(/^demo: the sources now change/m);
    expect(lgsp.output).toContain('demo: the demo province is loaded already');
    expect(lgsp.output).not.toContain('demo: loading');
  });
});

describe('lgsp start --no-demo', () => {
  it('starts empty: nothing processed, no lab table', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lgsp-nodemo-'));
    const port = await freePort();
    const lgsp = new StartedLgsp(['--no-demo'], embeddedDefaultEnv(dataDir, port));
    try {
      await lgsp.waitFor(/^next: open/m);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(lgsp.output).not.toContain('demo:');
      expect(await counter(port, 'lgsp_messages_processed_total')).toBe(0);
      expect(await schemasOf(`postgres://lgsp:lgsp@127.0.0.1:${port + 1}/lgsp`)).not.toContain('evaluation');
    } finally {
      await lgsp.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
