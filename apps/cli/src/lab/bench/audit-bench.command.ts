import { Command } from 'commander';
import { labAction } from '../lab-action';

/** `lgsp bench-audit`: how fast the decision log is appended and verified (docs/benchmarks.md). */
export function auditBenchCommand(): Command {
  return new Command('bench-audit')
    .description('append N synthetic decisions through the decision log in a scratch database, then time checkpoint and verify')
    .option('--database-url <url>', 'the PostgreSQL server to make the scratch database on (default DATABASE_URL)')
    .option('--decisions <n>', 'how many decisions', '1000000')
    .option('--export', 'also time the export and the offline verify of the file')
    .option('--keep-database', 'keep the scratch database afterwards (to profile verify on it); prints its URL')
    .action(labAction('bench-audit', async () => (await import('./audit-verify-bench')).runAuditBench));
}
