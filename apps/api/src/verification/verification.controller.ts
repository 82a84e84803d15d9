import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { VerificationBoardLine } from '../../../../libs/persistence/src';
import { LogsCaseRead, casesOfPage, type CaseIdsOf } from '../access-log/logs-case-read.decorator';
import { CurrentActor, Roles } from '../auth/auth.guard';
import type { Actor } from '../auth/jwt';
import { sendCsv, toCsv, wantsCsv, type CsvColumn } from '../supervision/csv';
import { optionalInstant } from '../supervision/supervision.service';
import { VerificationService } from './verification.service';

/** For endpoints returning one request `{ caseId, … }`. */
const caseOfResult: CaseIdsOf = (result) =>
  result && typeof result === 'object' && typeof (result as { caseId?: unknown }).caseId === 'string'
    ? [(result as { caseId: string }).caseId]
    : [];
/** For an import's result `{ items: [{ caseId }] }`. */
const casesOfImport = casesOfPage;

const DEPARTMENT_COLUMNS: CsvColumn<VerificationBoardLine>[] = [
  ['部门 department', (r) => r.department],
  ['部门名称 departmentName', (r) => r.departmentName],
  ['在办 open', (r) => r.open],
  ['超期 overdue', (r) => r.overdue],
  ['在办催办 urges on open requests', (r) => r.urges],
  ['已反馈 answered', (r) => r.answered],
  ['无法核对 unobtainable', (r) => r.unobtainable],
  ['最早超期期限 oldest overdue due date', (r) => r.oldestOverdueDueDate],
];

/** Answers are personal data: only the roles that decide on them read them (not supervisors, not finance). */
const CASE_STAFF = ['CASEWORKER', 'DISTRICT_REVIEWER', 'DISTRICT_LEADER'] as const;

/** Issue 15: the investigation's verification requests, as the town's caseworker handles them. */
@ApiTags('verification')
@ApiBearerAuth()
@Controller('cases/:caseId/verification-requests')
export class CaseVerificationController {
  constructor(private readonly verification: VerificationService) {}

  @Post()
  @HttpCode(201)
  @Roles('CASEWORKER')
  @ApiOperation({
    summary:
      '发起家庭经济状况核对 Ask a department about one household member (during the home investigation). The fields, legal basis, due working days and reuse window come from the case’s policy; the applicant’s authorisation (授权书) is required with the first request. A recent answer about the same person from another case is reused (reuse: false asks afresh).',
  })
  @ApiBody({
    schema: {
      example: {
        department: 'PBOC',
        memberId: 'm1',
        personRef: 'P-440705-0001',
        authorisation: { reference: 'SQ-2019-001', signedOn: '2019-03-02' },
      },
    },
  })
  @LogsCaseRead(caseOfResult)
  request(@CurrentActor() actor: Actor, @Param('caseId') caseId: string, @Body() body: unknown) {
    return this.verification.request(actor, caseId, body);
  }

  @Get()
  @Roles(...CASE_STAFF)
  @ApiOperation({
    summary:
      "A case's verification requests with the departments' answers, corrections and unobtainable reasons.",
  })
  @LogsCaseRead()
  list(@CurrentActor() actor: Actor, @Param('caseId') caseId: string) {
    return this.verification.ofCase(actor, caseId);
  }

  @Post(':requestId/unobtainable')
  @HttpCode(200)
  @Roles('CASEWORKER')
  @ApiOperation({
    summary:
      '登记无法核对 Mark a request unobtainable, with the reason (shown in the eligibility explanation).',
  })
  @ApiBody({ schema: { example: { reason: '不动产登记系统迁移，30日内无法查询' } } })
  @LogsCaseRead()
  unobtainable(
    @CurrentActor() actor: Actor,
    @Param('caseId') caseId: string,
    @Param('requestId') requestId: string,
    @Body() body: unknown,
  ) {
    return this.verification.act(actor, caseId, requestId, 'MarkVerificationUnobtainable', body);
  }

  @Post(':requestId/correction')
  @HttpCode(200)
  @Roles('CASEWORKER')
  @ApiOperation({
    summary: '更正核对事实 Correct an answered fact with a reason; the department’s value stays beside it.',
  })
  @ApiBody({ schema: { example: { field: 'homes', value: 0, reason: '该房屋已于2018年拆迁，见拆迁协议' } } })
  @LogsCaseRead()
  correction(
    @CurrentActor() actor: Actor,
    @Param('caseId') caseId: string,
    @Param('requestId') requestId: string,
    @Body() body: unknown,
  ) {
    return this.verification.act(actor, caseId, requestId, 'CorrectVerifiedFact', body);
  }

  @Post(':requestId/urge')
  @HttpCode(200)
  @Roles('CASEWORKER', 'DISTRICT_REVIEWER')
  @ApiOperation({ summary: '催办 Urge an overdue request (409 NOT_YET_OVERDUE before its due time).' })
  @LogsCaseRead()
  urge(@CurrentActor() actor: Actor, @Param('caseId') caseId: string, @Param('requestId') requestId: string) {
    return this.verification.act(actor, caseId, requestId, 'UrgeVerification', {});
  }
}

/** Issue 15: what a department liaison (DEPARTMENT_LIAISON, bound to one department) sees and does. */
@ApiTags('verification')
@ApiBearerAuth()
@Controller()
export class LiaisonVerificationController {
  constructor(private readonly verification: VerificationService) {}

  @Get('verification-requests')
  @Roles('DEPARTMENT_LIAISON')
  @ApiOperation({
    summary:
      "The requests addressed to the liaison's department (status=OPEN by default, or ANSWERED): whom and what to check, the legal basis, the applicant's authorisation and the due date — nothing else of the case.",
  })
  @LogsCaseRead(casesOfPage)
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, string | undefined>) {
    return this.verification.forLiaison(actor, query);
  }

  @Post('verification-requests/:requestId/answer')
  @HttpCode(200)
  @Roles('DEPARTMENT_LIAISON')
  @ApiOperation({
    summary:
      "反馈核对结果 Answer a request of one's department: exactly the fields asked (422 listing every problem); 404 for another department's request.",
  })
  @ApiBody({
    schema: {
      example: {
        values: { deposits: '5000.00', securities: '0.00' },
        answeredOn: '2019-03-06',
        reference: 'YH-2019-77',
      },
    },
  })
  @LogsCaseRead(caseOfResult)
  answer(@CurrentActor() actor: Actor, @Param('requestId') requestId: string, @Body() body: unknown) {
    return this.verification.answer(actor, requestId, body);
  }

  @Post('verification-imports')
  @HttpCode(200)
  @Roles('DEPARTMENT_LIAISON')
  @ApiOperation({
    summary:
      "导入核对结果文件 A department's answer file (CSV or JSON, format in apps/api/README.md): every line checked first, 422 IMPORT_INVALID listing each problem (line, field, zh/en) with nothing applied; the same file sent again finishes without answering twice.",
  })
  @ApiBody({
    schema: {
      example: {
        format: 'csv',
        fileName: 'pboc-2019-03-06.csv',
        content:
          'requestId,answeredOn,reference,deposits,securities\nVR-…,2019-03-06,YH-2019-77,5000.00,0.00\n',
      },
    },
  })
  @LogsCaseRead(casesOfImport)
  importFile(@CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.verification.importFile(actor, body);
  }

  @Get('supervision/verifications')
  @Roles('SUPERVISOR', 'ADMINISTRATOR', 'DISTRICT_LEADER', 'DISTRICT_REVIEWER')
  @ApiOperation({
    summary:
      '督查督办 Verification requests by department: open, overdue, urged, answered, unobtainable; and the overdue requests (no answers).',
  })
  @ApiQuery({ name: 'asOf', required: false })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiProduces('application/json', 'text/csv')
  async board(
    @Query() query: Record<string, string | undefined>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.verification.board(optionalInstant(query, 'asOf') ?? new Date());
    if (wantsCsv(query, req))
      return sendCsv(res, 'verifications-by-department', toCsv(DEPARTMENT_COLUMNS, result.byDepartment));
    return result;
  }
}
