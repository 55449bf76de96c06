import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, SetMetadata, UseGuards } from '@nestjs/common';
import type { StoredCredential } from '@lgsp/access';
import type { Correction } from '@lgsp/corrections';
import { AdmissionGuard } from './admission.guard';
import { CorrectionPage, CorrectionsService } from './corrections.service';
import { GatewayKeyGuard, NEEDS_SCOPE } from './gateway-key.guard';

interface CredentialRequest {
  credential: StoredCredential;
  body: unknown;
}

/** Corrections back to the source: the registry's value for each mismatched field of the caller's records. */
@Controller('v1/corrections')
@UseGuards(GatewayKeyGuard, AdmissionGuard)
export class CorrectionsController {
  constructor(@Inject(CorrectionsService) private readonly corrections: CorrectionsService) {}

  @Get()
  @SetMetadata(NEEDS_SCOPE, 'gateway:read')
  list(@Query() query: Record<string, unknown>, @Req() req: CredentialRequest): Promise<CorrectionPage> {
    return this.corrections.list(req.credential, query);
  }

  @Get(':id')
  @SetMetadata(NEEDS_SCOPE, 'gateway:read')
  get(@Param('id') id: string, @Req() req: CredentialRequest): Promise<Correction> {
    return this.corrections.get(req.credential, id);
  }

  @Post(':id/acknowledgement')
  @HttpCode(200)
  @SetMetadata(NEEDS_SCOPE, 'gateway:write')
  acknowledge(@Param('id') id: string, @Req() req: CredentialRequest): Promise<Correction> {
    return this.corrections.acknowledge(req.credential, id, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
  }
}
