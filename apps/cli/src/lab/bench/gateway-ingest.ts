import { request } from 'node:http';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { Credentials, CredentialsRepository } from '@lgsp/access';
import { PipelineProcess } from '../eval/pipeline-process';
import { BenchInfrastructure, withScratch } from './bench-scratch';
import { formatNumber, formatTable, percentile, ratePerSecond } from './bench-stats';

export interface GatewayIngestOptions {
  /** Land records submitted in all. */
  records: number;
  /** Lines per NDJSON request. */
  linesPerRequest: number;
  /** Requests in flight at once (systems submitting side by side). */
  clients: number;
  /** Gateway processes sharing its port (LGSP_GATEWAY_PROCESSES). */
  processes: number;
  partitions: number;
}

/** The gateway's ingestion, measured from the client: what `lgsp bench --gateway` reports. */
export interface GatewayIngestReport {
  records: number;
  linesPerRequest: number;
  clients: number;
  processes: number;
  /** Lines answered accepted (on the broker, acks from all in-sync replicas), and the events the topic gained. */
  accepted: number;
  onTopic: number;
  seconds: number;
  /** Accepted records per second, first byte sent to last answer read. */
  rps: number;
  /** Per record, from the moment its line was handed to the socket to the moment its answer line was read. */
  p50AckMs: number;
  p99AckMs: number;
  maxAckMs: number;
  /** The machine's 1-minute load average before and after: the run shares 2 cores with the broker, PostgreSQL and the client. */
  loadAverage: { before: number; after: number };
}

/** A land parcel per index: distinct parcels, holders spread over many citizen IDs (hence over every partition). */
export function benchLandLine(i: number, runId: string): string {
  const sheet = 1 + Math.floor(i / 10_000);
  const parcel = 1 + (i % 10_000);
  const year = 1950 + (i % 50);
  const female = i % 2;
  const citizenId = `066${female}${String(year % 100).padStart(2, '0')}${String(i % 1_000_000).padStart(6, '0')}`;
  return JSON.stringify({
    idempotencyKey: `${runId}-${i}`,
    operation: 'create',
    record: {
      parcelId: `24133.${sheet}.${parcel}`,
      communeCode: '24133',
      mapSheet: sheet,
      parcelNumber: parcel,
      areaM2: 100 + parcel,
      landUse: 'ODT',
      registeredAt: '2015-01-01',
      holder: {
        citizenId,
        fullName: female ? 'Trần Thị Mai' : 'Nguyễn Văn Hùng',
        dateOfBirth: `${year}-03-14`,
        gender: female ? 'F' : 'M',
        address: '45 Lê Duẩn, phường Buôn Ma Thuột, tỉnh Đắk Lắk',
        provinceCode: '66',
        communeCode: '24133',
      },
    },
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address !== 'object') throw new Error('no free port');
  return address.port;
}

async function untilAnswers(url: string, gateway: PipelineProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!gateway.isRunning()) throw new Error('the gateway exited before it answered');
    try {
      await fetch(`${url}/v1/records/land`, { method: 'GET' });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`the gateway did not answer within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** One NDJSON request written chunk by chunk (one chunk per 100 lines), answers read as they come. */
function submitBulk(
  url: string,
  key: string,
  lines: string[],
): Promise<{ accepted: number; latenciesMs: number[]; refused: number }> {
  const CHUNK = 100;
  return new Promise((resolve, reject) => {
    const sentAt = new Float64Array(lines.length);
    const latenciesMs: number[] = [];
    let accepted = 0;
    let refused = 0;
    let rest = '';
    const req = request(`${url}/v1/records/land`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
    });
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`the gateway answered ${res.statusCode} to a bulk request`));
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        const now = performance.now();
        const got = (rest + text).split('\n');
        rest = got.pop() ?? '';
        for (const l of got) {
          const a = JSON.parse(l) as { line?: number; status?: number };
          if (a.line === undefined) continue;
          if (a.status === 202) {
            accepted++;
            latenciesMs.push(now - sentAt[a.line - 1]);
          } else refused++;
        }
      });
      res.on('end', () => resolve({ accepted, latenciesMs, refused }));
      res.on('error', reject);
    });
    req.on('error', reject);
    let next = 0;
    const write = () => {
      while (next < lines.length) {
        const from = next;
        const to = Math.min(lines.length, next + CHUNK);
        next = to;
        const ok = req.write(`${lines.slice(from, to).join('\n')}\n`, () => {
          const at = performance.now();
          for (let i = from; i < to; i++) sentAt[i] = at;
        });
        if (!ok) {
          req.once('drain', write);
          return;
        }
      }
      req.end();
    };
    write();
  });
}

/**
 * `lgsp gateway` as its own process on a scratch database and prefixed topics; `clients` concurrent NDJSON requests
 * of `linesPerRequest` land records each until `records` are submitted; the rate over the whole run and the latency
 * per record to its answer, which the gateway writes only after the broker acknowledged the record's batch.
 */
export async function runGatewayIngest(
  infra: BenchInfrastructure,
  options: GatewayIngestOptions,
  say: (line: string) => void,
): Promise<GatewayIngestReport> {
  return withScratch(infra, options.partitions, say, async (scratch) => {
    const { key } = await new Credentials(new CredentialsRepository(scratch.runtime.pool)).create('bench', ['gateway:write']);
    const port = await freePort();
    const gateway = new PipelineProcess();
    gateway.start(
      {
        DATABASE_URL: scratch.databaseUrl,
        LGSP_TRANSPORT: 'kafka',
        KAFKA_BROKERS: infra.brokers.join(','),
        LGSP_TOPIC_PREFIX: scratch.prefix,
        LGSP_TOPIC_PARTITIONS: String(options.partitions),
        LGSP_GATEWAY_PORT: String(port),
        LGSP_GATEWAY_PROCESSES: String(options.processes),
        // No pipeline consumes here, so its lag only grows: the backpressure and the rate limit are not what is measured.
        LGSP_GATEWAY_MAX_LAG: '0',
        LGSP_GATEWAY_RATE: '0',
        LOG_LEVEL: 'warn',
      },
      'gateway',
    );
    try {
      const url = `http://127.0.0.1:${port}`;
      await untilAnswers(url, gateway, 60_000);
      const runId = `bench-${Date.now()}`;
      const requests: string[][] = [];
      for (let from = 0; from < options.records; from += options.linesPerRequest) {
        const lines: string[] = [];
        for (let i = from; i < Math.min(options.records, from + options.linesPerRequest); i++)
          lines.push(benchLandLine(i, runId));
        requests.push(lines);
      }
      say(`gateway: ${options.records} records in ${requests.length} requests, ${options.clients} at a time`);
      const latencies: number[] = [];
      let accepted = 0;
      let refused = 0;
      let nextRequest = 0;
      const loadBefore = loadavg()[0];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: options.clients }, async () => {
          while (nextRequest < requests.length) {
            const r = await submitBulk(url, key, requests[nextRequest++]);
            accepted += r.accepted;
            refused += r.refused;
            for (const l of r.latenciesMs) latencies.push(l);
          }
        }),
      );
      const elapsedMs = performance.now() - started;
      if (refused > 0) throw new Error(`the gateway refused ${refused} of the bench's records`);
      const offsets = await scratch.runtime.transport.topicOffsets(scratch.topics.sources.land);
      const onTopic = offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
      return {
        records: options.records,
        linesPerRequest: options.linesPerRequest,
        clients: options.clients,
        processes: options.processes,
        accepted,
        onTopic,
        seconds: Math.round(elapsedMs) / 1000,
        rps: ratePerSecond(accepted, elapsedMs),
        p50AckMs: Math.round(percentile(latencies, 50)),
        p99AckMs: Math.round(percentile(latencies, 99)),
        maxAckMs: Math.round(latencies.reduce((m, l) => Math.max(m, l), 0)),
        loadAverage: { before: Math.round(loadBefore * 10) / 10, after: Math.round(loadavg()[0] * 10) / 10 },
      };
    } finally {
      await gateway.stop();
    }
  });
}

export function gatewayTable(r: GatewayIngestReport): string {
  return formatTable([
    [
      'gateway ingestion',
      'records',
      'requests × lines',
      'clients',
      'processes',
      'records/s',
      'ack latency p50 / p99 / max',
      'load avg',
    ],
    [
      'NDJSON, acks from all in-sync replicas',
      `${formatNumber(r.accepted)} (${formatNumber(r.onTopic)} on the topic)`,
      `${Math.ceil(r.records / r.linesPerRequest)} × ${formatNumber(r.linesPerRequest)}`,
      String(r.clients),
      String(r.processes),
      formatNumber(r.rps),
      `${formatNumber(r.p50AckMs)} / ${formatNumber(r.p99AckMs)} / ${formatNumber(r.maxAckMs)} ms`,
      `${r.loadAverage.before} → ${r.loadAverage.after}`,
    ],
  ]);
}
