import type { Gender } from '../identity/citizen-id';

/**
 * The person a sectoral record names, as the source wrote it. Structurally the
 * same fields as the contracts' PersonRef, declared here so that the domain
 * library depends on nothing: a PersonRef is assignable to it.
 */
export interface RecordedPerson {
  readonly citizenId: string | null;
  readonly fullName: string | null;
  readonly dateOfBirth: string | null;
  readonly gender: Gender | null;
  readonly address: string | null;
  readonly provinceCode: string | null;
  readonly communeCode: string | null;
}

/**
 * A citizen as the population registry holds them (the contracts' CitizenRecord
 * is assignable to it). Fields are widened to accept null where the registry
 * contract is strict, so that incomplete registry extracts still type-check.
 */
export interface RegistryCitizen {
  readonly citizenId: string;
  readonly legacyId: string | null;
  readonly fullName: string | null;
  /** YYYY-MM-DD. */
  readonly dateOfBirth: string | null;
  readonly gender: Gender | null;
  /** Current (2025) 2-digit province code. */
  readonly provinceCode: string | null;
  readonly communeCode: string | null;
  readonly address: string | null;
  readonly status: 'ALIVE' | 'DECEASED';
  readonly dateOfDeath: string | null;
}
