import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../../../libs/config/src';
import { HealthModule } from './health/health.module';
import { InfrastructureModule } from './infrastructure/infrastructure.module';

@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return { module: AppModule, imports: [InfrastructureModule.forConfig(config), HealthModule] };
  }
}
