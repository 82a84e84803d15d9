import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { AppConfig } from '../../../libs/config/src';
import { AccessLogModule } from './access-log/access-log.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthController } from './auth/auth.controller';
import { TOKEN_VERIFIER, createTokenVerifier } from './auth/token-verifier';
import { CalendarModule } from './calendar/calendar.module';
import { CasesModule } from './cases/cases.module';
import { DecisionsModule } from './decisions/decisions.module';
import { ErrorFilter } from './errors/error.filter';
import { HealthModule } from './health/health.module';
import { InboxModule } from './inbox/inbox.module';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { MetricsModule } from './metrics/metrics.module';
import { OpeningBalancesModule } from './opening-balances/opening-balances.module';
import { PoliciesModule } from './policies/policies.module';
import { SupervisionModule } from './supervision/supervision.module';
import { VerificationModule } from './verification/verification.module';

@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forConfig(config),
        AccessLogModule,
        HealthModule,
        MetricsModule,
        PoliciesModule,
        CalendarModule,
        // Before CasesModule: its POST /cases/:caseId/:action would otherwise take /cases/:caseId/verification-requests.
        VerificationModule,
        CasesModule,
        DecisionsModule,
        InboxModule,
        OpeningBalancesModule,
        SupervisionModule,
      ],
      controllers: [AuthController],
      providers: [
        { provide: TOKEN_VERIFIER, useValue: createTokenVerifier(config.auth) },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
