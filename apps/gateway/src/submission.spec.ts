import { eventKey, examples, MESSAGE_HEADERS, SyncEventValidator } from '@lgsp/contracts';
import { envelopeOf, messageOf, submissionPath, submissionShapeViolations } from './submission';

const validator = new SyncEventValidator();
const land = examples.LAND_SNAPSHOT_DIRTY_HOLDER;

describe('a submission', () => {
  it('becomes an envelope the pipeline accepts, keyed and headed by the gateway', () => {
    const event = envelopeOf('land', { operation: 'snapshot', record: land.after as never }, new Date('2026-12-02T00:00:00Z'));
    expect(validator.validate('land', event)).toMatchObject({ ok: true });
    expect(event.entityId).toBe((land.after as { parcelId: string }).parcelId);
    const message = messageOf(event);
    expect(message.key).toBe(eventKey(event));
    expect(message.headers?.[MESSAGE_HEADERS.traceparent]).toContain(event.traceId);
    expect(message.headers?.[MESSAGE_HEADERS.schemaVersion]).toBe(String(event.schemaVersion));
  });

  it('names failing fields by their path in the submission, not in the envelope', () => {
    expect(submissionPath('land', 'snapshot', '/after/holder/dateOfBirth')).toBe('/record/holder/dateOfBirth');
    expect(submissionPath('land', 'update', '/before/area')).toBe('/previous/area');
    expect(submissionPath('land', 'delete', '/before/area')).toBe('/record/area');
    expect(submissionPath('land', 'snapshot', '/entityId')).toBe('/record/parcelId');
  });

  it('refuses a body without a record, an update without its previous record and unknown fields', () => {
    expect(submissionShapeViolations([])).toEqual([expect.objectContaining({ path: '' })]);
    expect(
      submissionShapeViolations({ operation: 'update', record: {}, extra: 1 })
        .map((v) => v.path)
        .sort(),
    ).toEqual(['/extra', '/previous']);
    expect(submissionShapeViolations({ record: 'x' }).map((v) => v.path)).toEqual(['/record']);
  });
});
