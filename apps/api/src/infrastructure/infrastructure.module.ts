import { Global, Inject, Module, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { Client, Connection, type WorkflowClientInterceptor } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/src';
import { stopTracing } from '../../../../libs/observability/src';
import { createDataSource } from '../../../../libs/persistence/src';
import { ApiMetrics } from '../metrics/api-metrics';
import { APP_CONFIG, TEMPORAL_CLIENT } from './tokens';

/** The outside world the API talks to: PostgreSQL (TypeORM) and Temporal, both from the validated config. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  static forConfig(config: AppConfig) {
    const providers: Provider[] = [
      { provide: APP_CONFIG, useValue: config },
      {
        provide: DataSource,
        useFactory: () =>
          createDataSource(config.databaseUrl, { applicationName: 'jiuzhu-api' }).initialize(),
      },
      { provide: ApiMetrics, useFactory: () => new ApiMetrics() },
      {
        provide: TEMPORAL_CLIENT,
        inject: [ApiMetrics],
        useFactory: async (metrics: ApiMetrics) => {
          // Lazy: the API starts (and reports not-ready) even while Temporal is still coming up.
          const connection = Connection.lazy({ address: config.temporal.address });
          return new Client({
            connection,
            namespace: config.temporal.namespace,
            interceptors: { workflow: [...(await clientTracing(config)), metrics.updateInterceptor] },
          });
        },
      },
    ];
    return { module: InfrastructureModule, providers, exports: providers };
  }

  constructor(
    private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async onApplicationShutdown() {
    await this.temporal.connection.close().catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await stopTracing(); // the last spans (nothing when tracing is off)
  }
}

/**
 * With tracing on, the Temporal SDK's client interceptor: a span for each workflow start, Update and query,
 * child of the request's span, whose context travels to the workflow in the call's headers.
 */
async function clientTracing(config: AppConfig): Promise<WorkflowClientInterceptor[]> {
  if (config.tracing.exporter === 'none') return [];
  const { OpenTelemetryWorkflowClientInterceptor } =
    await import('@temporalio/interceptors-opentelemetry/lib/client/index.js');
  return [new OpenTelemetryWorkflowClientInterceptor()];
}
