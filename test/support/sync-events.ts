import { randomBytes, randomUUID } from 'node:crypto';
import type { CitizenRecord, EnterpriseRecord, InsuranceRecord, LandParcelRecord, PersonRef, SourceName } from '@lgsp/contracts';
import { eventKey, MESSAGE_HEADERS, traceparentHeader } from '@lgsp/contracts';
import { EventTransport, OutgoingMessage } from '@lgsp/transport';

/** Builds contract-valid sync events for integration tests. */
export function syncEvent<T>(source: SourceName, entityId: string, after: T | null, before: T | null = null, operation?: string) {
  return {
    eventId: randomUUID(),
    source,
    operation: operation ?? (after && before ? 'update' : after ? 'create' : 'delete'),
    entityId,
    before,
    after,
    committedAt: new Date().toISOString(),
    schemaVersion: 1,
    traceId: randomBytes(16).toString('hex'),
  };
}

export function personOf(c: CitizenRecord, overrides: Partial<PersonRef> = {}): PersonRef {
  return {
    citizenId: c.citizenId,
    fullName: c.fullName,
    dateOfBirth: c.dateOfBirth,
    gender: c.gender,
    address: c.address,
    provinceCode: c.provinceCode,
    communeCode: c.communeCode,
    ...overrides,
  };
}

export function landParcel(parcelId: string, holder: PersonRef): LandParcelRecord {
  const [communeCode, sheet, parcel] = parcelId.split('.');
  return {
    parcelId,
    communeCode,
    mapSheet: Number(sheet),
    parcelNumber: Number(parcel),
    // Distinct parcels have distinct areas: two parcels of one holder are two parcels, not one registered twice.
    areaM2: 100 + Number(sheet) * 1000 + Number(parcel),
    landUse: 'ODT',
    holder,
    registeredAt: '2015-01-01',
  };
}

export function insuranceRecord(
  socialInsuranceNumber: string,
  holder: PersonRef,
  status: 'ACTIVE' | 'EXPIRED' = 'ACTIVE',
): InsuranceRecord {
  return { socialInsuranceNumber, holder, cardValidFrom: '2025-01-01', cardValidTo: '2025-12-31', status };
}

export function enterprise(enterpriseCode: string, legalRepresentative: PersonRef): EnterpriseRecord {
  return { enterpriseCode, name: 'Công ty TNHH Thử Nghiệm', provinceCode: '66', legalRepresentative, registeredAt: '2020-01-01' };
}

/** The registry's own sync of these citizens: one population create each. */
export function registryEvents(citizens: readonly CitizenRecord[]) {
  return citizens.map((c) => syncEvent('population', c.citizenId, c));
}

/** One land parcel per citizen, held by that citizen, numbered 1… on a map sheet (`<commune>.<sheet>`). */
export function parcelEventsOf(citizens: readonly CitizenRecord[], sheet: string) {
  return citizens.map((c, i) => syncEvent('land', `${sheet}.${i + 1}`, landParcel(`${sheet}.${i + 1}`, personOf(c))));
}

export async function publish(transport: EventTransport, topic: string, events: ReturnType<typeof syncEvent>[]): Promise<void> {
  const producer = await transport.producer();
  // Published as the contract asks of a producer (key, schema-version and traceparent headers), so
  // that the tests' events raise no producer findings; producer-findings.int-spec sends the mistakes.
  const messages: OutgoingMessage[] = events.map((e) => ({
    key: eventKey(e as never),
    value: JSON.stringify(e),
    headers: {
      [MESSAGE_HEADERS.schemaVersion]: String(e.schemaVersion),
      [MESSAGE_HEADERS.traceparent]: traceparentHeader(e.traceId, randomBytes(8).toString('hex')),
    },
  }));
  await producer.send(topic, messages);
  await producer.disconnect();
}

/**
 * `count` citizens identical to `base` but for their IDs (its 6-digit place-and-birth prefix,
 * then serials from `firstSerial`) and no legacy ID: distinct registry entries sharing every key.
 */
export function namesakesOf(base: CitizenRecord, count: number, firstSerial: number): CitizenRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    ...base,
    citizenId: `${base.citizenId.slice(0, 6)}${String(firstSerial + i).padStart(6, '0')}`,
    legacyId: null,
  }));
}
