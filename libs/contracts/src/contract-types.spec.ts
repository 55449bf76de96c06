import type { Static } from '@sinclair/typebox';
import { LAND_CREATE } from './examples';
import { SyncEventValidator } from './validation/sync-event-validator';
import type {
  AnySyncEvent,
  BusinessEvent,
  CitizenRecord,
  EnterpriseRecord,
  InsuranceEvent,
  InsuranceRecord,
  LandEvent,
  LandParcelRecord,
  Operation,
  PersonRef,
  PopulationEvent,
  SourceName,
  SyncEvent,
} from './v1';
import type * as v2 from './v2';
import type { CitizenRecord as CitizenRecordSchema, PersonRef as PersonRefSchema } from './v1';

/*
 * The types are Static<typeof Schema>, so they cannot drift from the schemas. What can
 * drift is the contract other teams code against: the shapes below are copied from
 * the agreed specification, and the compile-time checks fail `tsc` if a schema edit
 * changes them. (ts-jest runs with isolatedModules, so these are enforced by
 * `npx tsc -p tsconfig.json --noEmit`, the runtime tests by jest.)
 */

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<_T extends true>(): void {}

interface AgreedPersonRef {
  citizenId: string | null;
  fullName: string | null;
  dateOfBirth: string | null;
  gender: 'M' | 'F' | null;
  address: string | null;
  provinceCode: string | null;
  communeCode: string | null;
}
interface AgreedCitizenRecord {
  citizenId: string;
  legacyId: string | null;
  fullName: string;
  dateOfBirth: string;
  gender: 'M' | 'F';
  provinceCode: string;
  communeCode: string;
  address: string;
  status: 'ALIVE' | 'DECEASED';
  dateOfDeath: string | null;
}
interface AgreedLandParcelRecord {
  parcelId: string;
  communeCode: string;
  mapSheet: number;
  parcelNumber: number;
  areaM2: number;
  landUse: string;
  holder: AgreedPersonRef;
  registeredAt: string;
}
interface AgreedInsuranceRecord {
  socialInsuranceNumber: string;
  holder: AgreedPersonRef;
  cardValidFrom: string;
  cardValidTo: string;
  status: 'ACTIVE' | 'EXPIRED';
}
interface AgreedEnterpriseRecord {
  enterpriseCode: string;
  name: string;
  provinceCode: string;
  legalRepresentative: AgreedPersonRef;
  registeredAt: string;
}
interface AgreedSyncEvent<T> {
  eventId: string;
  source: 'population' | 'land' | 'insurance' | 'business';
  operation: 'snapshot' | 'create' | 'update' | 'delete';
  entityId: string;
  before: T | null;
  after: T | null;
  committedAt: string;
  schemaVersion: number;
  traceId: string;
}
type Flat<T> = { [K in keyof T]: T[K] };

assertType<Equals<Flat<PersonRef>, Flat<AgreedPersonRef>>>();
assertType<Equals<Flat<CitizenRecord>, Flat<AgreedCitizenRecord>>>();
assertType<Equals<LandParcelRecord['holder'], PersonRef>>();
assertType<Equals<InsuranceRecord['holder'], PersonRef>>();
assertType<Equals<EnterpriseRecord['legalRepresentative'], PersonRef>>();
assertType<Equals<Flat<Omit<LandParcelRecord, 'holder'>>, Flat<Omit<AgreedLandParcelRecord, 'holder'>>>>();
assertType<Equals<Flat<Omit<InsuranceRecord, 'holder'>>, Flat<Omit<AgreedInsuranceRecord, 'holder'>>>>();
assertType<
  Equals<Flat<Omit<EnterpriseRecord, 'legalRepresentative'>>, Flat<Omit<AgreedEnterpriseRecord, 'legalRepresentative'>>>
>();
assertType<Equals<SourceName, AgreedSyncEvent<unknown>['source']>>();
assertType<Equals<Operation, AgreedSyncEvent<unknown>['operation']>>();

// Each concrete envelope is the generic SyncEvent with its record and source literal.
assertType<Equals<Flat<PopulationEvent>, Flat<SyncEvent<CitizenRecord, 'population'>>>>();
assertType<Equals<Flat<LandEvent>, Flat<SyncEvent<LandParcelRecord, 'land'>>>>();
assertType<Equals<Flat<InsuranceEvent>, Flat<SyncEvent<InsuranceRecord, 'insurance'>>>>();
assertType<Equals<Flat<BusinessEvent>, Flat<SyncEvent<EnterpriseRecord, 'business'>>>>();
assertType<Equals<Flat<SyncEvent<PersonRef>>, Flat<AgreedSyncEvent<PersonRef>>>>();
assertType<Equals<AnySyncEvent['source'], SourceName>>();
assertType<Equals<PersonRef, Static<typeof PersonRefSchema>>>();
assertType<Equals<CitizenRecord, Static<typeof CitizenRecordSchema>>>();

// v2 is a superset: a v1 land event is assignable to v2, and v2 code can still read v1 fields.
assertType<v1LandEventIsV2<LandEvent>>();
type v1LandEventIsV2<E> = E extends v2.LandEvent ? true : false;
assertType<Equals<v2.LandParcelRecord['holders'], PersonRef[] | undefined>>();

describe('TypeScript types and schemas agree at runtime', () => {
  const validator = new SyncEventValidator();

  it('an object built against the TS types validates', () => {
    const holder: PersonRef = {
      citizenId: '066085001234',
      fullName: 'Nguyễn Văn Hùng',
      dateOfBirth: '1985-03-14',
      gender: 'M',
      address: '45 Lê Duẩn, phường Buôn Ma Thuột, tỉnh Đắk Lắk',
      provinceCode: '66',
      communeCode: '24133',
    };
    const record: LandParcelRecord = {
      parcelId: '24133.3.41',
      communeCode: '24133',
      mapSheet: 3,
      parcelNumber: 41,
      areaM2: 300,
      landUse: 'ONT',
      holder,
      registeredAt: '2020-01-15',
    };
    const event: SyncEvent<LandParcelRecord, 'land'> = {
      eventId: '5b0a4b0e-2f7e-4a55-9a7c-9f1c3f2b8d11',
      source: 'land',
      operation: 'create',
      entityId: record.parcelId,
      before: null,
      after: record,
      committedAt: '2025-07-02T08:00:00+07:00',
      schemaVersion: 1,
      traceId: '0123456789abcdef0123456789abcdef',
    };
    expect(validator.validate('land', event)).toEqual({ ok: true, event });
  });

  it('a validated event is usable as its TS type without casts', () => {
    const result = validator.validate('land', LAND_CREATE);
    if (!result.ok) throw new Error('example must validate');
    const holder: PersonRef = result.event.after!.holder;
    const asV1: LandEvent = result.event;
    expect(holder.citizenId).toBe(asV1.after?.holder.citizenId);
  });
});
