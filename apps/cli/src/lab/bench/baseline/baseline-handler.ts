import { Repository } from 'typeorm';
import { PERSON_FIELD, type SectoralSource } from '@lgsp/contracts';
import { BaselineCitizen, BaselineResult } from './baseline-entities';

interface SyncEventLike {
  entityId: string;
  committedAt: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const normalised = (s: unknown) => (typeof s === 'string' ? s.normalize('NFC').trim().toLowerCase() : '');

/**
 * What a user would write first: per message, look the citizen up by the ID the record
 * gives and save one result row through TypeORM. It does less than the pipeline (no
 * validation, legacy IDs, candidate search, history or publication), so the ratio
 * pipeline/baseline flatters the baseline.
 */
export class BaselineHandler {
  handled = 0;
  firstAt = 0;
  lastAt = 0;

  constructor(
    private readonly citizens: Repository<BaselineCitizen>,
    private readonly results: Repository<BaselineResult>,
  ) {}

  async population(event: SyncEventLike): Promise<void> {
    const r = (event.after ?? event.before ?? {}) as Record<string, string>;
    await this.citizens.save({ citizenId: event.entityId, fullName: r.fullName, dateOfBirth: r.dateOfBirth, status: r.status });
    this.count();
  }

  async sectoral(source: SectoralSource, event: SyncEventLike): Promise<void> {
    const record = event.after ?? event.before ?? {};
    const person = (record[PERSON_FIELD[source]] ?? {}) as Record<string, unknown>;
    const id = typeof person.citizenId === 'string' ? person.citizenId.trim() : '';
    const citizen = id ? await this.citizens.findOneBy({ citizenId: id }) : null;
    const outcome = !citizen
      ? 'NOT_FOUND'
      : citizen.status === 'DECEASED'
        ? 'DECEASED'
        : normalised(citizen.fullName) === normalised(person.fullName) && citizen.dateOfBirth === person.dateOfBirth
          ? 'MATCHED'
          : 'MISMATCHED';
    await this.results.save({
      source,
      entityId: event.entityId,
      outcome,
      citizenId: citizen?.citizenId ?? null,
      committedAt: new Date(event.committedAt),
      decidedAt: new Date(),
    });
    this.count();
  }

  private count(): void {
    const now = Date.now();
    if (this.handled === 0) this.firstAt = now;
    this.handled++;
    this.lastAt = now;
  }
}
