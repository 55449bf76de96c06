import type { EnterpriseRecord } from '@lgsp/contracts';
import { REFERENCE_DAY, dayNumber, isoOfDay } from './calendar';
import { CitizenDraft } from './citizen';
import { SectoralItem } from './dataset-item';
import { drawEnterpriseName } from './enterprise-names';
import { Corruption, expectedOutcomeOf } from './ground-truth';
import { Rng, STREAM } from './rng';
import { SectoralContext } from './sectoral-context';
import { enterpriseIdentity } from './duplicate-identities';

/**
 * One citizen in this many (by dense position in the province) may represent an enterprise;
 * with the adult share that gives about 0.03 enterprises per citizen. Tying it to the
 * position, not to chance, gives every enterprise a dense ordinal, hence a unique tax code.
 */
const CITIZENS_PER_ENTERPRISE_SLOT = 24;
/** Share of representatives who represent a second, different enterprise. */
export const SECOND_ENTERPRISE_SHARE = 0.15;
/** Code ordinals reserved per representative: two enterprises, each possibly registered twice. */
const ORDINALS_PER_REPRESENTATIVE = 4;
const MIN_AGE = 20;
const ENTERPRISE_LAW_1990_DAY = dayNumber(1991, 4, 15);

export function businessItems(c: CitizenDraft, ctx: SectoralContext, out: SectoralItem[]): void {
  if (c.slot.provinceIndex % CITIZENS_PER_ENTERPRISE_SLOT !== 0 || c.age < MIN_AGE) return;
  const rng = new Rng(ctx.seed, c.index, STREAM.business);
  if (c.deathDay !== null && !rng.chance(ctx.deceasedKeep)) return;
  const lower = Math.max(c.birthDay + MIN_AGE * 365 + 5, ENTERPRISE_LAW_1990_DAY);
  const upper = (c.deathDay ?? REFERENCE_DAY) - 1;
  if (lower > upper) return;
  const count = rng.chance(SECOND_ENTERPRISE_SHARE) ? 2 : 1;
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    const ordinal = (c.slot.provinceIndex / CITIZENS_PER_ENTERPRISE_SLOT) * ORDINALS_PER_REPRESENTATIVE + n * 2;
    const name = distinctName(rng, names);
    names.push(name);
    const registered = lower + rng.int(upper - lower + 1);
    const duplicate = rng.chance(ctx.rates.DUPLICATE);
    // The original of a duplicate names the citizen by the current ID: it is the primary.
    out.push(enterprise(c, ctx, rng, ordinal, name, registered, !duplicate, false));
    if (duplicate) {
      // The same business registered a second time under a new code.
      const again = registered + rng.int(upper - registered + 1);
      out.push(enterprise(c, ctx, rng, ordinal + 1, name, again, true, true));
    }
  }
}

/**
 * A name whose duplicate identity (the folded name) differs from every enterprise the person
 * already represents: two different enterprises must never read as one registered twice.
 */
function distinctName(rng: Rng, taken: readonly string[]): string {
  const identities = new Set(taken.map(enterpriseIdentity));
  for (;;) {
    const name = drawEnterpriseName(rng);
    if (!identities.has(enterpriseIdentity(name))) return name;
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
