import type { EnterpriseRecord } from '@lgsp/contracts';
import { REFERENCE_DAY, dayNumber, isoOfDay } from './calendar';
import { CitizenDraft } from './citizen';
import { SectoralItem } from './dataset-item';
import { drawEnterpriseName } from './enterprise-names';
import { Corruption, expectedOutcomeOf } from './ground-truth';
import { Rng, STREAM } from './rng';
import { SectoralContext } from './sectoral-context';

/**
 * One citizen in this many (by dense position in the province) may represent an enterprise;
 * with the adult share that gives about 0.03 enterprises per citizen. Tying it to the
 * position, not to chance, gives every enterprise a dense ordinal, hence a unique tax code.
 */
const CITIZENS_PER_ENTERPRISE_SLOT = 24;
const MIN_AGE = 20;
const ENTERPRISE_LAW_1990_DAY = dayNumber(1991, 4, 15);

export function businessItems(c: CitizenDraft, ctx: SectoralContext, out: SectoralItem[]): void {
  if (c.slot.provinceIndex % CITIZENS_PER_ENTERPRISE_SLOT !== 0 || c.age < MIN_AGE) return;
  const rng = new Rng(ctx.seed, c.index, STREAM.business);
  if (c.deathDay !== null && !rng.chance(ctx.deceasedKeep)) return;
  const lower = Math.max(c.birthDay + MIN_AGE * 365 + 5, ENTERPRISE_LAW_1990_DAY);
  const upper = (c.deathDay ?? REFERENCE_DAY) - 1;
  if (lower > upper) return;
  const ordinal = (c.slot.provinceIndex / CITIZENS_PER_ENTERPRISE_SLOT) * 2;
  const name = drawEnterpriseName(rng);
  const registered = lower + rng.int(upper - lower + 1);
  const duplicate = rng.chance(ctx.rates.DUPLICATE);
  out.push(enterprise(c, ctx, rng, ordinal, name, registered, !duplicate, false));
  if (duplicate) {
    // The same business registered a second time under a new code.
    const again = registered + rng.int(upper - registered + 1);
    out.push(enterprise(c, ctx, rng, ordinal + 1, name, again, true, true));
  }
}

function enterprise(
  c: CitizenDraft,
  ctx: SectoralContext,
  rng: Rng,
  ordinal: number,
  name: string,
  registeredDay: number,
  allowIdDirt: boolean,
  duplicate: boolean,
): SectoralItem {
  const corruptions: Corruption[] = [];
  const legalRepresentative = ctx.writer.write(c, rng, allowIdDirt, corruptions);
  if (duplicate) corruptions.push({ field: 'record', kind: 'DUPLICATE' });
  if (c.deathDay !== null) corruptions.push({ field: 'record', kind: 'DECEASED_ACTIVE' });
  const provinceCode = c.record.provinceCode;
  const enterpriseCode = ctx.enterpriseCodes.code(provinceCode, ordinal);
  const record: EnterpriseRecord = {
    enterpriseCode,
    name,
    provinceCode,
    legalRepresentative,
    registeredAt: isoOfDay(registeredDay),
  };
  return {
    kind: 'business',
    record,
    truth: {
      source: 'business',
      entityId: enterpriseCode,
      trueCitizenId: c.record.citizenId,
      expectedOutcome: expectedOutcomeOf(corruptions),
      corruptions,
    },
  };
}
