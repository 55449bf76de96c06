import { Controller, Delete, Get, HttpCode, HttpStatus, Inject, Put, Req, SetMetadata, UseGuards } from '@nestjs/common';
import type { StoredCredential } from '@lgsp/access';
import { webhookSecret, WebhooksRepository, type WebhookStatus } from '@lgsp/corrections';
import { GatewayKeyGuard, NEEDS_SCOPE } from './gateway-key.guard';
import { GatewayProblem } from './problem';
import { jsonBodyOf } from './submission';

interface CredentialRequest {
  credential: StoredCredential;
  body: unknown;
}

const noWebhook = () =>
  new GatewayProblem(HttpStatus.NOT_FOUND, 'Not found', 'this key has no webhook: set one with PUT /v1/webhook {url}');

/** `{url}`: an absolute http(s) URL; problems name the field. */
export function webhookUrlOf(bytes: Buffer): string {
  const body = jsonBodyOf(bytes) as Record<string, unknown> | null;
  const invalid = (path: string, message: string, keyword: string) =>
    new GatewayProblem(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'Invalid webhook',
      `the webhook breaks its schema: ${path || 'body'} ${message}`,
      [{ path, message, keyword }],
    );
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('', 'must be a JSON object {url}', 'type');
  const extra = Object.keys(body).find((k) => k !== 'url');
  if (extra !== undefined) throw invalid(`/${extra}`, 'is not a field of a webhook', 'additionalProperties');
  if (typeof body.url !== 'string' || body.url.length > 2000)
    throw invalid('/url', 'must be a URL of at most 2000 characters', 'type');
  let url: URL;
  try {
    url = new URL(body.url);
  } catch {
    throw invalid('/url', 'must be an absolute URL', 'format');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('/url', 'must be http or https', 'format');
  return url.toString();
}

/**
 * The caller's webhook of corrections: each correction it may read, pushed as it opens, the body signed with the
 * secret given once here. Setting it again replaces URL and secret and delivers from then on.
 */
@Controller('v1/webhook')
@UseGuards(GatewayKeyGuard)
export class WebhookController {
  constructor(@Inject(WebhooksRepository) private readonly webhooks: WebhooksRepository) {}

  @Put()
  @SetMetadata(NEEDS_SCOPE, 'gateway:write')
  async set(@Req() req: CredentialRequest): Promise<WebhookStatus & { secret: string }> {
    const url = webhookUrlOf(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    const secret = webhookSecret();
    return { ...(await this.webhooks.register(req.credential.id, url, secret)), secret };
  }

  @Get()
  @SetMetadata(NEEDS_SCOPE, 'gateway:read')
  async get(@Req() req: CredentialRequest): Promise<WebhookStatus> {
    return (await this.webhooks.status(req.credential.id)) ?? Promise.reject(noWebhook());
  }

  @Delete()
  @HttpCode(204)
  @SetMetadata(NEEDS_SCOPE, 'gateway:write')
  async remove(@Req() req: CredentialRequest): Promise<void> {
    if (!(await this.webhooks.remove(req.credential.id))) throw noWebhook();
  }
}
