import data from '../../data/vn-admin-units/admin-units.json';

/**
 * The Statistics Office's lists of communes before and after 1 July 2025 and its conversion table,
 * as vendored in libs/domain/data/vn-admin-units (its README gives the form and the source). A JSON
 * module: the build emits it into dist/ beside the code, and libs/domain stays free of I/O.
 */
export interface AdminUnitsFile {
  source: string;
  /** [code, name with title, province code since 1 July 2025] */
  communes: [string, string, string][];
  /** [code, name with title, pre-2025 province code, the special zone the whole district became?] */
  oldDistricts: ([string, string, string] | [string, string, string, string])[];
  /** [code, name with title, district code, new communes its residents went to, new communes given land only?] */
  oldCommunes: ([string, string, string, string[]] | [string, string, string, string[], string[]])[];
}

export const ADMIN_UNITS: AdminUnitsFile = data as unknown as AdminUnitsFile;
