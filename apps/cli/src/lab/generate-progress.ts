import { MultiBar, Presets, SingleBar } from 'cli-progress';
import type { SourceName } from '@lgsp/contracts';
import type { SnapshotProgress } from '@lgsp/lab';

/** Progress bars on stderr: citizens processed per source while loading, and events published. */
export class GenerateProgress {
  private bars?: MultiBar;
  private readonly load = new Map<SourceName, SingleBar>();
  private readonly committed = new Map<SourceName, number>();
  private publish?: SingleBar;
  private published = 0;

  constructor(
    private readonly citizens: number,
    enabled: boolean,
  ) {
    if (!enabled) return;
    this.bars = new MultiBar(
      { stream: process.stderr, format: '{label} |{bar}| {percentage}% {value}/{total} {unit}', hideCursor: true, fps: 5 },
      Presets.shades_classic,
    );
  }

  loaded(p: SnapshotProgress): void {
    this.committed.set(p.source, p.events);
    if (!this.bars) return;
    let bar = this.load.get(p.source);
    if (!bar) {
      bar = this.bars.create(this.citizens, 0, { label: `load ${p.source}`.padEnd(15), unit: 'citizens' });
      this.load.set(p.source, bar);
    }
    bar.update(p.citizensDone);
    this.publishBar().setTotal(
      Math.max(
        1,
        [...this.committed.values()].reduce((a, b) => a + b, 0),
      ),
    );
  }

  publishedMore(count: number): void {
    this.published += count;
    if (this.bars) this.publishBar().update(this.published);
  }

  /** Idempotent: a second stop would redraw the bars. */
  stop(): void {
    this.bars?.stop();
    this.bars = undefined;
  }

  private publishBar(): SingleBar {
    this.publish ??= this.bars!.create(1, 0, { label: 'publish'.padEnd(15), unit: 'events' });
    return this.publish;
  }
}
