import type { BusinessEvent } from '../v1/events';
import type { EnterpriseRecord } from '../v1/enterprise-record';
import { asPersonRef, NGUYEN_VAN_HUNG, UNIDENTIFIED_REPRESENTATIVE } from './citizens';

// Tax codes carry a valid check digit (weights 31, 29, 23, 19, 17, 13, 7, 5, 3).
const COFFEE_COMPANY: EnterpriseRecord = {
  enterpriseCode: '6001234562',
  name: 'Công ty TNHH Cà phê Buôn Ma Thuột Xanh',
  provinceCode: '66',
  legalRepresentative: asPersonRef(NGUYEN_VAN_HUNG),
  registeredAt: '2018-06-11',
};

const COFFEE_COMPANY_BRANCH: EnterpriseRecord = {
  ...COFFEE_COMPANY,
  enterpriseCode: '6001234562-001',
  name: 'Chi nhánh Công ty TNHH Cà phê Buôn Ma Thuột Xanh tại Thành phố Hồ Chí Minh',
  provinceCode: '79',
  registeredAt: '2021-02-25',
};

const TRADING_HOUSEHOLD_COMPANY: EnterpriseRecord = {
  enterpriseCode: '0312345673',
  name: 'Công ty Cổ phần Thương mại Bến Thành',
  provinceCode: '79',
  legalRepresentative: UNIDENTIFIED_REPRESENTATIVE,
  registeredAt: '2013-08-30',
};

export const BUSINESS_CREATE: BusinessEvent = {
  eventId: '352d014e-ce87-4da0-9402-b3fa1c563d6e',
  source: 'business',
  operation: 'create',
  entityId: COFFEE_COMPANY.enterpriseCode,
  before: null,
  after: COFFEE_COMPANY,
  committedAt: '2018-06-11T15:20:00+07:00',
  schemaVersion: 1,
  traceId: '9e2c4a7b1d3f4e5a8b6c0d1e2f3a4b5c',
};

export const BUSINESS_BRANCH_CREATE: BusinessEvent = {
  eventId: '24ed105a-23fc-4a3c-888e-2a27bac1455b',
  source: 'business',
  operation: 'create',
  entityId: COFFEE_COMPANY_BRANCH.enterpriseCode,
  before: null,
  after: COFFEE_COMPANY_BRANCH,
  committedAt: '2021-02-25T09:00:00+07:00',
  schemaVersion: 1,
  traceId: '1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f',
};

/** No citizen ID for the representative: the event is keyed by its enterprise code. */
export const BUSINESS_SNAPSHOT_NO_CITIZEN_ID: BusinessEvent = {
  eventId: 'fa0c5e36-91ef-4b15-ab38-28621ea45ef0',
  source: 'business',
  operation: 'snapshot',
  entityId: TRADING_HOUSEHOLD_COMPANY.enterpriseCode,
  before: null,
  after: TRADING_HOUSEHOLD_COMPANY,
  committedAt: '2025-07-01T00:00:00+07:00',
  schemaVersion: 1,
  traceId: '6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c',
};

/** Dissolution. */
export const BUSINESS_DELETE: BusinessEvent = {
  eventId: '70fed80a-2cec-41d3-bf03-4db0988d9120',
  source: 'business',
  operation: 'delete',
  entityId: COFFEE_COMPANY_BRANCH.enterpriseCode,
  before: COFFEE_COMPANY_BRANCH,
  after: null,
  committedAt: '2025-10-01T17:00:00+07:00',
  schemaVersion: 1,
  traceId: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
};

export const BUSINESS_EXAMPLES: readonly BusinessEvent[] = [
  BUSINESS_CREATE,
  BUSINESS_BRANCH_CREATE,
  BUSINESS_SNAPSHOT_NO_CITIZEN_ID,
  BUSINESS_DELETE,
];
