import { BodyTooLarge, NdjsonLine, ndjsonLines } from './ndjson';

async function* chunksOf(...chunks: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const c of chunks) yield Buffer.isBuffer(c) ? c : Buffer.from(c);
}

async function all(lines: AsyncIterable<NdjsonLine>): Promise<{ line: number; text?: string; tooLong?: true }[]> {
  const out: { line: number; text?: string; tooLong?: true }[] = [];
  for await (const l of lines) out.push(l.tooLong ? { line: l.line, tooLong: true } : { line: l.line, text: l.bytes.toString() });
  return out;
}

const limits = { maxBodyBytes: 1000, maxLineBytes: 10 };

describe('NDJSON lines', () => {
  it('splits lines across chunk boundaries, numbers them as an editor does, skips blank lines and a CR before LF', async () => {
    const lines = await all(ndjsonLines(chunksOf('{"a":', '1}\r\n\n  \n{"b"', ':2}\n', '{"c":3}'), limits));
    expect(lines).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 4, text: '{"b":2}' },
      { line: 5, text: '{"c":3}' },
    ]);
  });

  it('gives a line over the limit as too long without holding it, and goes on with the next', async () => {
    const lines = await all(ndjsonLines(chunksOf('0123456789\n', '01234', '56789X', 'YZ\n', 'ok\n', '0123456789A'), limits));
    expect(lines).toEqual([
      { line: 1, text: '0123456789' },
      { line: 2, tooLong: true },
      { line: 3, text: 'ok' },
      { line: 4, tooLong: true },
    ]);
  });

  it('keeps bytes that are not UTF-8 as they are (judged per line later)', async () => {
    const [line] = await all(ndjsonLines(chunksOf(Buffer.from([0x7b, 0xff, 0x7d, 0x0a])), limits));
    expect(line.text).toBeDefined();
    const raw: NdjsonLine[] = [];
    for await (const l of ndjsonLines(chunksOf(Buffer.from([0x7b, 0xff, 0x7d, 0x0a])), limits)) raw.push(l);
    expect([...raw[0].bytes!]).toEqual([0x7b, 0xff, 0x7d]);
  });

  it('gives the lines within the body limit, then throws: a line cut by the limit is not given', async () => {
    const seen: string[] = [];
    const run = async () => {
      for await (const l of ndjsonLines(chunksOf('aaaa\nbbbb\n', 'cccc\ndddd\n'), { maxBodyBytes: 12, maxLineBytes: 10 }))
        seen.push(l.bytes!.toString());
    };
    await expect(run()).rejects.toBeInstanceOf(BodyTooLarge);
    expect(seen).toEqual(['aaaa', 'bbbb']);
  });
});
