import type { CitizenRecord } from '@lgsp/contracts';
import {
  Commune,
  NewProvince,
  OLD_PROVINCES,
  buildCitizenId,
  communesOf,
  formatAddress,
  formerCommunesOf,
  oldDistrictBecame,
  oldProvince,
  provinceTitle,
  staleAddressOf,
} from '@lgsp/domain';
import { DECEASED_PROBABILITY_BY_YEAR, FIRST_BIRTH_YEAR } from './age-pyramid';
import { REFERENCE_DAY, REFERENCE_YEAR, dayNumber, dayOfMonthOfDay, isoOfDay, monthOfDay } from './calendar';
import { mix32 } from './hash';
import { GeneratedName, drawName } from './name-tokens';
import { Permutation } from './permutation';
import { CitizenSlot, PopulationLayout } from './population-layout';
import { Rng, STREAM, cumulative } from './rng';

/** Share of people born before 1995 who still appear with a 9-digit card number (CMND). */
const LEGACY_ID_SHARE = 0.7;
const LEGACY_ID_CUTOFF_YEAR = 1995;
const DEATH_WINDOW_DAYS = 8 * 365;

/** A commune with its addresses rendered once. */
export interface ResidenceCommune {
  commune: Commune;
  address: string;
  /** How a record written before 1 July 2025 placed someone living there: one per old commune it took people from. */
  stale: readonly StaleResidence[];
}

/** A pre-2025 address as the Statistics Office's conversion table has it: old commune, district and province. */
export interface StaleResidence {
  address: string;
  /** The old province's code (which may be another province's code now). */
  provinceCode: string;
  /** The old commune's code; null for a district that had no communes (it became a special zone whole). */
  communeCode: string | null;
}

function staleResidences(commune: Commune): StaleResidence[] {
  const former = formerCommunesOf(commune.code).map((old) => ({
    address: staleAddressOf(old),
    provinceCode: old.district.oldProvinceCode,
    communeCode: old.code,
  }));
  if (former.length > 0) return former;
  const district = oldDistrictBecame(commune.code);
  if (district === undefined) throw new Error(`commune ${commune.code} took in no old commune or district`);
  const province = oldProvince(district.oldProvinceCode);
  return [
    {
      address: `${district.name}, ${provinceTitle(province.kind)} ${province.name}`,
      provinceCode: province.code,
      communeCode: null,
    },
  ];
}

interface ResidenceTable {
  province: NewProvince;
  communes: ResidenceCommune[];
  cumulativeWeights: Float64Array;
}

/** A citizen with what the sectoral generators need beyond the public registry record. */
export interface CitizenDraft {
  index: number;
  record: CitizenRecord;
  slot: CitizenSlot;
  name: GeneratedName;
  residence: ResidenceCommune;
  /** The pre-2025 form of the residence this citizen's stale records carry (one of its old communes, fixed per citizen). */
  staleResidence: StaleResidence;
  birthDay: number;
  deathDay: number | null;
  /** Age in whole years on the reference day. */
  age: number;
  birthProvinceCode: string;
}

export class CitizenFactory {
  private readonly tables: ResidenceTable[];
  private readonly legacyIds: Permutation;
  private readonly birthCodes = OLD_PROVINCES.map((p) => `0${p.code}`);

  constructor(
    private readonly seed: number,
    readonly layout: PopulationLayout,
  ) {
    this.tables = layout.residences.map((province) => {
      const communes = communesOf(province.code).map((commune) => ({
        commune,
        address: formatAddress(commune, province),
        stale: staleResidences(commune),
      }));
      return { province, communes, cumulativeWeights: cumulative(communes.map((c) => c.commune.populationWeight)) };
    });
    this.legacyIds = new Permutation(1_000_000_000, mix32(seed ^ 0x7a3d1c5e));
  }

  communesOfResidence(residence: number): readonly ResidenceCommune[] {
    return this.tables[residence].communes;
  }

  citizen(index: number): CitizenDraft {
    const slot = this.layout.locate(index);
    const rng = new Rng(this.seed, index, STREAM.citizen);
    const year = slot.birthYear;
    const firstDay = dayNumber(year, 1, 1);
    const daysInYear = year === REFERENCE_YEAR ? REFERENCE_DAY - firstDay : dayNumber(year + 1, 1, 1) - firstDay;
    const birthDay = firstDay + rng.int(daysInYear);
    const table = this.tables[slot.residence];
    const residence = table.communes[rng.pickCumulative(table.cumulativeWeights)];
    const name = drawName(rng, slot.gender, year);
    const hasLegacy = year < LEGACY_ID_CUTOFF_YEAR && rng.chance(LEGACY_ID_SHARE);
    const dies = rng.chance(DECEASED_PROBABILITY_BY_YEAR[year - FIRST_BIRTH_YEAR]);
    let deathDay: number | null = null;
    if (dies) {
      const from = Math.max(birthDay + 1, REFERENCE_DAY - DEATH_WINDOW_DAYS);
      deathDay = from >= REFERENCE_DAY ? null : from + rng.int(REFERENCE_DAY - from);
    }
    const birthProvinceCode = this.birthCodes[slot.birthOld];
    const citizenId = buildCitizenId({
      birthProvinceCode,
      gender: slot.gender,
      birthYear: year,
      serial: this.layout.serial(slot.bucket, slot.bucketRank),
    });
    const birthIso = isoOfDay(birthDay);
    const record: CitizenRecord = {
      citizenId,
      legacyId: hasLegacy ? String(this.legacyIds.apply(index)).padStart(9, '0') : null,
      fullName: name.text,
      dateOfBirth: birthIso,
      gender: slot.gender,
      provinceCode: table.province.code,
      communeCode: residence.commune.code,
      address: residence.address,
      status: deathDay === null ? 'ALIVE' : 'DECEASED',
      dateOfDeath: deathDay === null ? null : isoOfDay(deathDay),
    };
    // The reference day is 1 July: whoever was born later in the year has not had a birthday yet.
    const age = REFERENCE_YEAR - year - (monthOfDay(birthDay) * 100 + dayOfMonthOfDay(birthDay) > 701 ? 1 : 0);
    // By a hash, not a draw: the citizen's other draws stay as they were, and every source writes the same old commune.
    const staleResidence = residence.stale[mix32(index ^ mix32(this.seed ^ 0x51a1e5)) % residence.stale.length];
    return { index, record, slot, name, residence, staleResidence, birthDay, deathDay, age, birthProvinceCode };
  }

  /**
   * A well-formed ID that belongs to nobody in the registry but agrees with the person's
   * birth province, gender and year: a rank beyond the bucket's population has a serial no
   * citizen got, because serials are a bijection of ranks.
   */
  unknownIdFor(c: CitizenDraft, pick: (n: number) => number): string | null {
    const taken = this.layout.bucketSize(c.slot.bucket);
    const free = 1_000_000 - taken;
    if (free <= 0) return null;
    return buildCitizenId({
      birthProvinceCode: c.birthProvinceCode,
      gender: c.slot.gender,
      birthYear: c.slot.birthYear,
      serial: this.layout.serial(c.slot.bucket, taken + pick(free)),
    });
  }
}
