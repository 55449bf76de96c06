import type { InsuranceRecord } from '@lgsp/contracts';
import { REFERENCE_DAY, isoOfDay } from './calendar';
import { CitizenDraft } from './citizen';
import { SectoralItem } from './dataset-item';
import { Corruption, expectedOutcomeOf } from './ground-truth';
import { Rng, STREAM } from './rng';
import { SectoralContext } from './sectoral-context';

const COVERAGE = 0.8;
const ACTIVE_SHARE = 0.9;
const CARD_DAYS = 365;

/**
 * Social/health insurance: about 0.8 records per citizen. Cards of deceased citizens are
 * still ACTIVE: that is the dirt (DECEASED_ACTIVE).
 */
export function insuranceItems(c: CitizenDraft, ctx: SectoralContext, out: SectoralItem[]): void {
  const rng = new Rng(ctx.seed, c.index, STREAM.insurance);
  if (!rng.chance(COVERAGE)) return;
  if (c.deathDay !== null && !rng.chance(ctx.deceasedKeep)) return;
  let active = c.deathDay !== null || rng.chance(ACTIVE_SHARE);
  let validTo = active ? 0 : REFERENCE_DAY - 1 - rng.int(3 * CARD_DAYS);
  if (!active && validTo - CARD_DAYS < c.birthDay) active = true;
  let validFrom: number;
  if (active) {
    validFrom = Math.max(c.birthDay, REFERENCE_DAY - 1 - rng.int(CARD_DAYS));
    validTo = validFrom + CARD_DAYS;
  } else {
    validFrom = validTo - CARD_DAYS;
  }
  const duplicate = rng.chance(ctx.rates.DUPLICATE);
  const from = isoOfDay(validFrom);
  const to = isoOfDay(validTo);
  const status = active ? 'ACTIVE' : 'EXPIRED';
  out.push(card(c, ctx, rng, 0, from, to, status, !duplicate, false));
  // A second number for one person: a DUPLICATE while the cards are active (one person, one
  // number). A pair of expired cards is history, not a duplicate: it stays in the data, so the
  // eval sees that it is not decided DUPLICATE, and its truth says so.
  if (duplicate) out.push(card(c, ctx, rng, 1, from, to, status, true, active));
}

function card(
  c: CitizenDraft,
  ctx: SectoralContext,
  rng: Rng,
  copy: number,
  cardValidFrom: string,
  cardValidTo: string,
  status: 'ACTIVE' | 'EXPIRED',
  allowIdDirt: boolean,
  duplicate: boolean,
): SectoralItem {
  const corruptions: Corruption[] = [];
  const holder = ctx.writer.write(c, rng, allowIdDirt, corruptions);
  if (duplicate) corruptions.push({ field: 'record', kind: 'DUPLICATE' });
  if (c.deathDay !== null) corruptions.push({ field: 'record', kind: 'DECEASED_ACTIVE' });
  // A second number for the same person is the classic insurance duplicate.
  const socialInsuranceNumber = String(ctx.insuranceNumbers.apply(c.index * 2 + copy)).padStart(10, '0');
  const record: InsuranceRecord = { socialInsuranceNumber, holder, cardValidFrom, cardValidTo, status };
  return {
    kind: 'insurance',
    record,
    truth: {
      source: 'insurance',
      entityId: socialInsuranceNumber,
      trueCitizenId: c.record.citizenId,
      expectedOutcome: expectedOutcomeOf(corruptions),
      corruptions,
    },
  };
}
