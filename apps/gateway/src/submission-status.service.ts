import type { RecordStatus, RecordStatusService } from '@lgsp/records';
import { Grants, hasProvinceGrant, mayReach, OwnSubmission, SubmissionsRepository } from '@lgsp/access';
import { notAuthorised } from './problem';

export interface SubmissionStatus {
  /** The caller's own latest submission of the record; null for a record of its provinces another system sent. */
  submission: OwnSubmission | null;
  /** What the pipeline made of the record so far (null until it stored or decided it). */
  record: RecordStatus | null;
  /** accepted: on the broker, not yet decided; reconciled: a current result exists; refused: never published. */
  state: 'accepted' | 'reconciled' | 'refused';
}

/** Who reads: the credential's id and what it is authorised for. */
export interface Reader extends Grants {
  id: string;
}

/**
 * What became of a submission. A system reads what it submitted (it was authorised for it then). A system authorised
 * for a list of provinces also reads, by record key, the result of any record of its sources whose result counts in
 * one of its provinces (where the pipeline counts it: the registry's residence when known, else the record's
 * address); another province's is 403. A credential without a province list reads its own submissions only, as
 * before grants: anything else is as unknown to it as records that do not exist.
 */
export class SubmissionStatusService {
  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly records: RecordStatusService,
  ) {}

  async byTrackingId(reader: Reader, trackingId: string): Promise<SubmissionStatus | null> {
    return this.statusOf(await this.submissions.byTrackingId(reader.id, trackingId));
  }

  async byRecordKey(reader: Reader, source: string, entityId: string): Promise<SubmissionStatus | null> {
    const own = await this.submissions.latestOfRecord(reader.id, source, entityId);
    if (own || !hasProvinceGrant(reader)) return this.statusOf(own);
    const bySource = mayReach({ sources: reader.sources, provinces: null }, { source, provinceCode: null });
    if (!bySource.ok) throw notAuthorised(bySource);
    const record = await this.records.status({ source, entityId }, 10);
    if (!record?.current) return null;
    const reach = mayReach(reader, { source, provinceCode: record.current.provinceCode });
    if (!reach.ok) throw notAuthorised(reach);
    return { submission: null, record, state: 'reconciled' };
  }

  private async statusOf(submission: OwnSubmission | null): Promise<SubmissionStatus | null> {
    if (!submission) return null;
    if (submission.status >= 300) return { submission, record: null, state: 'refused' };
    const record = await this.records.status({ source: submission.source, entityId: submission.entityId }, 10);
    return { submission, record, state: record?.current ? 'reconciled' : 'accepted' };
  }
}
