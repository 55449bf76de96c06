import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { EVENT_JSON_SCHEMAS } from '../published-json-schemas';
import { type SyncEventOf, schemaVersionsOf } from '../schema-versions';
import { SOURCE_NAMES, type SourceName } from '../v1/source-name';
import { toContractViolations } from './ajv-violations';
import type { ContractViolation, ValidationResult } from './contract-violation';
import { entityIdViolations } from './entity-id-check';

/**
 * Validates sync events against the published schemas. Compiling is the expensive
 * part, so build one instance per process and share it.
 *
 * The schema is chosen by the event's own `schemaVersion`, so producers can move to
 * a newer version while older events (replays, audits) still validate as written.
 */
export class SyncEventValidator {
  private readonly compiled = new Map<SourceName, Map<number, ValidateFunction>>();

  constructor() {
    // verbose: false keeps the offending data out of ajv's error objects entirely.
    const ajv = new Ajv({ allErrors: true, verbose: false, strict: true });
    addFormats(ajv);
    for (const source of SOURCE_NAMES) {
      const byVersion = new Map<number, ValidateFunction>();
      for (const version of schemaVersionsOf(source)) {
        byVersion.set(version, ajv.compile(EVENT_JSON_SCHEMAS[source][version]));
      }
      this.compiled.set(source, byVersion);
    }
  }

  validate<S extends SourceName>(source: S, value: unknown): ValidationResult<SyncEventOf<S>> {
    const byVersion = this.compiled.get(source);
    if (!byVersion) throw new Error(`unknown source "${String(source)}"`);
    const versions = [...byVersion.keys()];
    const requested = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
    const supported = typeof requested === 'number' && byVersion.has(requested);
    // An unknown or missing version is still checked against the newest schema, so
    // the producer gets every other problem in the same answer.
    const validateFn = byVersion.get(supported ? (requested as number) : Math.max(...versions))!;

    const errors: ContractViolation[] = [];
    if (!validateFn(value)) errors.push(...toContractViolations(validateFn.errors));
    if (Number.isInteger(requested) && !supported) {
      errors.push({
        path: '/schemaVersion',
        message: `must be a supported schema version (${versions.join(', ')})`,
        keyword: 'schemaVersion',
      });
    }
    errors.push(...entityIdViolations(source, value));
    return errors.length === 0 ? { ok: true, event: value as SyncEventOf<S> } : { ok: false, errors };
  }

  /** Decodes a Kafka message value (UTF-8 JSON) and validates it. */
  parse<S extends SourceName>(source: S, bytes: Buffer | string): ValidationResult<SyncEventOf<S>> {
    let text: string;
    try {
      text = typeof bytes === 'string' ? bytes : STRICT_UTF8.decode(bytes);
    } catch {
      return { ok: false, errors: [{ path: '', message: 'must be UTF-8 encoded', keyword: 'encoding' }] };
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // The SyntaxError's text quotes the input, which may be personal data.
      return { ok: false, errors: [{ path: '', message: 'must be valid JSON', keyword: 'json' }] };
    }
    return this.validate(source, value);
  }
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
