import type { Logger } from 'pino';

/**
 * Bounds a stop once it is asked for. A shutdown that hangs (a consumer that cannot leave its group during a
 * rebalance, a connection that neither answers nor fails) would leave a process that serves nothing, holds its
 * partitions until its session runs out and never exits: the orchestrator, or a test, waits on it for ever.
 * Past the deadline the process exits with 1, naming the step it was stuck in. Nothing is lost by it: a batch
 * whose offsets were not committed is delivered again, and decisions are idempotent (docs/guarantees.md).
 */
export function armShutdownDeadline(seconds: number, logger: Pick<Logger, 'error'>, step: () => string): void {
  const timer = setTimeout(() => {
    logger.error(
      { seconds, step: step() },
      `the stop did not finish within ${seconds} s (LGSP_SHUTDOWN_SECONDS) while ${step()}; exiting: ` +
        'batches not committed are delivered again',
    );
    process.exit(1);
  }, seconds * 1000);
  timer.unref();
}
