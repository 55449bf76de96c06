import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { RESULT_JSON_SCHEMA } from '../published-json-schemas';
import type { ResultMessage } from './decision-message';

/** Checks a results-topic message against the published schema (for consumers and the project's own tests). */
export class ResultMessageValidator {
  private readonly check: ValidateFunction;

  constructor() {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    this.check = ajv.compile(RESULT_JSON_SCHEMA);
  }

  /** The message, or the schema violations (JSON paths and rules, never values). */
  parse(value: Buffer | string): { ok: true; message: ResultMessage } | { ok: false; errors: string[] } {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value.toString());
    } catch {
      return { ok: false, errors: ['not JSON'] };
    }
    if (this.check(parsed)) return { ok: true, message: parsed as ResultMessage };
    return { ok: false, errors: (this.check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`) };
  }
}
