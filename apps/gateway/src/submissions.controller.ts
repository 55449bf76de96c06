import { Controller, HttpStatus, Inject, Param, Post, Req, Res, SetMetadata, UseGuards } from '@nestjs/common';
import { SOURCE_NAMES, SourceName } from '@lgsp/contracts';
import type { StoredCredential } from '@lgsp/access';
import { GatewayKeyGuard, NEEDS_SCOPE } from './gateway-key.guard';
import { GatewayProblem } from './problem';
import { SubmissionService } from './submission.service';

interface SubmitRequest {
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  credential: StoredCredential;
}
interface SubmitResponse {
  status(code: number): SubmitResponse;
  setHeader(name: string, value: string): void;
  type(t: string): SubmitResponse;
  send(body: string): void;
}

/** POST one record of a source; the body is read raw (the service decodes it strictly). */
@Controller('v1/records')
@UseGuards(GatewayKeyGuard)
export class SubmissionsController {
  constructor(@Inject(SubmissionService) private readonly submissions: SubmissionService) {}

  @Post(':source')
  @SetMetadata(NEEDS_SCOPE, 'gateway:write')
  async submit(@Param('source') source: string, @Req() req: SubmitRequest, @Res() res: SubmitResponse): Promise<void> {
    if (!(SOURCE_NAMES as readonly string[]).includes(source))
      throw new GatewayProblem(HttpStatus.NOT_FOUND, 'Unknown source', `sources are ${SOURCE_NAMES.join(', ')}`);
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length < 1 || key.length > 200)
      throw new GatewayProblem(
        HttpStatus.BAD_REQUEST,
        'Idempotency key required',
        'send an `Idempotency-Key` header (1–200 characters, e.g. a UUID) per submission; reuse it to retry',
      );
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const answer = await this.submissions.submit(req.credential.id, source as SourceName, key, bytes);
    if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res
      .status(answer.status)
      .type(answer.status >= 400 ? 'application/problem+json' : 'application/json')
      .send(JSON.stringify(answer.body));
  }
}
