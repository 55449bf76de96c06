import Ajv from 'ajv';
import { Settings, SETTING_RULES } from './settings';

/** Thrown when the environment holds a missing or malformed setting; the message names each one. */
export class InvalidSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidSettingsError';
  }
}

const ajv = new Ajv({ allErrors: true, coerceTypes: true });

/**
 * Reads and validates the settings from an environment. A value that breaks its rule is
 * reported with the variable's name and the rule, never silently replaced by a default.
 */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const rule of SETTING_RULES) {
    const raw = env[rule.env];
    const given = raw !== undefined && raw.trim() !== '';
    if (!given && rule.default === undefined) {
      values[rule.key] = null;
      continue;
    }
    const holder = { value: given ? raw!.trim() : rule.default };
    const validate = ajv.compile({ type: 'object', properties: { value: rule.schema } });
    if (!validate(holder)) {
      // The value itself is left out: a mistyped DATABASE_URL may hold a password.
      problems.push(`${rule.env} is malformed: expected ${rule.description}`);
      continue;
    }
    values[rule.key] = holder.value;
  }
  const transport = values.transport as Settings['transport'];
  if (transport === 'kafka' && values.kafkaBrokers === null) {
    problems.push('KAFKA_BROKERS is missing: it is required when LGSP_TRANSPORT=kafka');
  }
  const [session, heartbeat] = [
    values.kafkaSessionTimeoutMs as number | undefined,
    values.kafkaHeartbeatIntervalMs as number | undefined,
  ];
  if (session !== undefined && heartbeat !== undefined && heartbeat * 3 > session)
    problems.push(
      'KAFKA_HEARTBEAT_INTERVAL_MS is too long: at most a third of KAFKA_SESSION_TIMEOUT_MS, or a busy worker is taken for dead',
    );
  if (problems.length > 0) throw new InvalidSettingsError(problems);
  return {
    ...(values as unknown as Settings),
    kafkaBrokers: values.kafkaBrokers === null ? [] : String(values.kafkaBrokers).split(','),
  };
}
