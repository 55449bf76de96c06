import { NEW_PROVINCES, OLD_PROVINCES, isOldProvinceCode, newProvinceOfOld } from '../geo';
import { buildProvinceHistory, ProvinceHistory } from './address';

let current: ProvinceHistory | undefined;

/** The 2025 reorganisation (63 -> 34 provinces), built once on first use. */
export function currentProvinceHistory(): ProvinceHistory {
  current ??= buildProvinceHistory(OLD_PROVINCES, NEW_PROVINCES, (code) =>
    isOldProvinceCode(code) ? newProvinceOfOld(code) : undefined,
  );
  return current;
}
