import { Module } from '@nestjs/common';
import { ActOnCaseService } from './act-on-case.service';
import { ApplicationWorkflows } from './application-workflows';
import { CaseQueriesService } from './case-queries.service';
import { CaseRecords } from './case-records';
import { CasesController } from './cases.controller';
import { CreateCaseService } from './create-case.service';
import { RulesController } from './rules.controller';

/** One service per use case (create, act, read); Temporal and the read model each behind one door. */
@Module({
  controllers: [CasesController, RulesController],
  providers: [ApplicationWorkflows, CaseRecords, CreateCaseService, ActOnCaseService, CaseQueriesService],
  exports: [ActOnCaseService],
})
export class CasesModule {}
