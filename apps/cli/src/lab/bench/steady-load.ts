import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { eventKey, SourceName, TopicNames } from '@lgsp/contracts';
import { inTransaction } from '@lgsp/database';
import {
  buildUncommittedEvent,
  committedEvent,
  generateDataset,
  OutboxRepository,
  RecordChange,
  UncommittedEvent,
} from '@lgsp/lab';

export interface SteadyLoad {
  /** Ids of the events written, to pick their results out of the results topic. */
  eventIds: Set<string>;
  sent: number;
  elapsedMs: number;
}

interface Pending {
  source: SourceName;
  key: string;
  event: UncommittedEvent;
}

/**
 * A steady offered load through the real source path: at `rate` events per second, sectoral
 * records of the dataset are updated in their mock source (an `update` event appended to its
 * outbox, stamped with the source's commit time); the OutboxRelay, running meanwhile, publishes
 * them. Records are taken round-robin from the generated dataset.
 */
export async function offerSteadyLoad(
  pool: Pool,
  topics: TopicNames,
  run: { citizens: number; seed: number; province: string; rate: number; durationMs: number },
): Promise<SteadyLoad> {
  const total = Math.ceil((run.rate * run.durationMs) / 1000);
  const records = sectoralRecords(run, Math.min(total, 200_000));
  if (records.length === 0) throw new Error('the dataset has no sectoral record to update');
  const stream = `bench-${randomBytes(8).toString('hex')}`;
  const outbox = new OutboxRepository();
  const eventIds = new Set<string>();
  const started = Date.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor((run.rate * (Date.now() - started)) / 1000));
    const bySource = new Map<SourceName, Pending[]>();
    for (; sent < due; sent++) {
      const { source, record, entityId } = records[sent % records.length];
      const change = { source, operation: 'update', entityId, before: record, after: record } as RecordChange;
      const event = buildUncommittedEvent(change, { stream, sequence: sent });
      eventIds.add(event.eventId);
      const key = eventKey(committedEvent(event, new Date().toISOString()));
      let list = bySource.get(source);
      if (!list) bySource.set(source, (list = []));
      list.push({ source, key, event });
    }
    await Promise.all(
      [...bySource].map(([source, list]) =>
        inTransaction(pool, (client) =>
          outbox.append(
            client,
            source,
            topics.sources[source],
            list.map((p) => p.key),
            JSON.stringify(list.map((p) => p.event)),
          ),
        ),
      ),
    );
    await new Promise((r) => setTimeout(r, 20));
  }
  return { eventIds, sent, elapsedMs: Date.now() - started };
}

const KEY_FIELD = { land: 'parcelId', insurance: 'socialInsuranceNumber', business: 'enterpriseCode' } as const;

function sectoralRecords(
  run: { citizens: number; seed: number; province: string },
  limit: number,
): { source: SourceName; record: unknown; entityId: string }[] {
  const out: { source: SourceName; record: unknown; entityId: string }[] = [];
  const dataset = generateDataset({ seed: run.seed, citizens: run.citizens, province: run.province });
  for (const item of dataset.items()) {
    if (item.kind === 'citizen') continue;
    const seen = out.length;
    out.push({
      source: item.kind,
      record: item.record,
      entityId: (item.record as unknown as Record<string, string>)[KEY_FIELD[item.kind]],
    });
    if (seen + 1 >= limit) break;
  }
  return out;
}
