import type { CitizenRecord, EnterpriseRecord, InsuranceRecord, LandParcelRecord } from '@lgsp/contracts';
import { NEW_PROVINCES, NewProvince, asNewProvinceCode, newProvince } from '@lgsp/domain';
import { DECEASED_SHARE } from './age-pyramid';
import { businessItems } from './business-source';
import { CitizenFactory } from './citizen';
import { DatasetItem, SectoralItem } from './dataset-item';
import { DirtRates, resolveDirtRates } from './dirt-kinds';
import { EnterpriseCodes } from './enterprise-code';
import { GroundTruth } from './ground-truth';
import { mix32 } from './hash';
import { insuranceItems } from './insurance-source';
import { landItems } from './land-source';
import { Permutation } from './permutation';
import { PersonRefWriter } from './person-ref-writer';
import { PopulationLayout } from './population-layout';
import { SectoralContext } from './sectoral-context';

export interface DatasetOptions {
  /** Any 32-bit integer; the same seed and sizes give the same data byte for byte. */
  seed: number;
  /** Number of citizens in the registry. */
  citizens: number;
  /** A 2025 province code ("66") or "national" for all 34, weighted by population. */
  province: string;
  dirt?: Partial<DirtRates>;
}

/**
 * A lazily generated dataset. Nothing is materialised: every method streams, and citizen i
 * with its sectoral records is computed from (seed, i) alone, so `range` chunks can be
 * produced independently (in parallel, or resumed) and concatenate to the whole.
 */
export interface Dataset {
  readonly seed: number;
  readonly province: string;
  readonly dirt: Readonly<DirtRates>;
  /** Citizen indices covered: [from, to). */
  readonly from: number;
  readonly to: number;
  /** Registry record of one citizen index (any index of the whole dataset). */
  citizenAt(index: number): CitizenRecord;
  citizens(): Generator<CitizenRecord>;
  landParcels(): Generator<LandParcelRecord>;
  insuranceRecords(): Generator<InsuranceRecord>;
  enterprises(): Generator<EnterpriseRecord>;
  /** Truth for every sectoral record, in the order of `items()`. */
  groundTruth(): Generator<GroundTruth>;
  /** Per citizen: the citizen, then its land, insurance and business records (duplicates right after their original). */
  items(): Generator<DatasetItem>;
  /** The citizens with indices [from, to) of this dataset (absolute indices). */
  range(from: number, to: number): Dataset;
}

const LAND = 1;
const INSURANCE = 2;
const BUSINESS = 4;
const ALL = LAND | INSURANCE | BUSINESS;

class Engine {
  readonly ctx: SectoralContext;

  constructor(
    readonly seed: number,
    readonly size: number,
    readonly province: string,
    readonly rates: DirtRates,
    residences: readonly NewProvince[],
  ) {
    const layout = new PopulationLayout(seed, size, residences);
    const citizens = new CitizenFactory(seed, layout);
    this.ctx = {
      seed,
      rates,
      citizens,
      writer: new PersonRefWriter(rates, citizens),
      deceasedKeep: Math.min(1, rates.DECEASED_ACTIVE / DECEASED_SHARE),
      insuranceNumbers: new Permutation(10_000_000_000, mix32(seed ^ 0x68e31da4)),
      enterpriseCodes: new EnterpriseCodes(seed),
    };
  }

  sectoral(index: number, sources: number, out: SectoralItem[]): CitizenRecord {
    const c = this.ctx.citizens.citizen(index);
    if (sources & LAND) landItems(c, this.ctx, out);
    if (sources & INSURANCE) insuranceItems(c, this.ctx, out);
    if (sources & BUSINESS) businessItems(c, this.ctx, out);
    return c.record;
  }
}

class LazyDataset implements Dataset {
  constructor(
    private readonly engine: Engine,
    readonly from: number,
    readonly to: number,
  ) {}

  get seed(): number {
    return this.engine.seed;
  }
  get province(): string {
    return this.engine.province;
  }
  get dirt(): Readonly<DirtRates> {
    return this.engine.rates;
  }

  citizenAt(index: number): CitizenRecord {
    if (!Number.isInteger(index) || index < 0 || index >= this.engine.size) throw new RangeError('citizen index out of range');
    return this.engine.ctx.citizens.citizen(index).record;
  }

  *citizens(): Generator<CitizenRecord> {
    const factory = this.engine.ctx.citizens;
    for (let i = this.from; i < this.to; i++) yield factory.citizen(i).record;
  }

  landParcels(): Generator<LandParcelRecord> {
    return this.records<LandParcelRecord>(LAND);
  }
  insuranceRecords(): Generator<InsuranceRecord> {
    return this.records<InsuranceRecord>(INSURANCE);
  }
  enterprises(): Generator<EnterpriseRecord> {
    return this.records<EnterpriseRecord>(BUSINESS);
  }

  *groundTruth(): Generator<GroundTruth> {
    const out: SectoralItem[] = [];
    for (let i = this.from; i < this.to; i++) {
      out.length = 0;
      this.engine.sectoral(i, ALL, out);
      for (const item of out) yield item.truth;
    }
  }

  *items(): Generator<DatasetItem> {
    const out: SectoralItem[] = [];
    for (let i = this.from; i < this.to; i++) {
      out.length = 0;
      const record = this.engine.sectoral(i, ALL, out);
      yield { kind: 'citizen', record };
      for (const item of out) yield item;
    }
  }

  range(from: number, to: number): Dataset {
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > this.engine.size || from > to) {
      throw new RangeError(`range must satisfy 0 <= from <= to <= ${this.engine.size}`);
    }
    return new LazyDataset(this.engine, from, to);
  }

  private *records<T>(source: number): Generator<T> {
    const out: SectoralItem[] = [];
    for (let i = this.from; i < this.to; i++) {
      out.length = 0;
      this.engine.sectoral(i, source, out);
      for (const item of out) yield item.record as T;
    }
  }
}

export function generateDataset(options: DatasetOptions): Dataset {
  const { seed, citizens, province } = options;
  if (!Number.isInteger(seed)) throw new Error('seed must be an integer');
  if (!Number.isSafeInteger(citizens) || citizens < 1) throw new Error('citizens must be a positive integer');
  const residences = province === 'national' ? NEW_PROVINCES : [newProvince(asNewProvinceCode(province))];
  const engine = new Engine(seed | 0, citizens, province, resolveDirtRates(options.dirt), residences);
  return new LazyDataset(engine, 0, citizens);
}
