import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { Command } from 'commander';
import {
  checkpointsOfFile,
  exportLog,
  ExportedCheckpoint,
  InclusionProofFile,
  makeCheckpoint,
  proofProblem,
  proveDecision,
  publicKeyFromPem,
  publishCheckpoint,
  publishedCheckpoint,
  signingKeyOf,
  verifyDatabase,
  verifyExportFile,
  VerifyReport,
} from '@lgsp/audit';
import { topicNames } from '@lgsp/contracts';
import type { Runtime } from '@lgsp/runtime';
import type { KeyObject } from 'node:crypto';
import { openCliRuntime } from './cli-runtime';
import { RuntimeFlags, withDatabaseOption, withRuntimeOptions } from './runtime-flags';

/** Exit codes of verify and check-proof: intact, tampered (or a bad proof), could not check. */
export const AUDIT_EXIT = { ok: 0, tampered: 1, unchecked: 2 } as const;

const say = (line: string) => process.stdout.write(`${line}\n`);
const causeOf = (e: unknown) => (e instanceof Error ? e.message || e.name : String(e)) || 'no reason given';

class Unchecked extends Error {
  constructor(
    readonly reason: string,
    readonly next: string,
  ) {
    super(reason);
  }
}

/** Could not check: the cause and the next step on stderr, exit 2. */
function unchecked(command: string, cause: string, next: string): void {
  process.stderr.write(`lgsp audit ${command}: could not check: ${cause}\n  next: ${next}\n`);
  process.exitCode = AUDIT_EXIT.unchecked;
}

function trustedKey(path: string | undefined): KeyObject | null {
  if (!path) return null;
  try {
    return publicKeyFromPem(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Unchecked(
      `--public-key ${path} is not a readable public key PEM (${causeOf(e)})`,
      'pass the SPKI PEM a checkpoint carries (publicKey)',
    );
  }
}

async function withRuntime<T>(
  command: string,
  flags: RuntimeFlags,
  work: (runtime: Runtime) => Promise<T>,
): Promise<T | undefined> {
  let runtime: Runtime;
  try {
    runtime = await openCliRuntime(flags);
  } catch (e) {
    unchecked(
      command,
      `cannot open the database (${causeOf(e)})`,
      'check that PostgreSQL runs and that --database-url/DATABASE_URL names it',
    );
    return undefined;
  }
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

function printReport(report: VerifyReport, source: string, trusted: boolean): void {
  const signatures = !report.signaturesChecked
    ? 'signatures not checked (no public key)'
    : trusted
      ? 'signatures checked with the --public-key given'
      : "signatures checked with the checkpoints' own public keys (pass --public-key for a key held elsewhere)";
  if (report.ok) {
    say(
      `decision log intact: ${report.entries} entries in ${source}, ${report.checkpointsChecked} checkpoints matched, ${signatures}`,
    );
    say(`tree head ${report.root}`);
    say(`chain head ${report.chainHead}`);
    return;
  }
  const f = report.first!;
  say(
    `decision log TAMPERED (${source}): first bad row ${f.position === null ? '(not in the log)' : `at position ${f.position}`}` +
      `${f.decisionId ? `, decision ${f.decisionId}` : ''}: ${f.kind}: ${f.detail}`,
  );
  const counts = new Map<string, number>();
  for (const x of report.findings) counts.set(x.kind, (counts.get(x.kind) ?? 0) + 1);
  say(
    `findings: ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')}${report.findingsOmitted ? `, ${report.findingsOmitted} more not listed` : ''}`,
  );
  for (const x of report.findings.slice(1, 20))
    say(`  position ${x.position ?? '-'} ${x.decisionId ?? ''} ${x.kind}: ${x.detail}`);
  say(`checked: ${report.entries} entries, ${report.checkpointsChecked} checkpoints, ${signatures}`);
  say('next: compare the rows named with a backup or the results topic; do not sign a new checkpoint over them');
}

interface VerifyFlags extends RuntimeFlags {
  file?: string;
  checkpoints?: string;
  publicKey?: string;
  json?: boolean;
}

async function verify(flags: VerifyFlags): Promise<void> {
  try {
    const trusted = trustedKey(flags.publicKey);
    const extraCheckpoints: ExportedCheckpoint[] = flags.checkpoints ? await checkpointsOfFile(flags.checkpoints) : [];
    const report = flags.file
      ? await verifyExportFile(flags.file, { trusted, extraCheckpoints })
      : await withRuntime('verify', flags, (runtime) => verifyDatabase(runtime.pool, { trusted, extraCheckpoints }));
    if (!report) return;
    if (flags.json) say(JSON.stringify(report));
    else printReport(report, flags.file ?? 'the database', trusted !== null);
    process.exitCode = report.ok ? AUDIT_EXIT.ok : AUDIT_EXIT.tampered;
  } catch (e) {
    if (e instanceof Unchecked) return unchecked('verify', e.reason, e.next);
    unchecked(
      'verify',
      causeOf(e),
      flags.file ? 'check that the file is an lgsp audit export' : 'check the database and run again',
    );
  }
}

async function exportCommand(flags: RuntimeFlags & { out?: string }): Promise<void> {
  await withRuntime('export', flags, async (runtime) => {
    const out = flags.out ? createWriteStream(flags.out) : process.stdout;
    const write = async (line: string) => {
      if (!out.write(line)) await once(out, 'drain');
    };
    const done = await exportLog(runtime.pool, write);
    if (flags.out) {
      (out as ReturnType<typeof createWriteStream>).end();
      await once(out, 'finish');
    }
    process.stderr.write(
      `lgsp audit export: ${done.entries} entries and ${done.checkpoints} checkpoints${flags.out ? ` to ${flags.out}` : ''}\n`,
    );
  });
}

async function checkpointCommand(flags: RuntimeFlags): Promise<void> {
  await withRuntime('checkpoint', flags, async (runtime) => {
    const { key } = signingKeyOf(runtime.settings);
    const c = await makeCheckpoint(runtime.pool, key, null);
    if (!c) return say('no checkpoint signed: the latest one already covers the whole log');
    const producer = await runtime.transport.producer();
    try {
      await publishCheckpoint(producer, topicNames(runtime.settings.topicPrefix).auditCheckpoints, c);
    } finally {
      await producer.disconnect();
    }
    say(JSON.stringify(publishedCheckpoint(c)));
  });
}

async function prove(
  source: string,
  entityId: string,
  flags: RuntimeFlags & { causeEvent?: string; out?: string },
): Promise<void> {
  const proof = await withRuntime('prove', flags, (runtime) =>
    proveDecision(runtime.pool, { source, entityId, causeEventId: flags.causeEvent }),
  );
  if (!proof) return;
  if ('problem' in proof) return unchecked('prove', proof.problem, proof.next);
  const text = `${JSON.stringify(proof, null, 2)}\n`;
  if (flags.out) writeFileSync(flags.out, text);
  else process.stdout.write(text);
  if (flags.out)
    process.stderr.write(
      `lgsp audit prove: proof of ${proof.decisionId} written to ${flags.out}; check it with lgsp audit check-proof ${flags.out}\n`,
    );
}

function checkProof(file: string, flags: { publicKey?: string }): void {
  let proof: InclusionProofFile;
  try {
    proof = JSON.parse(readFileSync(file, 'utf8')) as InclusionProofFile;
    const problem = proofProblem(proof, trustedKey(flags.publicKey));
    if (problem) {
      say(`proof does NOT hold: ${problem}`);
      process.exitCode = AUDIT_EXIT.tampered;
      return;
    }
  } catch (e) {
    if (e instanceof Unchecked) return unchecked('check-proof', e.reason, e.next);
    return unchecked('check-proof', `${file}: ${causeOf(e)}`, 'pass a file written by lgsp audit prove');
  }
  say(
    `proof holds: ${proof.decisionId} is leaf ${proof.position} of the ${proof.treeSize}-leaf log signed at ${proof.checkpoint.time} by key ${proof.checkpoint.keyId}`,
  );
}

/** The decision log's commands, added to the `lgsp audit` group. */
export function addAuditLogCommands(group: Command): Command {
  return group
    .addCommand(
      withDatabaseOption(
        new Command('verify')
          .description(
            'check the tamper-evident decision log, in the database or an export (--file, offline): every decision against its leaf, ' +
              'the chain, the checkpoints and their signatures; names the first bad row (exit 0 intact, 1 tampered, 2 could not check)',
          )
          .option('--file <export>', 'verify an lgsp audit export instead of the database (no database needed)')
          .option(
            '--checkpoints <file>',
            'also hold the log to the checkpoints in this file (an export, or checkpoint messages one a line)',
          )
          .option('--public-key <pem>', 'trust only this signing key (SPKI PEM), held apart from the database')
          .option('--json', 'print the report as JSON'),
      ).action((flags: VerifyFlags) => verify(flags)),
    )
    .addCommand(
      withDatabaseOption(
        new Command('prove')
          .description('an inclusion proof of a record’s latest logged decision against the latest checkpoint, checkable offline')
          .argument('<source>', 'land, insurance or business')
          .argument('<entity-id>', 'the record’s id in its source')
          .option('--cause-event <uuid>', 'prove the decision caused by this event instead of the latest')
          .option('--out <file>', 'write the proof here instead of stdout'),
      ).action((source: string, entityId: string, flags: RuntimeFlags & { causeEvent?: string; out?: string }) =>
        prove(source, entityId, flags),
      ),
    )
    .addCommand(
      new Command('check-proof')
        .description('check a proof written by lgsp audit prove, offline (exit 0 holds, 1 does not, 2 could not check)')
        .argument('<file>')
        .option('--public-key <pem>', 'trust only this signing key (SPKI PEM)')
        .action((file: string, flags: { publicKey?: string }) => checkProof(file, flags)),
    )
    .addCommand(
      withDatabaseOption(
        new Command('export')
          .description(
            'the decision log as JSON lines: a header, the signed checkpoints, every entry with its decision’s content',
          )
          .option('--out <file>', 'write to this file instead of stdout'),
      ).action((flags: RuntimeFlags & { out?: string }) => exportCommand(flags)),
    )
    .addCommand(
      withRuntimeOptions(
        new Command('checkpoint').description(
          'sign a checkpoint of the decision log now, store it and publish it to the checkpoint topic',
        ),
      ).action((flags: RuntimeFlags) => checkpointCommand(flags)),
    );
}
