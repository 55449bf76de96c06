import { Controller, HttpStatus, Inject, Param, Post, Req, Res, SetMetadata, UseGuards } from '@nestjs/common';
import { SOURCE_NAMES, SourceName } from '@lgsp/contracts';
import { mayReach, type StoredCredential } from '@lgsp/access';
import { AdmissionGuard, WAITS_FOR_PIPELINE } from './admission.guard';
import { GatewayKeyGuard, NEEDS_SCOPE } from './gateway-key.guard';
import { GatewayProblem, notAuthorised } from './problem';
import { SubmissionService } from './submission.service';
import { BulkSubmissionService } from './bulk-submission.service';
import { isNdjson } from './ndjson';
import { KEY_LENGTH } from './submission';

interface SubmitRequest extends AsyncIterable<Buffer> {
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  credential: StoredCredential;
}
interface SubmitResponse {
  status(code: number): SubmitResponse;
  setHeader(name: string, value: string): void;
  type(t: string): SubmitResponse;
  send(body: string): void;
  write(chunk: string): boolean;
  end(): void;
  once(event: 'drain' | 'close', listener: () => void): void;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
}

/** POST one record of a source; the body is read raw (the service decodes it strictly). */
@Controller('v1/records')
@UseGuards(GatewayKeyGuard, AdmissionGuard)
export class SubmissionsController {
  constructor(
    @Inject(SubmissionService) private readonly submissions: SubmissionService,
    @Inject(BulkSubmissionService) private readonly bulk: BulkSubmissionService,
  ) {}

  @Post(':source')
  @SetMetadata(NEEDS_SCOPE, 'gateway:write')
  @SetMetadata(WAITS_FOR_PIPELINE, true)
  async submit(@Param('source') source: string, @Req() req: SubmitRequest, @Res() res: SubmitResponse): Promise<void> {
    if (!(SOURCE_NAMES as readonly string[]).includes(source))
      throw new GatewayProblem(HttpStatus.NOT_FOUND, 'Unknown source', `sources are ${SOURCE_NAMES.join(', ')}`);
    // A source the key is not for is refused before the body is read, single or bulk.
    const bySource = mayReach({ sources: req.credential.sources, provinces: null }, { source, provinceCode: null });
    if (!bySource.ok) throw notAuthorised(bySource);
    if (isNdjson(req.headers['content-type'])) return this.submitBulk(source as SourceName, req, res);
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length < KEY_LENGTH.min || key.length > KEY_LENGTH.max)
      throw new GatewayProblem(
        HttpStatus.BAD_REQUEST,
        'Idempotency key required',
        'send an `Idempotency-Key` header (1–200 characters, e.g. a UUID) per submission; reuse it to retry',
      );
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const answer = await this.submissions.submit(req.credential, source as SourceName, key, bytes);
    if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res
      .status(answer.status)
      .type(answer.status >= 400 ? 'application/problem+json' : 'application/json')
      .send(JSON.stringify(answer.body));
  }

  /**
   * NDJSON: one answer line per submitted line, written as each batch is answered, then a summary line. The status is
   * 200 once the body starts to be read; each line says whether it was accepted. A declared length over the limit is
   * refused before anything is read.
   */
  private async submitBulk(source: SourceName, req: SubmitRequest, res: SubmitResponse): Promise<void> {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > this.bulk.limits.maxBodyBytes)
      throw new GatewayProblem(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'Body too large',
        `a bulk body may hold ${this.bulk.limits.maxBodyBytes} bytes: split it into several requests`,
      );
    res.status(HttpStatus.OK).type('application/x-ndjson');
    let closed = false;
    res.once('close', () => (closed = true));
    for await (const answers of this.bulk.submit(req.credential, source, req)) {
      if (closed) return;
      const text = Array.isArray(answers)
        ? answers.map((a) => `${JSON.stringify(a)}\n`).join('')
        : `${JSON.stringify(answers)}\n`;
      // The client reads the answers while it sends: waiting for it bounds what is held for a slow reader.
      if (!res.write(text)) await new Promise<void>((resolve) => res.once('drain', resolve));
    }
    res.end();
  }
}
