import type { CitizenRecord } from '../v1/citizen-record';
import type { PersonRef } from '../v1/person-ref';

/*
 * Fictional citizens. IDs follow the CCCD structure: birth-province code (066 Đắk Lắk,
 * 034 Thái Bình, 079 Hồ Chí Minh City, 037 Ninh Bình), century/gender digit, two
 * digits of the birth year, six random digits. Residence uses post-2025 codes, so a
 * Thái Bình-born citizen now lives in Hưng Yên (33).
 */

export const NGUYEN_VAN_HUNG: CitizenRecord = {
  citizenId: '066085001234',
  legacyId: '241234567',
  fullName: 'Nguyễn Văn Hùng',
  dateOfBirth: '1985-03-14',
  gender: 'M',
  provinceCode: '66',
  communeCode: '24133',
  address: '45 Lê Duẩn, phường Buôn Ma Thuột, tỉnh Đắk Lắk',
  status: 'ALIVE',
  dateOfDeath: null,
};

export const TRAN_THI_MAI: CitizenRecord = {
  citizenId: '034192004567',
  legacyId: '151234568',
  fullName: 'Trần Thị Mai',
  dateOfBirth: '1992-11-02',
  gender: 'F',
  provinceCode: '33',
  communeCode: '12460',
  address: 'Thôn Đông, xã Vũ Thư, tỉnh Hưng Yên',
  status: 'ALIVE',
  dateOfDeath: null,
};

export const LE_HOANG_ANH: CitizenRecord = {
  citizenId: '079201008910',
  legacyId: null,
  fullName: 'Lê Hoàng Anh',
  dateOfBirth: '2001-07-21',
  gender: 'M',
  provinceCode: '79',
  communeCode: '26734',
  address: '12 Nguyễn Trãi, phường Bến Thành, Thành phố Hồ Chí Minh',
  status: 'ALIVE',
  dateOfDeath: null,
};

export const PHAM_THI_THUY_HANG: CitizenRecord = {
  citizenId: '037158000321',
  legacyId: '160987654',
  fullName: 'Phạm Thị Thúy Hằng',
  dateOfBirth: '1958-01-30',
  gender: 'F',
  provinceCode: '37',
  communeCode: '14386',
  address: 'Xóm 3, xã Gia Viễn, tỉnh Ninh Bình',
  status: 'DECEASED',
  dateOfDeath: '2024-12-05',
};

/** The person exactly as the registry has them, as a sectoral source would ideally record them. */
export function asPersonRef(citizen: CitizenRecord): PersonRef {
  const { citizenId, fullName, dateOfBirth, gender, address, provinceCode, communeCode } = citizen;
  return { citizenId, fullName, dateOfBirth, gender, address, provinceCode, communeCode };
}

/**
 * Nguyễn Văn Hùng as an old land-office record has him: legacy 9-digit ID, name in
 * NFD, day-first date, pre-merger address, no commune code. Valid per the schema;
 * the reconciler reports the mismatches.
 */
export const NGUYEN_VAN_HUNG_AS_RECORDED_IN_2012: PersonRef = {
  citizenId: '241234567',
  fullName: 'Nguyễn Văn Hùng'.normalize('NFD'),
  dateOfBirth: '14/03/1985',
  gender: 'M',
  address: '45 Lê Duẩn, P. Tân Lợi, TP. Buôn Ma Thuột, tỉnh Đắk Lắk',
  provinceCode: '66',
  communeCode: null,
};

/** A legal representative recorded without any identity number. */
export const UNIDENTIFIED_REPRESENTATIVE: PersonRef = {
  citizenId: null,
  fullName: 'TRAN THI MAI',
  dateOfBirth: null,
  gender: null,
  address: null,
  provinceCode: null,
  communeCode: null,
};
