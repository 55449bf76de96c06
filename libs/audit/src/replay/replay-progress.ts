import type { ReplayProgress } from './replay-run';

/** A run's progress with its rate and time left, as the CLI prints it and the REST API returns it. */
export interface ProgressReport extends ReplayProgress {
  /** Items of the phase per second since the phase began (0 until one has passed). */
  rate: number;
  /** Seconds left in the phase at that rate, null while unknown. */
  etaSeconds: number | null;
}

/** Tracks when each phase began, so the rate is of this phase's items (read messages, decided events, …). */
export class ProgressClock {
  private phase: string | null = null;
  private since = 0;

  constructor(private readonly now: () => number = Date.now) {}

  report(p: ReplayProgress): ProgressReport {
    const t = this.now();
    if (p.phase !== this.phase) {
      this.phase = p.phase;
      this.since = t;
    }
    const seconds = (t - this.since) / 1000;
    const rate = seconds > 0 ? p.done / seconds : 0;
    const etaSeconds = rate > 0 ? Math.max(0, (p.total - p.done) / rate) : null;
    return { ...p, rate, etaSeconds };
  }
}

const UNITS: Record<ReplayProgress['phase'], string> = {
  reading: 'messages read',
  deciding: 'events decided',
  writing: 'decisions written',
  comparing: 'comparing with the live decisions',
};

/** One line: "deciding 12,000/50,000 events decided (24 %) · 3,100/s · ETA 12 s". */
export function progressLine(r: ProgressReport): string {
  if (r.phase === 'comparing') return `comparing: ${UNITS.comparing}`;
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const percent = r.total > 0 ? Math.floor((100 * r.done) / r.total) : 100;
  const eta = r.etaSeconds === null ? 'ETA –' : `ETA ${formatSeconds(r.etaSeconds)}`;
  return `${r.phase} ${n(r.done)}/${n(r.total)} ${UNITS[r.phase]} (${percent} %) · ${n(r.rate)}/s · ${eta}`;
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.ceil(s % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
