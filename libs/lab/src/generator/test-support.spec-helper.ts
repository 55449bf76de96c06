import { createHash } from 'crypto';
import { duplicateIdentityOf, type CitizenRecord } from '@lgsp/contracts';
import { Dataset } from './dataset';
import { DatasetItem, SectoralItem } from './dataset-item';

export function sha256OfItems(items: Iterable<DatasetItem>): string {
  const h = createHash('sha256');
  for (const item of items) h.update(`${JSON.stringify(item)}\n`);
  return h.digest('hex');
}

export interface Collected {
  citizens: CitizenRecord[];
  sectoral: { item: SectoralItem; citizen: CitizenRecord }[];
}

/** Every item of a (small) dataset, each sectoral record paired with the registry citizen it names. */
export function collect(ds: Dataset): Collected {
  const out: Collected = { citizens: [], sectoral: [] };
  let current: CitizenRecord | null = null;
  for (const item of ds.items()) {
    if (item.kind === 'citizen') {
      current = item.record;
      out.citizens.push(item.record);
    } else {
      if (current === null || current.citizenId !== item.truth.trueCitizenId) throw new Error('sectoral record out of order');
      out.sectoral.push({ item, citizen: current });
    }
  }
  return out;
}

/** The contract's duplicate identity of a generated record (null: it can be no one's duplicate). */
export function identityOfItem(item: SectoralItem): string | null {
  switch (item.kind) {
    case 'land':
      return duplicateIdentityOf('land', item.record);
    case 'insurance':
      return duplicateIdentityOf('insurance', item.record);
    case 'business':
      return duplicateIdentityOf('business', item.record);
  }
}

export const isDuplicate = (item: SectoralItem): boolean => item.truth.corruptions.some((c) => c.kind === 'DUPLICATE');
