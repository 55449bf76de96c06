import { SECTORAL_SOURCES, type SectoralSource, type TopicNames } from '@lgsp/contracts';
import { NEW_PROVINCES } from '@lgsp/domain';
import type { ReplayRequest } from './replay-run';

/** A replay asked for with a field that cannot be used: names the field and says what it takes. */
export class InvalidReplayRequest extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** A replay as a caller writes it (CLI flags, a JSON body): sources, window, provinces. */
export interface ReplayAsked {
  sources?: unknown;
  from?: unknown;
  to?: unknown;
  provinces?: unknown;
}

const listOf = (v: unknown): unknown[] | undefined =>
  v === undefined
    ? undefined
    : typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : Array.isArray(v)
        ? v
        : [v];

/** Checks what was asked and turns it into a replay of the deployment's topics; the first bad field throws. */
export function replayRequestOf(asked: ReplayAsked, topics: TopicNames): ReplayRequest {
  const sources = listOf(asked.sources) ?? [...SECTORAL_SOURCES];
  if (sources.length === 0) throw new InvalidReplayRequest('sources', `name one or more of ${SECTORAL_SOURCES.join(', ')}`);
  for (const s of sources)
    if (!(SECTORAL_SOURCES as readonly unknown[]).includes(s))
      throw new InvalidReplayRequest('sources', `${String(s)} is not a sectoral source (one of ${SECTORAL_SOURCES.join(', ')})`);
  const from = timeOf('from', asked.from);
  const to = timeOf('to', asked.to);
  if (to.getTime() <= from.getTime()) throw new InvalidReplayRequest('to', 'must be later than from');
  const provinces = (listOf(asked.provinces) ?? []).map(String);
  const known = new Set<string>(NEW_PROVINCES.map((p) => p.code));
  for (const p of provinces)
    if (!known.has(p)) throw new InvalidReplayRequest('provinces', `${p} is not a 2025 province code (two digits, e.g. 66)`);
  return {
    sources: Object.fromEntries((sources as SectoralSource[]).map((s) => [s, topics.sources[s]])),
    from,
    to,
    ...(provinces.length > 0 ? { provinces } : {}),
  };
}

function timeOf(field: string, v: unknown): Date {
  if (typeof v !== 'string' || v.trim() === '')
    throw new InvalidReplayRequest(field, 'required: an ISO 8601 time, e.g. 2026-11-01T00:00:00Z or 2026-11-01');
  const t = new Date(v);
  if (Number.isNaN(t.getTime()))
    throw new InvalidReplayRequest(field, `${v} is not an ISO 8601 time (e.g. 2026-11-01T00:00:00Z)`);
  return t;
}
