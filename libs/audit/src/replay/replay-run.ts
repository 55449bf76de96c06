import { randomUUID } from 'node:crypto';
import type { SectoralSource } from '@lgsp/contracts';
import { BUILT_IN_RULE_SET, RuleSet } from '@lgsp/domain';
import type { Decision } from '@lgsp/reconciliation';
import type { EventTransport } from '@lgsp/transport';
import type { Pool } from 'pg';
import type { OffsetGap } from '../archive/archive-gaps';
import type { EventArchive } from '../archive/event-archive';
import { AsOfRegistry } from './as-of-registry';
import { decisionDigest } from './decision-digest';
import { diffDecisions, OtherChange, otherChanges, RecordChange } from './decision-diff';
import { ReplayDecider } from './replay-decider';
import { readWindow } from './replay-reader';
import { ReplayRepository } from './replay.repository';

export interface ReplayRequest {
  /** The topic of each source to replay (the deployment's topic names). */
  sources: Partial<Record<SectoralSource, string>>;
  /** Source commit times [from, to). */
  from: Date;
  to: Date;
  /** Only the records counted in these provinces (2025 codes); all when absent. */
  provinces?: string[];
  /** The rule set to decide under: the built-in one (the live pipeline's) unless a candidate is given. */
  rules?: RuleSet;
  /** Run id to use (the REST API makes it before the run starts); a new one otherwise. */
  runId?: string;
  signal?: AbortSignal;
}

export interface ReplayProgress {
  phase: 'reading' | 'deciding' | 'writing' | 'comparing';
  done: number;
  total: number;
}

export interface ReplayResult {
  runId: string;
  /** Messages read from the topics, events in the window, and events that break the contract. */
  eventsRead: number;
  /** Of the messages read, those read from the event archive (the topic no longer held them). */
  fromArchive: number;
  /**
   * Offsets the window may need that the topics lost and the archive does not hold. None: the window is complete.
   * Some: the events there were not decided, and the digest cannot be the live one of the window (only of the events held).
   */
  gaps: OffsetGap[];
  eventsInWindow: number;
  invalid: number;
  /** Records decided (the decision of each record's last event in the window, its province among those asked). */
  decided: number;
  /** Records whose last event in the window deletes them: retracted, not in the digest. */
  deleted: number;
  digest: string;
  /** The live decisions of the same events: their digest, and how many of the run's have none. */
  liveDigest: string;
  liveCount: number;
  liveMissing: number;
  /** Live decisions recorded under a rule version this build does not carry (not replayable as they were). */
  otherRuleVersions: string[];
  /** The rule set decided under (name@version). */
  ruleSet: string;
  /** The records whose outcome, differences or candidates the replay decided otherwise than live. */
  changes: RecordChange[];
  /** Records the same on those three that still differ from live in another part (evidence, citizen, registry version). */
  otherChanges: OtherChange[];
}

const WRITE_CHUNK = 1000;

/**
 * An isolated audit run: reads the window with its own reader, decides each event against the
 * registry as of its commit time (load → decide → write, the decide step the worker's), writes
 * the decisions to audit_replay tagged with the run id, and compares their digest with the live
 * decisions of the same events. It writes nothing else: no live table, topic or metric.
 */
export class ReplayRun {
  private readonly repository = new ReplayRepository();

  constructor(
    private readonly pool: Pool,
    private readonly transport: EventTransport,
    /** Where the events the topics no longer hold are read from; without it, a replay reads only the topics. */
    private readonly archive?: EventArchive,
  ) {}

  async run(request: ReplayRequest, onProgress: (p: ReplayProgress) => void = () => undefined): Promise<ReplayResult> {
    const runId = request.runId ?? randomUUID();
    const sources = Object.keys(request.sources).sort() as SectoralSource[];
    const provinces = request.provinces && request.provinces.length > 0 ? request.provinces : null;
    const rules = request.rules ?? BUILT_IN_RULE_SET;
    const ruleSet = `${rules.name}@${rules.version}`;
    await this.repository.createRun(this.pool, {
      runId,
      sources,
      from: request.from,
      to: request.to,
      provinces,
      ruleSet,
    });
    try {
      const result = await this.execute(runId, { ...request, rules }, provinces, onProgress);
      await this.repository.updateRun(this.pool, runId, {
        status: 'done',
        eventsRead: result.eventsRead,
        fromArchive: result.fromArchive,
        gaps: result.gaps,
        decided: result.decided,
        digest: result.digest,
        liveDigest: result.liveDigest,
        liveMissing: result.liveMissing,
      });
      return result;
    } catch (e) {
      const cancelled = request.signal?.aborted === true;
      await this.repository.updateRun(this.pool, runId, {
        status: cancelled ? 'cancelled' : 'failed',
        error: cancelled ? 'cancelled' : String((e as Error).message ?? e),
      });
      throw e;
    }
  }

  private async execute(
    runId: string,
    request: ReplayRequest,
    provinces: string[] | null,
    onProgress: (p: ReplayProgress) => void,
  ): Promise<ReplayResult> {
    const signal = request.signal;
    // Load: the window's events, and the registry's history up to the window's end.
    const window = await readWindow(
      this.transport,
      { sources: request.sources as Record<SectoralSource, string | undefined>, from: request.from, to: request.to },
      (done, total) => onProgress({ phase: 'reading', done, total }),
      this.archive,
      signal,
    );
    // Recorded at once: the run's status shows what it read, and what the window lacks, while it decides.
    await this.repository.updateRun(this.pool, runId, {
      eventsRead: window.read,
      fromArchive: window.fromArchive,
      gaps: window.gaps,
    });
    signal?.throwIfAborted();
    const registry = new AsOfRegistry(await this.repository.registryHistory(this.pool, request.to));

    // Decide: every event in order; each record's decision is the one of its last event in the window.
    const liveSizes = await this.repository.liveRegistrySizes(
      this.pool,
      window.events.map((e) => ({ source: e.source, entityId: e.event.entityId, eventId: e.ref.eventId })),
    );
    const decider = new ReplayDecider(registry, request.rules, liveSizes);
    const latest = new Map<string, Decision | null>();
    const total = window.events.length;
    for (let i = 0; i < total; i++) {
      const e = window.events[i];
      const decided = decider.decide(e);
      if (decided !== null) latest.set(`${e.source}\u0000${e.event.entityId}`, 'outcome' in decided ? decided : null);
      if (i % 500 === 499) {
        onProgress({ phase: 'deciding', done: i + 1, total });
        signal?.throwIfAborted();
        // Lets the event loop serve progress requests and a cancel during a long run.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    onProgress({ phase: 'deciding', done: total, total });
    const all = [...latest.values()];
    const decisions = all.filter((d): d is Decision => d !== null && inProvinces(d, provinces));

    // Write: the run's decisions only.
    for (let i = 0; i < decisions.length; i += WRITE_CHUNK) {
      signal?.throwIfAborted();
      await this.repository.writeDecisions(this.pool, runId, decisions.slice(i, i + WRITE_CHUNK));
      onProgress({ phase: 'writing', done: Math.min(i + WRITE_CHUNK, decisions.length), total: decisions.length });
    }

    // Compare: the same digest over the run's stored decisions and over the live ones of the same events.
    onProgress({ phase: 'comparing', done: 0, total: 1 });
    const replayRows = await this.repository.runDecisions(this.pool, runId);
    const replayed = decisionDigest(replayRows);
    const liveRows = await this.repository.liveDecisionsOfRun(this.pool, runId);
    const live = decisionDigest(liveRows);
    return {
      runId,
      eventsRead: window.read,
      fromArchive: window.fromArchive,
      gaps: window.gaps,
      eventsInWindow: total,
      invalid: window.invalid,
      decided: replayed.count,
      deleted: all.filter((d) => d === null).length,
      digest: replayed.digest,
      liveDigest: live.digest,
      liveCount: live.count,
      liveMissing: replayed.count - live.count,
      otherRuleVersions: [...new Set(liveRows.map((r) => r.rule_version).filter((v) => v !== BUILT_IN_RULE_SET.version))].sort(),
      ruleSet: `${request.rules!.name}@${request.rules!.version}`,
      changes: diffDecisions(liveRows, replayRows),
      otherChanges: otherChanges(liveRows, replayRows),
    };
  }
}

function inProvinces(d: Decision, provinces: string[] | null): boolean {
  return provinces === null || (d.provinceCode !== null && provinces.includes(d.provinceCode));
}
