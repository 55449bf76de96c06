import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { BrokerLayout, writeBrokerConfig } from './broker-files';

/** Apache Kafka version resolved from Maven Central (pinned in docker/kafka-local/pom.xml). */
export const KAFKA_VERSION = '3.9.1';

export function defaultLayout(repoRoot = findRepoRoot()): BrokerLayout {
  return {
    pomDir: join(repoRoot, 'docker', 'kafka-local'),
    libDir: join(repoRoot, 'docker', 'kafka-local', 'target', 'lib'),
    stateDir: process.env.LGSP_KAFKA_DIR ?? join(repoRoot, '.lgsp', 'kafka'),
    port: Number(process.env.LGSP_KAFKA_PORT ?? 9092),
    controllerPort: Number(process.env.LGSP_KAFKA_CONTROLLER_PORT ?? 9093),
  };
}

/** The checkout this code runs from: the directory holding the broker's Maven project (docker/kafka-local). */
export function findRepoRoot(start = __dirname): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'docker', 'kafka-local', 'pom.xml'))) return dir;
    const parent = resolve(dir, '..');
    if (parent === dir) throw new Error(`cannot find the repository root above ${start}`);
    dir = parent;
  }
}

export type Say = (line: string) => void;

/** Resolves the broker's jars with Maven once; ~/.m2 caches them across clones. */
export function resolveBrokerJars(layout: BrokerLayout, say: Say = () => undefined): void {
  if (existsSync(layout.libDir) && readdirSync(layout.libDir).some((f) => f.startsWith('kafka_2.13-'))) return;
  say(`resolving Apache Kafka ${KAFKA_VERSION} jars with Maven…`);
  const mvn = spawnSync(
    'mvn',
    ['-q', '-B', 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${layout.libDir}`],
    { cwd: layout.pomDir, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (mvn.error) throw new Error(`cannot run mvn (is Maven installed?): ${mvn.error.message}`);
  if (mvn.status !== 0) throw new Error(`mvn dependency:copy-dependencies failed with exit code ${mvn.status}`);
}

/** A base64url id of 16 bytes; one starting with '-' would be parsed as an option. */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function java(layout: BrokerLayout, mainClass: string, args: string[], log4j: string): string[] {
  return [
    '-Xms256m',
    '-Xmx512m',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${log4j}`,
    '-cp',
    `${layout.libDir}/*`,
    mainClass,
    ...args,
  ];
}

export function portOpen(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ port, host });
    const finish = (open: boolean) => {
      socket.destroy();
      done(open);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** True when a broker answers a metadata request (an open port alone is not enough). */
export async function brokerAnswers(brokers: string[], timeoutMs = 3000): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'lgsp-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: timeoutMs,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export interface RunningBroker {
  brokers: string[];
  /** True when this call started the broker; false when one was already running. */
  started: boolean;
  pid?: number;
}

/**
 * Starts a single-node KRaft broker (broker+controller) on 127.0.0.1, or reuses the
 * one already answering on the port. Returns once it answers metadata requests.
 */
export async function ensureBroker(
  layout = defaultLayout(),
  say: Say = () => undefined,
  timeoutMs = 120_000,
): Promise<RunningBroker> {
  const brokers = [`127.0.0.1:${layout.port}`];
  if ((await portOpen(layout.port)) && (await brokerAnswers(brokers))) {
    say(`reusing the Kafka broker already running on ${brokers[0]}`);
    return { brokers, started: false };
  }
  resolveBrokerJars(layout, say);
  const { serverProperties, log4j } = writeBrokerConfig(layout);
  const clusterIdFile = join(layout.stateDir, 'cluster.id');
  if (!existsSync(clusterIdFile)) writeFileSync(clusterIdFile, newClusterId());
  const clusterId = readFileSync(clusterIdFile, 'utf8').trim();
  const format = spawnSync(
    'java',
    java(layout, 'kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', serverProperties, '-g'], log4j),
    { encoding: 'utf8' },
  );
  if (format.error) throw new Error(`cannot run java (is a JDK installed?): ${format.error.message}`);
  if (format.status !== 0) throw new Error(`formatting KRaft storage failed: ${format.stderr || format.stdout}`);

  say(`starting Apache Kafka ${KAFKA_VERSION} on ${brokers[0]} (state in ${layout.stateDir})`);
  const out = openSync(join(layout.stateDir, 'broker.out'), 'a');
  const child = spawn('java', java(layout, 'kafka.Kafka', [serverProperties], log4j), {
    detached: true,
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  child.unref();
  writeFileSync(join(layout.stateDir, 'broker.pid'), String(child.pid));

  const deadline = Date.now() + timeoutMs;
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  while (Date.now() < deadline) {
    if (exited !== null) {
      throw new Error(`the Kafka broker exited with code ${exited}; see ${join(layout.stateDir, 'broker.log')}`);
    }
    if ((await portOpen(layout.port)) && (await brokerAnswers(brokers))) {
      say(`Kafka broker ready on ${brokers[0]}`);
      return { brokers, started: true, pid: child.pid };
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the Kafka broker did not answer on ${brokers[0]} within ${timeoutMs} ms`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the broker this layout started (SIGTERM: a clean controlled shutdown), waiting for it to exit. */
export async function stopBroker(layout = defaultLayout(), say: Say = () => undefined, timeoutMs = 60_000): Promise<boolean> {
  const pidFile = join(layout.stateDir, 'broker.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (!alive(pid)) {
    rmSync(pidFile);
    return false;
  }
  say(`stopping the Kafka broker (pid ${pid})`);
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(pidFile, { force: true });
  return true;
}
