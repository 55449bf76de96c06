import { randomUUID } from 'node:crypto';
import type { SectoralSource, TopicNames } from '@lgsp/contracts';
import { BUILT_IN_RULE_SET } from '@lgsp/domain';
import type { EventTransport } from '@lgsp/transport';
import type { Pool } from 'pg';
import type { EventArchive } from '../archive/event-archive';
import { verifyDatabase } from '../log/log-audit';
import { ReplayReport, replayReport } from '../report/replay-report';
import { diffDecisions } from './decision-diff';
import { ProgressClock, ProgressReport } from './replay-progress';
import { ReplayRequest, ReplayResult, ReplayRun } from './replay-run';
import { ReplayRepository, ReplayRunRow } from './replay.repository';

/** What GET progress answers: the stored run, and while it runs in this process its progress. */
export interface RunState {
  run: ReplayRunRow;
  progress: ProgressReport | null;
  result: ReplayResult | null;
}

interface Job {
  abort: AbortController;
  clock: ProgressClock;
  progress: ProgressReport | null;
  result: ReplayResult | null;
  done: Promise<void>;
}

/**
 * The replays this process runs in the background (the REST API's): start returns the run id at
 * once, progress is kept in memory while the run lasts and read from audit_replay after, cancel
 * aborts it between steps (its decisions so far stay, tagged with the run, status "cancelled").
 */
export class ReplayRuns {
  private readonly jobs = new Map<string, Job>();
  private readonly repository = new ReplayRepository();

  constructor(
    private readonly pool: Pool,
    private readonly transport: EventTransport,
    private readonly archive?: EventArchive,
  ) {}

  start(request: ReplayRequest): { runId: string; done: Promise<void> } {
    const runId = randomUUID();
    const abort = new AbortController();
    const job: Job = { abort, clock: new ProgressClock(), progress: null, result: null, done: Promise.resolve() };
    job.done = new ReplayRun(this.pool, this.transport, this.archive)
      .run({ ...request, runId, signal: abort.signal }, (p) => (job.progress = job.clock.report(p)))
      .then(
        (result) => void (job.result = result),
        // The run's row holds the failure (status and error); nothing is left to throw to.
        () => undefined,
      );
    this.jobs.set(runId, job);
    return { runId, done: job.done };
  }

  /** Resolves once the run has its row (start writes it first): a GET right after start finds it. */
  async state(runId: string): Promise<RunState | null> {
    const job = this.jobs.get(runId);
    for (let i = 0; i < 50; i++) {
      const run = await this.repository.findRun(this.pool, runId);
      if (run !== null) return { run, progress: job?.progress ?? null, result: job?.result ?? null };
      if (job === undefined) return null;
      await new Promise((r) => setTimeout(r, 20));
    }
    return null;
  }

  /**
   * Runs a cancelled or failed replay again as a new run with the same sources, window and provinces: a replay is
   * deterministic, so running it again from the start gives what finishing it would have. Only runs of the
   * built-in rule set (a candidate's file is not stored: start it again with it). Null when there is no such run.
   */
  async resume(runId: string, topics: TopicNames): Promise<{ runId: string } | { refused: string } | null> {
    const state = await this.state(runId);
    if (state === null) return null;
    const { run } = state;
    if (run.status !== 'cancelled' && run.status !== 'failed') return { refused: `replay ${runId} is ${run.status}` };
    if (run.ruleSet !== `${BUILT_IN_RULE_SET.name}@${BUILT_IN_RULE_SET.version}`)
      return { refused: `replay ${runId} ran the candidate rule set ${run.ruleSet}: start it again with its file` };
    const sources = Object.fromEntries(run.sources.map((s) => [s, topics.sources[s as SectoralSource]]));
    const next = this.start({
      sources,
      from: new Date(run.from),
      to: new Date(run.to),
      ...(run.provinces ? { provinces: run.provinces } : {}),
    });
    return { runId: next.runId };
  }

  /**
   * A run's report: its parameters, its decisions' figures per outcome, province and commune, and the records decided
   * otherwise than live (computed again from the stored rows: the same diff the run printed). Null when there is none.
   */
  async report(runId: string, options: { verify?: boolean } = {}): Promise<ReplayReport | null> {
    const run = await this.repository.findRun(this.pool, runId);
    if (run === null) return null;
    const [counts, live, replayed] = await Promise.all([
      this.repository.runCounts(this.pool, runId),
      this.repository.liveDecisionsOfRun(this.pool, runId),
      this.repository.runDecisions(this.pool, runId),
    ]);
    // Verifying reads the whole decision log (minutes for millions): only when asked.
    const verified = options.verify ? await verifyDatabase(this.pool, { trusted: null }) : null;
    const verification = verified && {
      ok: verified.ok,
      entries: verified.entries,
      checkpointsChecked: verified.checkpointsChecked,
      first: verified.first?.detail ?? null,
    };
    return replayReport(run, counts, diffDecisions(live, replayed), new Date(), verification);
  }

  /** The latest runs, newest first, each with its progress while this process runs it (the dashboard's list). */
  async list(limit = 50): Promise<RunState[]> {
    const runs = await this.repository.listRuns(this.pool, limit);
    return runs.map((run) => {
      const job = this.jobs.get(run.runId);
      return { run, progress: job?.progress ?? null, result: job?.result ?? null };
    });
  }

  /** false when this process runs no such replay (unknown, or already finished). */
  async cancel(runId: string): Promise<boolean> {
    const job = this.jobs.get(runId);
    if (job === undefined || job.result !== null) return false;
    job.abort.abort();
    await job.done;
    return true;
  }

  /** Stops every running replay (the process is shutting down). */
  async close(): Promise<void> {
    for (const job of this.jobs.values()) job.abort.abort();
    await Promise.all([...this.jobs.values()].map((j) => j.done));
  }
}
