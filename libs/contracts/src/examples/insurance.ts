import type { InsuranceEvent } from '../v1/events';
import type { InsuranceRecord } from '../v1/insurance-record';
import { asPersonRef, LE_HOANG_ANH, PHAM_THI_THUY_HANG } from './citizens';

const STUDENT_CARD: InsuranceRecord = {
  socialInsuranceNumber: '7920345618',
  holder: asPersonRef(LE_HOANG_ANH),
  cardValidFrom: '2025-01-01',
  cardValidTo: '2025-12-31',
  status: 'ACTIVE',
};

/** Recorded without diacritics and with a pre-merger address, as many old cards are. */
const PENSIONER_CARD: InsuranceRecord = {
  socialInsuranceNumber: '3710028456',
  holder: {
    ...asPersonRef(PHAM_THI_THUY_HANG),
    fullName: 'Pham Thi Thuy Hang',
    address: 'Xóm 3, xã Gia Phú, huyện Gia Viễn, tỉnh Ninh Bình',
  },
  cardValidFrom: '2025-01-01',
  cardValidTo: '2025-12-31',
  status: 'ACTIVE',
};

export const INSURANCE_CREATE: InsuranceEvent = {
  eventId: '74900b9a-d8fc-4d09-a2b5-6a3d7b8284a7',
  source: 'insurance',
  operation: 'create',
  entityId: STUDENT_CARD.socialInsuranceNumber,
  before: null,
  after: STUDENT_CARD,
  committedAt: '2025-01-02T08:00:12+07:00',
  schemaVersion: 1,
  traceId: '0af7651916cd43dd8448eb211c80319c',
};

/** A card still active for a deceased citizen: valid as a message, a finding for the reconciler. */
export const INSURANCE_SNAPSHOT_DECEASED_HOLDER: InsuranceEvent = {
  eventId: '7fd34ea5-bcfd-43c9-a63e-4464c09208dc',
  source: 'insurance',
  operation: 'snapshot',
  entityId: PENSIONER_CARD.socialInsuranceNumber,
  before: null,
  after: PENSIONER_CARD,
  committedAt: '2025-07-01T00:00:00+07:00',
  schemaVersion: 1,
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
};

export const INSURANCE_EXPIRY_UPDATE: InsuranceEvent = {
  eventId: '7395c480-6f1e-49d9-adf3-ddaf948fc93c',
  source: 'insurance',
  operation: 'update',
  entityId: PENSIONER_CARD.socialInsuranceNumber,
  before: PENSIONER_CARD,
  after: { ...PENSIONER_CARD, status: 'EXPIRED' },
  committedAt: '2025-07-20T11:45:00+07:00',
  schemaVersion: 1,
  traceId: 'a3ce929d0e0e47364bf92f3577b34da6',
};

export const INSURANCE_EXAMPLES: readonly InsuranceEvent[] = [
  INSURANCE_CREATE,
  INSURANCE_SNAPSHOT_DECEASED_HOLDER,
  INSURANCE_EXPIRY_UPDATE,
];
