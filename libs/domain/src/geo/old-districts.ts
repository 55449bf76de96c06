import { OLD_PROVINCES } from './old-provinces';
import { OldProvinceCode } from './province-codes';
import { placeName, syntheticStream } from './synthetic-pick';

/**
 * Pre-2025 districts (the level abolished on 1 July 2025), needed only to write stale
 * addresses. SYNTHETIC: names are drawn from a place-name vocabulary, not the real list.
 * Urban districts (Quận / Thành phố / Thị xã) hold wards; rural ones (Huyện) hold communes.
 */
export interface OldDistrict {
  name: string;
  urban: boolean;
}

function buildDistricts(code: OldProvinceCode, isCity: boolean): OldDistrict[] {
  const next = syntheticStream(`district:${code}`);
  const count = 6 + Math.floor(next() * 7);
  const used = new Set<string>();
  const out: OldDistrict[] = [];
  while (out.length < count) {
    const base = placeName(next);
    if (used.has(base)) continue;
    used.add(base);
    const i = out.length;
    let title: string;
    if (isCity) title = i < Math.ceil(count / 2) ? 'Quận' : 'Huyện';
    else title = i === 0 ? 'Thành phố' : i === 1 ? 'Thị xã' : 'Huyện';
    out.push({ name: `${title} ${base}`, urban: title !== 'Huyện' });
  }
  return out;
}

const DISTRICTS = new Map<string, readonly OldDistrict[]>(
  OLD_PROVINCES.map((p) => [p.code, Object.freeze(buildDistricts(p.code, p.kind === 'city'))]),
);

export function oldDistrictsOf(code: OldProvinceCode): readonly OldDistrict[] {
  const d = DISTRICTS.get(code);
  if (!d) throw new Error(`not a pre-2025 province code: ${code}`);
  return d;
}
