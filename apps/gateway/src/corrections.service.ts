import { HttpStatus } from '@nestjs/common';
import { hasProvinceGrant, mayReach, type StoredCredential } from '@lgsp/access';
import { ContractViolation, SOURCE_NAMES } from '@lgsp/contracts';
import {
  ACKNOWLEDGEMENTS,
  Acknowledgement,
  Correction,
  CORRECTION_STATES,
  CorrectionFilter,
  CorrectionScope,
  CorrectionsRepository,
  CorrectionState,
} from '@lgsp/corrections';
import { GatewayProblem } from './problem';
import { jsonBodyOf } from './submission';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_REASON = 500;
export const PAGE = { default: 100, max: 1000 };

export interface CorrectionPage {
  corrections: Correction[];
  /** Pass as `after` for the next page; null on the last. */
  next: string | null;
}

const invalid = (detail: string, errors: ContractViolation[]) =>
  new GatewayProblem(HttpStatus.UNPROCESSABLE_ENTITY, 'Invalid request', detail, errors);
const notFound = () =>
  new GatewayProblem(
    HttpStatus.NOT_FOUND,
    'Not found',
    'no correction of this system has that id: list yours with GET /v1/corrections',
  );

/**
 * Whose corrections a credential reads and answers. One with a province grant: those of its provinces (and its
 * sources, when restricted); one without: those of the records it submitted itself. The same rule as a record's
 * (mayReach, hasProvinceGrant), so a correction is visible exactly where its record is.
 */
export function scopeOf(credential: StoredCredential): CorrectionScope {
  const sources = credential.sources ?? undefined;
  return hasProvinceGrant(credential)
    ? { sources, provinces: credential.provinces ?? undefined }
    : { submittedBy: credential.id, sources };
}

/** The caller's corrections: listed, read one by one, answered as applied or rejected. */
export class CorrectionsService {
  constructor(
    private readonly corrections: CorrectionsRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(credential: StoredCredential, query: Record<string, unknown>): Promise<CorrectionPage> {
    const filter = listFilter(query);
    const rows = await this.corrections.list(scopeOf(credential), { ...filter, limit: filter.limit + 1 });
    const page = rows.filter((c) => mayReach(credential, c).ok).slice(0, filter.limit);
    const last = page[page.length - 1];
    return { corrections: page, next: rows.length > filter.limit && last ? cursorOf(last) : null };
  }

  async get(credential: StoredCredential, id: string): Promise<Correction> {
    if (!UUID.test(id)) throw notFound();
    const c = await this.corrections.byId(scopeOf(credential), id);
    if (!c || !mayReach(credential, c).ok) throw notFound();
    return c;
  }

  async acknowledge(credential: StoredCredential, id: string, bytes: Buffer): Promise<Correction> {
    const answer = acknowledgementOf(bytes);
    await this.get(credential, id);
    const r = await this.corrections.acknowledge(scopeOf(credential), id, { ...answer, by: credential.id }, this.now());
    if (r.ok) return r.correction;
    if (r.why === 'unknown') throw notFound();
    throw new GatewayProblem(
      HttpStatus.CONFLICT,
      'Correction already settled',
      r.why === 'closed'
        ? 'this correction is closed (a later sync of the record settled it): nothing to answer (not worth a retry)'
        : 'this correction was rejected: a rejected correction stays rejected (not worth a retry)',
      [{ path: '/status', message: `the correction is ${r.why}`, keyword: 'state' }],
    );
  }
}

/** The list's query string, checked: `state`, `source`, `entityId`, `limit`, `after`; problems name the parameter. */
export function listFilter(query: Record<string, unknown>): CorrectionFilter {
  const errors: ContractViolation[] = [];
  const one = (name: string): string | undefined => {
    const v = query[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      errors.push({ path: `/query/${name}`, message: 'must be given once', keyword: 'type' });
      return undefined;
    }
    return v;
  };
  for (const name of Object.keys(query))
    if (!['state', 'source', 'entityId', 'limit', 'after'].includes(name))
      errors.push({ path: `/query/${name}`, message: 'is not a parameter of this listing', keyword: 'additionalProperties' });
  const state = one('state');
  if (state !== undefined && !(CORRECTION_STATES as readonly string[]).includes(state))
    errors.push({ path: '/query/state', message: `must be one of ${CORRECTION_STATES.join(', ')}`, keyword: 'enum' });
  const source = one('source');
  if (source !== undefined && !(SOURCE_NAMES as readonly string[]).includes(source))
    errors.push({ path: '/query/source', message: `must be one of ${SOURCE_NAMES.join(', ')}`, keyword: 'enum' });
  const entityId = one('entityId');
  const limitText = one('limit');
  const limit = limitText === undefined ? PAGE.default : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE.max)
    errors.push({ path: '/query/limit', message: `must be an integer from 1 to ${PAGE.max}`, keyword: 'maximum' });
  const afterText = one('after');
  const after = afterText === undefined ? undefined : cursorFrom(afterText);
  if (after === null) errors.push({ path: '/query/after', message: 'must be the `next` of a previous page', keyword: 'format' });
  if (errors.length > 0) throw invalid('the query names a parameter wrongly: fix the parameters named in errors', errors);
  return {
    state: state as CorrectionState | undefined,
    source,
    entityId: entityId || undefined,
    limit,
    after: after ?? undefined,
  };
}

/** `{status: applied|rejected, reason}`: a rejection needs its reason (the operator reads it). */
export function acknowledgementOf(bytes: Buffer): { status: Acknowledgement; reason: string | null } {
  const body = jsonBodyOf(bytes);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalid('the body must be a JSON object {status, reason}', [
      { path: '', message: 'must be a JSON object', keyword: 'type' },
    ]);
  const b = body as Record<string, unknown>;
  const errors: ContractViolation[] = [];
  for (const name of Object.keys(b))
    if (name !== 'status' && name !== 'reason')
      errors.push({ path: `/${name}`, message: 'is not a field of an acknowledgement', keyword: 'additionalProperties' });
  if (!(ACKNOWLEDGEMENTS as readonly unknown[]).includes(b.status))
    errors.push({ path: '/status', message: `must be one of ${ACKNOWLEDGEMENTS.join(', ')}`, keyword: 'enum' });
  if (b.reason !== undefined && b.reason !== null && typeof b.reason !== 'string')
    errors.push({ path: '/reason', message: 'must be a string', keyword: 'type' });
  const reason = typeof b.reason === 'string' && b.reason.trim() !== '' ? b.reason.trim() : null;
  if (reason !== null && reason.length > MAX_REASON)
    errors.push({ path: '/reason', message: `must be at most ${MAX_REASON} characters`, keyword: 'maxLength' });
  if (b.status === 'rejected' && reason === null && !errors.some((e) => e.path === '/reason'))
    errors.push({ path: '/reason', message: 'a rejection needs its reason', keyword: 'required' });
  if (errors.length > 0) throw invalid('the acknowledgement breaks its schema: fix the fields named in errors', errors);
  return { status: b.status as Acknowledgement, reason };
}

function cursorOf(c: Correction): string {
  return Buffer.from(`${c.openedAt}|${c.id}`).toString('base64url');
}

function cursorFrom(text: string): { openedAt: string; id: string } | null {
  const [openedAt, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !id || !UUID.test(id) || !openedAt || Number.isNaN(Date.parse(openedAt))) return null;
  return { openedAt, id };
}
