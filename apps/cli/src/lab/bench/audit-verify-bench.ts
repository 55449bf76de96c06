import { generateKeyPairSync } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportLog, makeCheckpoint, verifyDatabase, verifyExportFile } from '@lgsp/audit';
import { createPool, createScratchDatabase, openDatabase } from '@lgsp/database';
import { productMigrations } from '@lgsp/runtime';

const BATCH = 20_000;

/** A decision the size of a typical one (evidence with the compared fields, one candidate), numbered g. */
const INSERT = `INSERT INTO reconciliation.decisions (source, entity_id, cause_event_id, cause, outcome, citizen_id, differences,
    evidence, candidates, rule_version, registry_version, event_id, topic, partition, "offset", event_hash, sequence, decided_at)
  SELECT 'land', '24133.' || g, md5('cause' || g)::uuid, 'record-event', CASE WHEN g % 17 = 0 THEN 'MISMATCHED' ELSE 'MATCHED' END,
    lpad(g::text, 12, '0'), '[]', $3::json, $4::json, 'bench-rules', 1, md5('event' || g)::uuid, 'lgsp.land.v1', g % 6, g,
    md5(g::text), 1, now()
  FROM generate_series($1::bigint, $2::bigint) g`;

const EVIDENCE = {
  notes: [],
  fields: ['fullName', 'dateOfBirth', 'gender', 'provinceCode', 'communeCode'].map((field) => ({
    field,
    level: 'EXACT',
    weight: 4.2,
  })),
};
const CANDIDATES = [
  { citizenId: '066085000001', weight: 21.4, probability: 0.9999, fields: EVIDENCE.fields, foundBy: ['CURRENT_ID'] },
];

const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
const rate = (n: number, s: number) => `${Math.round(n / s).toLocaleString('en-US')}/s`;

/**
 * `lgsp bench-audit`: N synthetic decisions appended through the log's trigger into a scratch database, a checkpoint
 * of them, then verify of the database and of an export; prints each figure. The scratch database is dropped after.
 */
export async function runAuditBench(flags: {
  databaseUrl?: string;
  decisions?: string;
  export?: boolean;
  keepDatabase?: boolean;
}): Promise<void> {
  const server = flags.databaseUrl ?? process.env.DATABASE_URL;
  if (!server) throw new Error('bench-audit needs a PostgreSQL server: pass --database-url or set DATABASE_URL');
  const n = Number(flags.decisions ?? 1_000_000);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--decisions ${flags.decisions} is not a whole number above 0`);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const scratch = await createScratchDatabase(server, 'lgsp_bench_audit');
  const dir = mkdtempSync(join(tmpdir(), 'lgsp-bench-audit-'));
  try {
    const ds = await openDatabase(scratch.url, productMigrations('kafka'));
    await ds.destroy();
    const pool = createPool(scratch.url, { max: 4 });
    try {
      let t = process.hrtime.bigint();
      for (let from = 1; from <= n; from += BATCH)
        await pool.query(INSERT, [from, Math.min(n, from + BATCH - 1), JSON.stringify(EVIDENCE), JSON.stringify(CANDIDATES)]);
      const append = seconds(t);
      say(
        `appended ${n.toLocaleString('en-US')} decisions through the log trigger in ${append.toFixed(1)} s (${rate(n, append)}, batches of ${BATCH})`,
      );
      // What autovacuum does to a table that has stopped growing: statistics, and the visibility map an index-only
      // scan needs (verify counts the decision rows). Timed apart: it is not verify's own cost.
      t = process.hrtime.bigint();
      await pool.query(`VACUUM ANALYZE reconciliation.decisions`);
      await pool.query(`VACUUM ANALYZE audit.decision_log`);
      say(`vacuum analyze of both tables (autovacuum's work) in ${seconds(t).toFixed(1)} s`);
      t = process.hrtime.bigint();
      const c = await makeCheckpoint(pool, generateKeyPairSync('ed25519').privateKey, null);
      say(`first checkpoint of ${c!.size.toLocaleString('en-US')} leaves signed in ${seconds(t).toFixed(1)} s`);
      t = process.hrtime.bigint();
      const report = await verifyDatabase(pool, { trusted: null });
      const verify = seconds(t);
      say(
        `verify (database): ${report.ok ? 'intact' : 'TAMPERED'}, ${report.entries.toLocaleString('en-US')} entries in ${verify.toFixed(1)} s (${rate(report.entries, verify)})`,
      );
      if (flags.export) {
        const file = join(dir, 'log.jsonl');
        t = process.hrtime.bigint();
        const out = createWriteStream(file);
        await exportLog(pool, async (line) => {
          if (!out.write(line)) await once(out, 'drain');
        });
        out.end();
        await once(out, 'finish');
        say(`export: ${(statSync(file).size / 1e6).toFixed(0)} MB in ${seconds(t).toFixed(1)} s`);
        t = process.hrtime.bigint();
        const offline = await verifyExportFile(file, { trusted: null });
        const s = seconds(t);
        say(
          `verify (export file, offline): ${offline.ok ? 'intact' : 'TAMPERED'}, ${offline.entries.toLocaleString('en-US')} entries in ${s.toFixed(1)} s (${rate(offline.entries, s)})`,
        );
      }
    } finally {
      await pool.end();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (flags.keepDatabase) say(`scratch database kept for profiling: ${scratch.url} (drop it when done)`);
    else await scratch.drop();
  }
}
