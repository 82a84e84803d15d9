import { Module } from '@nestjs/common';
import { OpeningBalancesController } from './opening-balances.controller';

@Module({ controllers: [OpeningBalancesController] })
export class OpeningBalancesModule {}
