import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';

/** The /metrics endpoint; ApiMetrics itself is provided by InfrastructureModule (the Temporal client uses it). */
@Module({ controllers: [MetricsController] })
export class MetricsModule {}
