import type { LandParcelRecord } from '@lgsp/contracts';
import { REFERENCE_DAY, dayNumber, isoOfDay } from './calendar';
import { CitizenDraft } from './citizen';
import { SectoralContext } from './sectoral-context';
import { Corruption, expectedOutcomeOf } from './ground-truth';
import { SectoralItem } from './dataset-item';
import { Rng, STREAM, cumulative } from './rng';

const LAND_LAW_1993_DAY = dayNumber(1993, 10, 15);
const ADULT_DAYS = 18 * 365 + 5;
/** Parcel slots reserved per citizen: one parcel, possibly recorded twice. */
const SLOTS_PER_CITIZEN = 2;
/**
 * Share of adults recorded as holder of a parcel (about 0.35 parcels per citizen). One parcel
 * at most: a second land record naming the same citizen is, by definition, a DUPLICATE.
 */
const HOLDER_SHARE = 0.47;
// Prime, so that a citizen's original and duplicate slots do not always land on sheets of fixed parity.
const SHEET_COUNT = 97;

const URBAN_USES = ['ODT', 'CLN', 'TMD', 'SKC', 'ONT'] as const;
const URBAN_CUM = cumulative([0.72, 0.1, 0.08, 0.04, 0.06]);
const RURAL_USES = ['ONT', 'LUC', 'CLN', 'BHK', 'NTS', 'RSX', 'ODT'] as const;
const RURAL_CUM = cumulative([0.34, 0.24, 0.16, 0.1, 0.06, 0.05, 0.05]);
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

/** Land-use-right holders: adults only. */
export function landItems(c: CitizenDraft, ctx: SectoralContext, out: SectoralItem[]): void {
  if (c.age < 18) return;
  const rng = new Rng(ctx.seed, c.index, STREAM.land);
  if (!rng.chance(HOLDER_SHARE)) return;
  if (c.deathDay !== null && !rng.chance(ctx.deceasedKeep)) return;
  const lower = Math.max(c.birthDay + ADULT_DAYS, LAND_LAW_1993_DAY);
  const upper = (c.deathDay ?? REFERENCE_DAY) - 1;
  if (lower > upper) return;
  const communes = ctx.citizens.communesOfResidence(c.slot.residence);
  const slot = c.slot.provinceIndex * SLOTS_PER_CITIZEN;
  // Most hold land where they live; some in another commune of the province.
  const where = rng.chance(0.85) ? c.residence : communes[rng.int(communes.length)];
  const urban = where.commune.kind === 'ward';
  const landUse = urban ? URBAN_USES[rng.pickCumulative(URBAN_CUM)] : RURAL_USES[rng.pickCumulative(RURAL_CUM)];
  const [lo, hi] = AREA[landUse];
  const areaM2 = Math.round(lo * Math.pow(hi / lo, rng.next()) * 100) / 100;
  const registered = lower + rng.int(upper - lower + 1);
  const duplicate = rng.chance(ctx.rates.DUPLICATE);
  out.push(parcel(c, ctx, rng, slot, where.commune.code, areaM2, landUse, registered, !duplicate, null));
  if (duplicate) {
    // The same parcel (commune, area, use) registered again under another sheet/number.
    const again = registered + rng.int(upper - registered + 1);
    out.push(parcel(c, ctx, rng, slot + 1, where.commune.code, areaM2, landUse, again, true, 'DUPLICATE'));
  }
}

function parcel(
  c: CitizenDraft,
  ctx: SectoralContext,
  rng: Rng,
  slot: number,
  communeCode: string,
  areaM2: number,
  landUse: string,
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
  const parcelId = `${communeCode}.${mapSheet}.${parcelNumber}`;
  const record: LandParcelRecord = {
    parcelId,
    communeCode,
    mapSheet,
    parcelNumber,
    areaM2,
    landUse,
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
