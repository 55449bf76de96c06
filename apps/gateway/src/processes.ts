import cluster, { Worker } from 'node:cluster';
import { stopWhenParentGoes } from '@lgsp/runtime';

/** The environment variable that tells a gateway process its index among several (0: the first). */
export const WORKER_INDEX_ENV = 'LGSP_GATEWAY_PROCESS_INDEX';

/** How long the processes have to finish their requests and close once asked to stop, before they are killed. */
const STOP_GRACE_MS = 30_000;

/**
 * `LGSP_GATEWAY_PROCESSES` above 1: this process forks that many gateway processes (node:cluster), which share the one
 * port, each taking whole connections (a request is answered by one process, its lines and batches in order). It
 * serves nothing itself. The first process starts alone (it runs the migrations, delivers the webhooks), the others
 * once it listens. A process that exits unasked stops the others and this one exits 1, as one process failing would;
 * SIGINT/SIGTERM (or the parent going) stops them all, each finishing its requests, and this one exits 0 once they have.
 */
export function runGatewayProcesses(count: number, say: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): void {
  const workers = new Set<Worker>();
  let stopping = false;
  let failed = false;
  const finish = () => process.exit(failed ? 1 : 0);
  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (workers.size === 0) finish();
    for (const worker of workers) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of workers) worker.process.kill('SIGKILL');
    }, STOP_GRACE_MS).unref();
  };
  const fork = (index: number): Worker => {
    const worker = cluster.fork({ [WORKER_INDEX_ENV]: String(index) });
    workers.add(worker);
    worker.on('exit', (code, signal) => {
      workers.delete(worker);
      if (!stopping) {
        failed = true;
        say(`gateway: process ${index} exited (${signal ?? `code ${code}`}): stopping the others`);
        stop();
      } else if (code !== 0 && signal !== 'SIGTERM' && signal !== 'SIGINT') {
        // Asked to stop, a process ends with 0, or by the signal itself when it came before its handler (still loading).
        failed = true;
        say(`gateway: process ${index} stopped with ${signal ?? `code ${code}`}`);
      }
      if (stopping && workers.size === 0) finish();
    });
    return worker;
  };
  fork(0).once('listening', () => {
    for (let i = 1; i < count && !stopping; i++) fork(i);
  });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  stopWhenParentGoes(stop);
}
