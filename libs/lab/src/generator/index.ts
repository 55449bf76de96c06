export { generateDataset } from './dataset';
export type { Dataset, DatasetOptions } from './dataset';
export type { DatasetItem, SectoralItem } from './dataset-item';
export { DIRT_KINDS, DEFAULT_DIRT_RATES, COSMETIC_KINDS, MISMATCH_KINDS, resolveDirtRates } from './dirt-kinds';
export type { DirtKind, DirtRates } from './dirt-kinds';
export { EXPECTED_OUTCOMES, expectedOutcomeOf, summariseGroundTruth } from './ground-truth';
export type { Corruption, CorruptedField, ExpectedOutcome, GroundTruth, GroundTruthSummary } from './ground-truth';
export { foldDiacritics } from './text-dirt';
