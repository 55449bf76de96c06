import { Writable } from 'node:stream';
import { createLogger, JsonLogger } from './json-logger';

function capture(): { lines: () => Record<string, unknown>[]; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
  };
}

describe('JSON logs', () => {
  it('writes one JSON object per line with level and time', () => {
    const out = capture();
    createLogger('info', out.stream).info({ topic: 'lgsp.land.v1' }, 'consumer started');
    const [line] = out.lines();
    expect(line).toMatchObject({ level: 'info', msg: 'consumer started', topic: 'lgsp.land.v1' });
    expect(typeof line.time).toBe('string');
  });

  it('masks citizen IDs in messages, fields and nested objects', () => {
    const out = capture();
    const log = createLogger('info', out.stream);
    log.info({ record: { holder: { citizenId: '079203001234' } }, legacy: '123456789' }, 'record 066195012345 rejected');
    const text = JSON.stringify(out.lines());
    expect(text).not.toContain('079203001234');
    expect(text).not.toContain('066195012345');
    expect(text).not.toContain('123456789');
    expect(text).toContain('079*******34');
  });

  it('masks through the Nest adapter too', () => {
    const out = capture();
    new JsonLogger(createLogger('debug', out.stream)).warn('citizen 001099000001 not found', 'Reconciler');
    const [line] = out.lines();
    expect(line).toMatchObject({ level: 'warn', context: 'Reconciler' });
    expect(String(line.msg)).not.toContain('001099000001');
  });

  it('keeps the fields of a structured error line from Nest', () => {
    const out = capture();
    new JsonLogger(createLogger('info', out.stream)).error({ msg: 'consumer crashed', groupId: 'g' }, undefined, 'Server');
    expect(out.lines()[0]).toMatchObject({ level: 'error', msg: 'consumer crashed', groupId: 'g', context: 'Server' });
  });

  it("keeps Nest's per-module and per-route start-up lines at debug, and its other lines at info", () => {
    const out = capture();
    const nest = new JsonLogger(createLogger('info', out.stream));
    nest.log('Mapped {/api/lag, GET} route', 'RouterExplorer');
    nest.log('PipelineModule dependencies initialized', 'InstanceLoader');
    nest.log('Nest application successfully started', 'NestApplication');
    expect(out.lines().map((l) => l.msg)).toEqual(['Nest application successfully started']);
  });
});
