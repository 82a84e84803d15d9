import { Module } from '@nestjs/common';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';

/** `GET /cases/:caseId/decisions`: each decision with its pinned policy version, reproduced (issue 11). */
@Module({ controllers: [DecisionsController], providers: [DecisionsService] })
export class DecisionsModule {}
