import { Module } from '@nestjs/common';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

/** 督查督办: read-only views for supervisors over the read models, and their dashboard page. */
@Module({ controllers: [SupervisionController], providers: [SupervisionService] })
export class SupervisionModule {}
