import type { SectoralSource } from './results/sectoral-records.repository';

/** A sectoral record's identity: its source and the source's own ID for it. */
export interface RecordKey {
  readonly source: SectoralSource;
  readonly entityId: string;
}

/** A duplicate group: the records of one source resolving to one citizen with one identity (duplicateIdentityOf). */
export interface DuplicateGroupRef {
  readonly source: SectoralSource;
  readonly citizenId: string;
  readonly identity: string;
}

/**
 * A map keyed by a composite value. Maps compare keys by identity, so the key is turned into one
 * string, here and nowhere else: each part is JSON-encoded, so no value can collide with another.
 */
export class KeyedMap<K, V> {
  private readonly entries = new Map<string, [K, V]>();

  constructor(
    private readonly encode: (key: K) => string,
    items: Iterable<readonly [K, V]> = [],
  ) {
    for (const [k, v] of items) this.set(k, v);
  }

  get(key: K): V | undefined {
    return this.entries.get(this.encode(key))?.[1];
  }

  delete(key: K): boolean {
    return this.entries.delete(this.encode(key));
  }

  has(key: K): boolean {
    return this.entries.has(this.encode(key));
  }

  set(key: K, value: V): this {
    this.entries.set(this.encode(key), [key, value]);
    return this;
  }

  get size(): number {
    return this.entries.size;
  }

  keys(): K[] {
    return [...this.entries.values()].map(([k]) => k);
  }

  values(): V[] {
    return [...this.entries.values()].map(([, v]) => v);
  }
}

export type ReadonlyKeyedMap<K, V> = Pick<KeyedMap<K, V>, 'get' | 'has' | 'size' | 'keys' | 'values'>;

export const encodeRecordKey = (k: RecordKey): string => JSON.stringify([k.source, k.entityId]);
export const encodeDuplicateGroup = (k: DuplicateGroupRef): string => JSON.stringify([k.source, k.citizenId, k.identity]);

export function recordMap<V>(items: Iterable<readonly [RecordKey, V]> = []): KeyedMap<RecordKey, V> {
  return new KeyedMap(encodeRecordKey, items);
}

export function duplicateGroupMap<V>(items: Iterable<readonly [DuplicateGroupRef, V]> = []): KeyedMap<DuplicateGroupRef, V> {
  return new KeyedMap(encodeDuplicateGroup, items);
}

/** The key of a record (or of anything naming one, such as a decision). */
export function recordKeyOf(r: RecordKey): RecordKey {
  return { source: r.source, entityId: r.entityId };
}
