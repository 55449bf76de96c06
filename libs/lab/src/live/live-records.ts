import type { CitizenRecord, EnterpriseRecord, InsuranceRecord, LandParcelRecord, PersonRef } from '@lgsp/contracts';
import { asNewProvinceCode, communesOf, enterpriseCheckDigit, formatAddress, newProvince } from '@lgsp/domain';
import type { ChangeRandom } from './change-random';
import { personRefOf } from './person-ref-of';

/**
 * The new state of records after a live change. Pure: the database side is in
 * SourceChanges. Dates are the day the change happens (`today`, YYYY-MM-DD).
 */

/** The citizen registered in another commune of the same province. */
export function movedCitizen(citizen: CitizenRecord, random: ChangeRandom): CitizenRecord {
  const province = newProvince(asNewProvinceCode(citizen.provinceCode));
  const others = communesOf(province.code).filter((c) => c.code !== citizen.communeCode);
  if (others.length === 0) return citizen;
  const commune = random.pick(others);
  return { ...citizen, communeCode: commune.code, address: formatAddress(commune, province) };
}

export function deceasedCitizen(citizen: CitizenRecord, today: string): CitizenRecord {
  return { ...citizen, status: 'DECEASED', dateOfDeath: today };
}

/** A sectoral record's person brought in line with the registry (the work data cleaning asks for). */
export function correctedPerson(recorded: PersonRef, registry: CitizenRecord): PersonRef {
  return { ...personRefOf(registry), address: recorded.address ?? registry.address };
}

/** Live parcels use map sheets the generator never does (it numbers sheets 1–200). */
const LIVE_SHEETS_FROM = 901;
const LIVE_SHEETS = 99;

export function newParcel(holder: CitizenRecord, n: number, random: ChangeRandom, today: string): LandParcelRecord {
  const mapSheet = LIVE_SHEETS_FROM + (n % LIVE_SHEETS);
  const parcelNumber = 1 + Math.floor(n / LIVE_SHEETS);
  const landUse = random.pick(['ODT', 'ONT', 'CLN', 'LUC'] as const);
  const areaM2 = Math.round((60 + random.next() * 940) * 10) / 10;
  return {
    parcelId: `${holder.communeCode}.${mapSheet}.${parcelNumber}`,
    communeCode: holder.communeCode,
    mapSheet,
    parcelNumber,
    areaM2,
    landUse,
    holder: personRefOf(holder),
    registeredAt: today,
  };
}

export function newInsuranceCard(holder: CitizenRecord, socialInsuranceNumber: string, today: string): InsuranceRecord {
  const to = new Date(`${today}T00:00:00Z`);
  to.setUTCFullYear(to.getUTCFullYear() + 1);
  return {
    socialInsuranceNumber,
    holder: personRefOf(holder),
    cardValidFrom: today,
    cardValidTo: to.toISOString().slice(0, 10),
    status: 'ACTIVE',
  };
}

/** A 10-digit insurance number candidate; the caller retries with the next attempt on a collision. */
export function insuranceNumberCandidate(random: ChangeRandom): string {
  return String(random.int(1_000_000_000) * 10 + random.int(10)).padStart(10, '0');
}

/** An issuable tax code of the province (prefixes whose check digit would be 10 are never issued). */
export function enterpriseCodeCandidate(provinceCode: string, random: ChangeRandom): string | undefined {
  const firstNine = provinceCode + String(random.int(10_000_000)).padStart(7, '0');
  const check = enterpriseCheckDigit(firstNine);
  return check === null ? undefined : `${firstNine}${check}`;
}

const FORMS = ['Công ty TNHH', 'Công ty Cổ phần', 'Doanh nghiệp tư nhân', 'Hợp tác xã'] as const;
const TRADES = ['Thương mại', 'Xây dựng', 'Dịch vụ', 'Nông sản', 'Công nghệ', 'Vận tải', 'Du lịch'] as const;

export function newEnterprise(
  representative: CitizenRecord,
  enterpriseCode: string,
  random: ChangeRandom,
  today: string,
): EnterpriseRecord {
  const givenName = representative.fullName.split(' ').pop() ?? representative.fullName;
  return {
    enterpriseCode,
    name: `${random.pick(FORMS)} ${random.pick(TRADES)} ${givenName}`,
    provinceCode: representative.provinceCode,
    legalRepresentative: personRefOf(representative),
    registeredAt: today,
  };
}
