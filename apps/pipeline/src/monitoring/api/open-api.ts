import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Serves the OpenAPI document of the HTTP API (monitoring and records) at /api/docs (UI) and /api/docs-json. */
export function serveOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('LGSP pipeline')
    .setDescription(
      'Match rates, sync lag, alerts and the dead-letter queue of the provincial data-integration pipeline. ' +
        'Errors are RFC 9457 problem details (application/problem+json) naming each invalid parameter. ' +
        'The record endpoints return personal data and need an API key (`lgsp credentials create <name>`).',
    )
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'an API key' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    .setVersion('1')
    // 3.1: its schemas are JSON Schema 2020-12, the dialect of the endpoints' TypeBox definitions (`type: ["number", "null"]`).
    .setOpenAPIVersion('3.1.0')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config));
}
