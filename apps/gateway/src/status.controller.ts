import { Controller, Get, HttpStatus, Inject, Param, Req, SetMetadata, UseGuards } from '@nestjs/common';
import type { StoredCredential } from '@lgsp/access';
import { AdmissionGuard } from './admission.guard';
import { GatewayKeyGuard, NEEDS_SCOPE } from './gateway-key.guard';
import { GatewayProblem } from './problem';
import { SubmissionStatus, SubmissionStatusService } from './submission-status.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () =>
  new GatewayProblem(HttpStatus.NOT_FOUND, 'Not found', 'no submission of this system has that id or record key');

/** Status of the caller's own submissions, by tracking id or by the record key of its system. */
@Controller('v1')
@UseGuards(GatewayKeyGuard, AdmissionGuard)
export class StatusController {
  constructor(@Inject(SubmissionStatusService) private readonly status: SubmissionStatusService) {}

  @Get('submissions/:trackingId')
  @SetMetadata(NEEDS_SCOPE, 'gateway:read')
  async byTrackingId(
    @Param('trackingId') trackingId: string,
    @Req() req: { credential: StoredCredential },
  ): Promise<SubmissionStatus> {
    if (!UUID.test(trackingId)) throw notFound();
    return (await this.status.byTrackingId(req.credential, trackingId)) ?? Promise.reject(notFound());
  }

  @Get('records/:source/:entityId')
  @SetMetadata(NEEDS_SCOPE, 'gateway:read')
  async byRecordKey(
    @Param('source') source: string,
    @Param('entityId') entityId: string,
    @Req() req: { credential: StoredCredential },
  ): Promise<SubmissionStatus> {
    return (await this.status.byRecordKey(req.credential, source, entityId)) ?? Promise.reject(notFound());
  }
}
