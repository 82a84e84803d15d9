import { Module } from '@nestjs/common';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { RulesController } from './rules.controller';

@Module({ controllers: [CasesController, RulesController], providers: [CasesService] })
export class CasesModule {}
