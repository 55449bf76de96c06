import type { LandParcelRecord } from '@lgsp/contracts';
import { REFERENCE_DAY, dayNumber, isoOfDay } from './calendar';
import { CitizenDraft } from './citizen';
import { SectoralContext } from './sectoral-context';
import { Corruption, expectedOutcomeOf } from './ground-truth';
import { parcelIdentity } from './duplicate-identities';
import { SectoralItem } from './dataset-item';
import { Rng, STREAM, cumulative } from './rng';

const LAND_LAW_1993_DAY = dayNumber(1993, 10, 15);
const ADULT_DAYS = 18 * 365 + 5;
/** Most parcels one holder is given. */
export const MAX_PARCELS_PER_HOLDER = 3;
/** Parcel slots reserved per citizen: each parcel, possibly recorded twice. */
const SLOTS_PER_CITIZEN = MAX_PARCELS_PER_HOLDER * 2;
/**
 * Share of adults recorded as holder of land (about 0.24 holders and 0.35 parcels per citizen).
 * A household head commonly holds residential land and one or two agricultural parcels, so a
 * holder holds 1, 2 or 3 distinct parcels with these shares.
 */
const HOLDER_SHARE = 0.32;
export const PARCEL_COUNT_SHARES: readonly number[] = [0.6, 0.3, 0.1];
const PARCEL_COUNT_CUM = cumulative(PARCEL_COUNT_SHARES);
// Prime, so that a citizen's original and duplicate slots do not always land on sheets of fixed parity.
const SHEET_COUNT = 97;

const URBAN_USES = ['ODT', 'CLN', 'TMD', 'SKC', 'ONT'] as const;
const URBAN_CUM = cumulative([0.72, 0.1, 0.08, 0.04, 0.06]);
const RURAL_USES = ['ONT', 'LUC', 'CLN', 'BHK', 'NTS', 'RSX', 'ODT'] as const;
const RURAL_CUM = cumulative([0.34, 0.24, 0.16, 0.1, 0.06, 0.05, 0.05]);
/** A holder's further parcels: rice, perennial, annual crops, aquaculture, production forest. */
const FARM_USES = ['LUC', 'CLN', 'BHK', 'NTS', 'RSX'] as const;
const FARM_CUM = cumulative([0.38, 0.26, 0.18, 0.1, 0.08]);
/** [smallest, largest] typical area in m² per land use. */
const AREA: Record<string, [number, number]> = {
  ODT: [30, 300],
  ONT: [80, 800],
  CLN: [300, 12000],
  TMD: [50, 2000],
  SKC: [200, 20000],
  LUC: [200, 4000],
  BHK: [200, 5000],
  NTS: [300, 10000],
  RSX: [1000, 50000],
};

interface Parcel {
  communeCode: string;
  areaM2: number;
  landUse: string;
}

/** Land-use-right holders: adults only. */
export function landItems(c: CitizenDraft, ctx: SectoralContext, out: SectoralItem[]): void {
  if (c.age < 18) return;
  const rng = new Rng(ctx.seed, c.index, STREAM.land);
  if (!rng.chance(HOLDER_SHARE)) return;
  if (c.deathDay !== null && !rng.chance(ctx.deceasedKeep)) return;
  const lower = Math.max(c.birthDay + ADULT_DAYS, LAND_LAW_1993_DAY);
  const upper = (c.deathDay ?? REFERENCE_DAY) - 1;
  if (lower > upper) return;
  const count = 1 + rng.pickCumulative(PARCEL_COUNT_CUM);
  const held: Parcel[] = [];
  for (let n = 0; n < count; n++) {
    const p = drawParcel(c, ctx, rng, n === 0, held);
    held.push(p);
    const slot = c.slot.provinceIndex * SLOTS_PER_CITIZEN + n * 2;
    const registered = lower + rng.int(upper - lower + 1);
    const duplicate = rng.chance(ctx.rates.DUPLICATE);
    // The original of a duplicate names the citizen by the current ID: it is the primary.
    out.push(parcel(c, ctx, rng, slot, p, registered, !duplicate, null));
    if (duplicate) {
      // The same parcel (commune, area, use) registered again under another sheet/number.
      const again = registered + rng.int(upper - registered + 1);
      out.push(parcel(c, ctx, rng, slot + 1, p, again, true, 'DUPLICATE'));
    }
  }
}

/**
 * The first parcel is where the holder lives, mostly (some hold it in another commune of the
 * province); further ones are farm land, near home or elsewhere in the province. A parcel whose
 * duplicate identity equals one the holder already has is re-drawn: two distinct parcels of one
 * holder must never read as one parcel registered twice.
 */
function drawParcel(c: CitizenDraft, ctx: SectoralContext, rng: Rng, first: boolean, held: readonly Parcel[]): Parcel {
  const communes = ctx.citizens.communesOfResidence(c.slot.residence);
  const where = rng.chance(first ? 0.85 : 0.6) ? c.residence : communes[rng.int(communes.length)];
  const urban = where.commune.kind === 'ward';
  const landUse = !first
    ? FARM_USES[rng.pickCumulative(FARM_CUM)]
    : urban
      ? URBAN_USES[rng.pickCumulative(URBAN_CUM)]
      : RURAL_USES[rng.pickCumulative(RURAL_CUM)];
  const [lo, hi] = AREA[landUse];
  const taken = new Set(held.map((p) => parcelIdentity(p.communeCode, p.areaM2, p.landUse)));
  for (;;) {
    const areaM2 = Math.round(lo * Math.pow(hi / lo, rng.next()) * 100) / 100;
    if (!taken.has(parcelIdentity(where.commune.code, areaM2, landUse)))
      return { communeCode: where.commune.code, areaM2, landUse };
  }
}

function parcel(
  c: CitizenDraft,
  ctx: SectoralContext,
  rng: Rng,
  slot: number,
  p: Parcel,
  registeredDay: number,
  allowIdDirt: boolean,
  recordKind: 'DUPLICATE' | null,
): SectoralItem {
  const corruptions: Corruption[] = [];
  const holder = ctx.writer.write(c, rng, allowIdDirt, corruptions);
  if (recordKind !== null) corruptions.push({ field: 'record', kind: recordKind });
  if (c.deathDay !== null) corruptions.push({ field: 'record', kind: 'DECEASED_ACTIVE' });
  const mapSheet = 1 + (slot % SHEET_COUNT);
  const parcelNumber = 1 + Math.floor(slot / SHEET_COUNT);
  const parcelId = `${p.communeCode}.${mapSheet}.${parcelNumber}`;
  const record: LandParcelRecord = {
    parcelId,
    communeCode: p.communeCode,
    mapSheet,
    parcelNumber,
    areaM2: p.areaM2,
    landUse: p.landUse,
    holder,
    registeredAt: isoOfDay(registeredDay),
  };
  return {
    kind: 'land',
    record,
    truth: {
      source: 'land',
      entityId: parcelId,
      trueCitizenId: c.record.citizenId,
      expectedOutcome: expectedOutcomeOf(corruptions),
      corruptions,
    },
  };
}
