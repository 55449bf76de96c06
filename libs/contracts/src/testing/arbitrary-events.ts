import type { AnySyncEvent, BusinessEvent, InsuranceEvent, LandEvent, PopulationEvent } from '../v1/events';
import type { CitizenRecord } from '../v1/citizen-record';
import type { PersonRef } from '../v1/person-ref';
import { OPERATIONS, type Operation, type SourceName } from '../v1/source-name';

/**
 * Seeded generator of valid version-1 events, including the dirt PersonRef allows
 * (nulls, legacy IDs, NFD and unaccented names, day-first dates). Test support only:
 * a batch of these is what the compatibility spec feeds to every newer schema.
 */
export class ArbitraryEvents {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  event(source: SourceName): AnySyncEvent {
    switch (source) {
      case 'population':
        return this.population();
      case 'land':
        return this.land();
      case 'insurance':
        return this.insurance();
      case 'business':
        return this.business();
    }
  }

  population(): PopulationEvent {
    const citizen = this.citizen();
    return this.envelope('population', citizen.citizenId, () => ({ ...citizen, address: this.address() }));
  }

  land(): LandEvent {
    const communeCode = this.digits(5);
    const mapSheet = this.int(1, 80);
    const parcelNumber = this.int(1, 3000);
    const parcelId = `${communeCode}.${mapSheet}.${parcelNumber}`;
    return this.envelope('land', parcelId, () => ({
      parcelId,
      communeCode,
      mapSheet,
      parcelNumber,
      areaM2: this.int(1, 500000) / 10,
      landUse: this.pick(['ODT', 'ONT', 'CLN', 'LUC', 'BHK', 'RSX']),
      holder: this.personRef(),
      registeredAt: this.isoDate(1995, 2025),
    }));
  }

  insurance(): InsuranceEvent {
    const number = this.digits(10);
    return this.envelope('insurance', number, () => ({
      socialInsuranceNumber: number,
      holder: this.personRef(),
      cardValidFrom: this.isoDate(2020, 2024),
      cardValidTo: this.isoDate(2025, 2026),
      status: this.pick(['ACTIVE', 'EXPIRED'] as const),
    }));
  }

  business(): BusinessEvent {
    const code = this.digits(10) + (this.chance(0.2) ? `-${this.digits(3)}` : '');
    return this.envelope('business', code, () => ({
      enterpriseCode: code,
      name: `Công ty TNHH ${this.pick(['Thương mại', 'Xây dựng', 'Nông sản', 'Vận tải'])} ${this.familyName()} ${this.int(1, 99)}`,
      provinceCode: this.pick(['01', '33', '37', '66', '79', '96']),
      legalRepresentative: this.personRef(),
      registeredAt: this.isoDate(1995, 2025),
    }));
  }

  private envelope<S extends SourceName, T>(source: S, entityId: string, record: () => T) {
    const operation: Operation = this.pick(OPERATIONS);
    return {
      eventId: this.uuid(),
      source,
      operation,
      entityId,
      before: operation === 'update' || operation === 'delete' ? record() : null,
      after: operation === 'delete' ? null : record(),
      committedAt: `${this.isoDate(2024, 2025)}T${this.pad(this.int(0, 23))}:${this.pad(this.int(0, 59))}:${this.pad(this.int(0, 59))}+07:00`,
      schemaVersion: 1,
      traceId: this.hex(32),
    };
  }

  private citizen(): CitizenRecord {
    const gender = this.pick(['M', 'F'] as const);
    const year = this.int(1930, 2024);
    const centuryDigit = (year >= 2000 ? 2 : 0) + (gender === 'F' ? 1 : 0);
    const deceased = this.chance(0.05);
    return {
      citizenId: `0${this.pick(['01', '34', '37', '66', '79', '96'])}${centuryDigit}${String(year % 100).padStart(2, '0')}${this.digits(6)}`,
      legacyId: year < 2000 && this.chance(0.7) ? this.digits(9) : null,
      fullName: this.fullName(gender),
      dateOfBirth: this.isoDate(year, year),
      gender,
      provinceCode: this.digits(2),
      communeCode: this.digits(5),
      address: this.address(),
      status: deceased ? 'DECEASED' : 'ALIVE',
      dateOfDeath: deceased ? this.isoDate(2010, 2025) : null,
    };
  }

  private personRef(): PersonRef {
    const clean = this.citizen();
    const maybe = <T>(value: T): T | null => (this.chance(0.1) ? null : value);
    const name = this.pick([
      clean.fullName,
      clean.fullName.normalize('NFD'),
      this.unaccented(clean.fullName),
      clean.fullName.toUpperCase(),
    ]);
    const [y, m, d] = clean.dateOfBirth.split('-');
    return {
      citizenId: maybe(this.chance(0.15) ? (clean.legacyId ?? this.digits(9)) : clean.citizenId),
      fullName: maybe(name),
      dateOfBirth: maybe(this.chance(0.2) ? `${d}/${m}/${y}` : clean.dateOfBirth),
      gender: maybe(clean.gender),
      address: maybe(clean.address),
      provinceCode: maybe(clean.provinceCode),
      communeCode: maybe(clean.communeCode),
    };
  }

  private familyName(): string {
    return this.pick([
      'Nguyễn',
      'Nguyễn',
      'Nguyễn',
      'Trần',
      'Lê',
      'Phạm',
      'Hoàng',
      'Huỳnh',
      'Phan',
      'Vũ',
      'Võ',
      'Đặng',
      'Bùi',
      'Đỗ',
    ]);
  }

  private fullName(gender: 'M' | 'F'): string {
    const middle = gender === 'M' ? this.pick(['Văn', 'Đức', 'Hữu', 'Minh']) : this.pick(['Thị', 'Ngọc', 'Thanh', 'Thị Thu']);
    const given =
      gender === 'M' ? this.pick(['Hùng', 'Dũng', 'Nam', 'Phúc', 'Khoa']) : this.pick(['Hoa', 'Mai', 'Hằng', 'Thúy', 'Lan']);
    return `${this.familyName()} ${middle} ${given}`;
  }

  private unaccented(name: string): string {
    return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  }

  private address(): string {
    return `${this.int(1, 300)} ${this.pick(['Lê Duẩn', 'Nguyễn Trãi', 'Hai Bà Trưng', 'Trần Phú'])}, ${this.pick(['phường Bến Thành', 'xã Vũ Thư', 'phường Buôn Ma Thuột', 'xã Gia Viễn'])}`;
  }

  private isoDate(fromYear: number, toYear: number): string {
    return `${this.int(fromYear, toYear)}-${this.pad(this.int(1, 12))}-${this.pad(this.int(1, 28))}`;
  }

  private uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  }

  private hex(length: number): string {
    return Array.from({ length }, () => this.int(0, 15).toString(16)).join('');
  }

  private digits(length: number): string {
    return Array.from({ length }, () => String(this.int(0, 9))).join('');
  }

  private pad(n: number): string {
    return String(n).padStart(2, '0');
  }

  private pick<T>(values: readonly T[]): T {
    return values[this.int(0, values.length - 1)];
  }

  private chance(p: number): boolean {
    return this.next() < p;
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  // mulberry32: tiny, seedable, good enough to vary test data reproducibly.
  private next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
