import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PolicyStore } from '../../../../libs/persistence/src';
import { PoliciesController } from './policies.controller';
import { PoliciesService } from './policies.service';

/**
 * Policy versions (issue 11): administrators upload drafts, preview them, and a second administrator publishes.
 * Global: the one PolicyStore (with its cache of published versions) also serves case creation and previews.
 */
@Global()
@Module({
  controllers: [PoliciesController],
  providers: [
    PoliciesService,
    {
      provide: PolicyStore,
      useFactory: (dataSource: DataSource) => new PolicyStore(dataSource),
      inject: [DataSource],
    },
  ],
  exports: [PolicyStore],
})
export class PoliciesModule {}
