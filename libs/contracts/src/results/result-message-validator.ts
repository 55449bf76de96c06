import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { RESULT_JSON_SCHEMAS } from '../published-json-schemas';
import type { ResultMessage } from './decision-message';

/**
 * Checks a results-topic message against the published schema of the version it names
 * (`schemaVersion`), for consumers and the project's own tests.
 */
export class ResultMessageValidator {
  private readonly checks = new Map<number, ValidateFunction>();

  constructor() {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const [version, schema] of Object.entries(RESULT_JSON_SCHEMAS)) this.checks.set(Number(version), ajv.compile(schema));
  }

  /** The message, or the schema violations (JSON paths and rules, never values). */
  parse(value: Buffer | string): { ok: true; message: ResultMessage } | { ok: false; errors: string[] } {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value.toString());
    } catch {
      return { ok: false, errors: ['not JSON'] };
    }
    const version = (parsed as { schemaVersion?: unknown } | null)?.schemaVersion;
    const check = typeof version === 'number' ? this.checks.get(version) : undefined;
    if (!check)
      return { ok: false, errors: [`/schemaVersion names no published version (${[...this.checks.keys()].join(', ')})`] };
    if (check(parsed)) return { ok: true, message: parsed as ResultMessage };
    return { ok: false, errors: (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`) };
  }
}
