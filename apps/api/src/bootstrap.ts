import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { trace } from '@opentelemetry/api';
import { createLogger, type AppConfig } from '../../../libs/config/src';
import { httpServerSpans, traceLogFields } from '../../../libs/observability/src';
import { AppModule } from './app.module';
import { withCaseRequestBodies } from './cases/request-schemas';
import { useJsonBodies } from './errors/json-body';
import { ApiMetrics, routeOf } from './metrics/api-metrics';
import { PinoNestLogger } from './infrastructure/pino-nest-logger';

/** Builds the admin API (used by main.ts and by tests that run it in-process). */
export async function createApiApp(config: AppConfig): Promise<INestApplication> {
  const tracing = config.tracing.exporter !== 'none';
  const log = createLogger('api', config.logLevel, tracing ? traceLogFields : undefined);
  const app = await NestFactory.create(AppModule.forConfig(config), {
    logger: new PinoNestLogger(log),
    bodyParser: false, // useJsonBodies: JSON only, bounded, every failure in the one error shape
  });
  app.enableShutdownHooks();
  if (tracing) {
    // First, so that the span covers the whole request, refused bodies included (main.ts started tracing).
    app.use(httpServerSpans(trace.getTracer('jiuzhu-api'), routeOf));
  }
  app.use(app.get(ApiMetrics).httpMiddleware);
  useJsonBodies(app);
  const openApi = new DocumentBuilder()
    .setTitle('Jiuzhu admin API')
    .setDescription(
      'Medical-aid applications (医疗救助): caseworkers advance cases, supervisors watch deadlines.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  // Request bodies of POST /cases and of every case action: generated from the domain's declaration.
  const document = () => withCaseRequestBodies(SwaggerModule.createDocument(app, openApi));
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
  });
  return app;
}
