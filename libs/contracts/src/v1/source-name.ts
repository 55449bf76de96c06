import type { Static } from '@sinclair/typebox';
import { StringEnum } from '../schema-building';

/** The sectoral databases: every source but the population registry; each of their records names one person. */
export const SECTORAL_SOURCES = ['land', 'insurance', 'business'] as const;
export type SectoralSource = (typeof SECTORAL_SOURCES)[number];

/** The national databases that emit sync events; one Kafka topic each. */
export const SOURCE_NAMES = ['population', ...SECTORAL_SOURCES] as const;
export const SourceName = StringEnum(SOURCE_NAMES, { description: 'National database the event comes from' });
export type SourceName = Static<typeof SourceName>;

/**
 * What happened at the source. `snapshot` is a full re-sync (cut-over, audit replay)
 * and carries the current state exactly like `create`; consumers must treat both as upserts.
 */
export const OPERATIONS = ['snapshot', 'create', 'update', 'delete'] as const;
export const Operation = StringEnum(OPERATIONS, { description: 'Change kind at the source' });
export type Operation = Static<typeof Operation>;
