import { SyncEventValidator } from '@lgsp/contracts';
import { isValidEnterpriseCode } from '@lgsp/domain';
import { buildUncommittedEvent, committedEvent, type RecordChange } from '../events/sync-event-factory';
import { generateDataset } from '../generator';
import { drawChangeKind, CHANGE_KINDS } from './change-kinds';
import { ChangeRandom } from './change-random';
import {
  correctedPerson,
  deceasedCitizen,
  enterpriseCodeCandidate,
  insuranceNumberCandidate,
  movedCitizen,
  newEnterprise,
  newInsuranceCard,
  newParcel,
} from './live-records';

const validator = new SyncEventValidator();
const citizen = generateDataset({ seed: 9, citizens: 50, province: '79' }).citizenAt(3);
const at = '2025-09-02T08:00:00Z';

function valid(change: RecordChange): void {
  const event = committedEvent(buildUncommittedEvent(change, { stream: 'live-test', sequence: 1 }), at);
  const result = validator.validate(change.source, event);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
}

describe('live changes', () => {
  it('draws the same changes from the same seed', () => {
    const draws = (seed: number) => Array.from({ length: 20 }, (_, i) => new ChangeRandom(seed, i).next());
    expect(draws(1)).toEqual(draws(1));
    expect(draws(1)).not.toEqual(draws(2));
    const kinds = new Set(Array.from({ length: 500 }, (_, i) => drawChangeKind(new ChangeRandom(1, i).next())));
    expect(kinds.size).toBe(CHANGE_KINDS.length);
  });

  it('moves a citizen to another commune of the same province, as a valid update', () => {
    const moved = movedCitizen(citizen, new ChangeRandom(1, 1));
    expect(moved.provinceCode).toBe(citizen.provinceCode);
    expect(moved.communeCode).not.toBe(citizen.communeCode);
    valid({ source: 'population', operation: 'update', entityId: citizen.citizenId, before: citizen, after: moved });
  });

  it('records a death as a valid update', () => {
    const dead = deceasedCitizen(citizen, '2025-09-02');
    expect(dead).toMatchObject({ status: 'DECEASED', dateOfDeath: '2025-09-02' });
    valid({ source: 'population', operation: 'update', entityId: citizen.citizenId, before: citizen, after: dead });
  });

  it('creates valid parcels, insurance cards and companies naming the citizen as the registry has them', () => {
    const random = new ChangeRandom(1, 2);
    const parcel = newParcel(citizen, 1234, random, '2025-09-02');
    expect(parcel.mapSheet).toBeGreaterThan(200);
    valid({ source: 'land', operation: 'create', entityId: parcel.parcelId, before: null, after: parcel });
    const card = newInsuranceCard(citizen, insuranceNumberCandidate(random), '2025-09-02');
    expect(card.cardValidTo).toBe('2026-09-02');
    valid({ source: 'insurance', operation: 'create', entityId: card.socialInsuranceNumber, before: null, after: card });
    let code: string | undefined;
    while (!code) code = enterpriseCodeCandidate(citizen.provinceCode, random);
    expect(isValidEnterpriseCode(code)).toBe(true);
    const company = newEnterprise(citizen, code, random, '2025-09-02');
    valid({ source: 'business', operation: 'create', entityId: code, before: null, after: company });
    expect(company.legalRepresentative.citizenId).toBe(citizen.citizenId);
  });

  it('corrects a recorded person to the registry, keeping a recorded address', () => {
    const recorded = {
      citizenId: citizen.citizenId,
      fullName: 'NGUYEN',
      dateOfBirth: null,
      gender: null,
      address: 'old',
      provinceCode: null,
      communeCode: null,
    };
    expect(correctedPerson(recorded, citizen)).toMatchObject({
      fullName: citizen.fullName,
      dateOfBirth: citizen.dateOfBirth,
      address: 'old',
    });
  });
});
