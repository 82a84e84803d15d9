import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { COMMAND_TERMS, type CommandType } from '../../../../libs/domain/src';
import { LogsCaseRead, casesOfPage } from '../access-log/logs-case-read.decorator';
import { CurrentActor, Roles } from '../auth/auth.guard';
import type { Actor } from '../auth/jwt';
import { CASE_ACTIONS, type CaseActionPath } from './case-actions';
import { ActOnCaseService } from './act-on-case.service';
import { unknownAction } from './case-errors';
import { CaseQueriesService } from './case-queries.service';
import { CreateCaseService, type CreateCaseRequest } from './create-case.service';

const ACTING_ROLES = [
  'CASEWORKER',
  'DISTRICT_REVIEWER',
  'DISTRICT_LEADER',
  'FINANCE',
  'ADMINISTRATOR',
] as const;

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly creating: CreateCaseService,
    private readonly acting: ActOnCaseService,
    private readonly cases: CaseQueriesService,
  ) {}

  @Post()
  @Roles('CASEWORKER')
  @ApiOperation({
    summary:
      '登记申请 Register an application: starts its workflow (201; 200 for a repeated Idempotency-Key).',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Unique per application, e.g. a UUID.' })
  // The request body schema comes from the domain (withCaseRequestBodies in cases/request-schemas.ts).
  async create(
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: CreateCaseRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.creating.create(actor, key, body);
    res.status(result.created ? 201 : 200);
    return result.summary;
  }

  @Get()
  @ApiOperation({
    summary:
      'Cases with filters (town, status, step, category, assignee) and cursor pagination (limit ≤ 500).',
  })
  @LogsCaseRead(casesOfPage)
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, string | undefined>) {
    return this.cases.list(actor, query);
  }

  @Get(':caseId')
  @ApiOperation({
    summary: 'A case: current step, assignee, statutory and extended due dates, amounts, allowed actions.',
  })
  @LogsCaseRead()
  get(@CurrentActor() actor: Actor, @Param('caseId') caseId: string) {
    return this.cases.get(actor, caseId);
  }

  @Get(':caseId/events')
  @ApiOperation({ summary: "The case's event history from the event store (hash-chained)." })
  @LogsCaseRead()
  events(@CurrentActor() actor: Actor, @Param('caseId') caseId: string) {
    return this.cases.events(actor, caseId);
  }

  @Get(':caseId/notices')
  @ApiOperation({
    summary:
      'Written notices (one-time missing materials, approval, refusal) and public notices (first and second publicity, recipients list).',
  })
  @LogsCaseRead()
  notices(@CurrentActor() actor: Actor, @Param('caseId') caseId: string) {
    return this.cases.notices(actor, caseId);
  }

  @Get(':caseId/timeline')
  @ApiOperation({ summary: 'Statutory against actual dates, step by step.' })
  @LogsCaseRead()
  timeline(@CurrentActor() actor: Actor, @Param('caseId') caseId: string) {
    return this.cases.timeline(actor, caseId);
  }

  @Get(':caseId/eligibility')
  @ApiOperation({
    summary:
      'Eligibility as the rules decided it from the recorded household facts (per criterion, with the article and the source of each fact), and any review that concluded otherwise.',
  })
  @LogsCaseRead()
  eligibility(@CurrentActor() actor: Actor, @Param('caseId') caseId: string) {
    return this.cases.eligibility(actor, caseId);
  }

  @Post(':caseId/:action')
  @HttpCode(200)
  @Roles(...ACTING_ROLES)
  @ApiOperation({
    summary:
      'Act on a case (one workflow Update per action). 409 when the step or state does not allow it, 422 for invalid data, 403 for another role or town.',
    description: Object.entries(CASE_ACTIONS)
      .map(([path, type]) => `- \`${path}\`: ${COMMAND_TERMS[type as CommandType].zh} (${type})`)
      .join('\n'),
  })
  @ApiParam({ name: 'action', enum: Object.keys(CASE_ACTIONS) })
  act(
    @CurrentActor() actor: Actor,
    @Param('caseId') caseId: string,
    @Param('action') action: string,
    @Body() body: unknown,
  ) {
    const type = CASE_ACTIONS[action as CaseActionPath] as CommandType | undefined;
    if (!type) return unknownAction(action);
    return this.acting.act(actor, caseId, type, body);
  }
}
