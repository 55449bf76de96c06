import { generateDataset } from './dataset';
import { sha256OfItems } from './test-support.spec-helper';

describe('generateDataset: determinism and streaming', () => {
  const options = { seed: 20250701, citizens: 3000, province: '66' };

  it('gives identical output for the same seed and size', () => {
    expect(sha256OfItems(generateDataset(options).items())).toBe(sha256OfItems(generateDataset(options).items()));
  });

  it('gives different output for a different seed', () => {
    const a = sha256OfItems(generateDataset(options).items());
    const b = sha256OfItems(generateDataset({ ...options, seed: options.seed + 1 }).items());
    expect(a).not.toBe(b);
  });

  it('generates in chunks exactly what it generates whole', () => {
    const ds = generateDataset({ ...options, province: 'national' });
    const whole = [...ds.items()];
    const chunks = [...ds.range(0, 1000).items(), ...ds.range(1000, 1001).items(), ...ds.range(1001, 3000).items()];
    expect(JSON.stringify(chunks)).toBe(JSON.stringify(whole));
    // in any order, too
    const late = [...ds.range(2500, 2600).items()];
    const start = whole.findIndex((it) => it.kind === 'citizen' && it.record.citizenId === ds.citizenAt(2500).citizenId);
    expect(JSON.stringify(whole.slice(start, start + late.length))).toBe(JSON.stringify(late));
  });

  it('serves each source separately, consistent with the combined stream', () => {
    const ds = generateDataset(options).range(0, 1500);
    const all = [...ds.items()];
    const pick = (kind: string) => JSON.stringify(all.filter((i) => i.kind === kind).map((i) => i.record));
    expect(JSON.stringify([...ds.citizens()])).toBe(pick('citizen'));
    expect(JSON.stringify([...ds.landParcels()])).toBe(pick('land'));
    expect(JSON.stringify([...ds.insuranceRecords()])).toBe(pick('insurance'));
    expect(JSON.stringify([...ds.enterprises()])).toBe(pick('business'));
    const truths = all.flatMap((i) => (i.kind === 'citizen' ? [] : [i.truth]));
    expect(JSON.stringify([...ds.groundTruth()])).toBe(JSON.stringify(truths));
  });

  it('has roughly the configured volumes per citizen', () => {
    const ds = generateDataset({ ...options, citizens: 20000 });
    const counts = { citizen: 0, land: 0, insurance: 0, business: 0 };
    for (const item of ds.items()) counts[item.kind]++;
    expect(counts.citizen).toBe(20000);
    expect(counts.land / 20000).toBeGreaterThan(0.3);
    expect(counts.land / 20000).toBeLessThan(0.4);
    expect(counts.insurance / 20000).toBeGreaterThan(0.75);
    expect(counts.insurance / 20000).toBeLessThan(0.85);
    expect(counts.business / 20000).toBeGreaterThan(0.02);
    expect(counts.business / 20000).toBeLessThan(0.04);
  });

  it('rejects bad options', () => {
    expect(() => generateDataset({ ...options, province: '02' })).toThrow();
    expect(() => generateDataset({ ...options, citizens: 0 })).toThrow();
    expect(() => generateDataset({ ...options, seed: 1.5 })).toThrow();
    expect(() => generateDataset({ ...options, dirt: { TYPO: 2 } })).toThrow();
    expect(() => generateDataset(options).range(10, 5)).toThrow();
    expect(() => generateDataset(options).range(0, 3001)).toThrow();
  });

  it('refuses sizes that would overflow the 6-digit serial space of an ID bucket', () => {
    expect(() => generateDataset({ ...options, province: '12', citizens: 2_000_000_000 })).toThrow(/serial space/);
  });
});
