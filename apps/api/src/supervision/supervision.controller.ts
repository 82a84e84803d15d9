import {
  Controller,
  Get,
  Header,
  Param,
  Query as QueryParams,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { Readable } from 'node:stream';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { STEP_DEFINITIONS, type Step } from '../../../../libs/domain/src';
import type { DueStep, FlaggedStaff, SupervisionCount, UrgedPerson } from '../../../../libs/persistence/src';
import { LogsCaseRead } from '../access-log/logs-case-read.decorator';
import { Public, Roles } from '../auth/auth.guard';
import { CSV_BOM, attachment, csvHeader, csvRows, sendCsv, toCsv, wantsCsv, type CsvColumn } from './csv';
import { DASHBOARD_HTML } from './dashboard-page';
import { SupervisionService, type Query } from './supervision.service';

// 督查督办 sees every town, and only reads; the leader and administrators may look too.
const READERS = ['SUPERVISOR', 'ADMINISTRATOR', 'DISTRICT_LEADER'] as const;

const stepZh = (step: string | null) => (step ? (STEP_DEFINITIONS[step as Step]?.termZh ?? step) : '');

const DUE_COLUMNS: CsvColumn<DueStep>[] = [
  ['案件编号 caseId', (r) => r.caseId],
  ['镇街 town', (r) => r.town],
  ['环节 step', (r) => r.step],
  ['环节名称 stepZh', (r) => stepZh(r.step)],
  ['类别 category', (r) => r.category],
  ['经办人 assignee', (r) => r.assigneeId],
  ['岗位 role', (r) => r.assigneeRole],
  ['开始时间 openedAt', (r) => r.openedAt],
  ['法定期限 statutoryDueDate', (r) => r.statutoryDueDate],
  ['延长期限 extendedDueDate', (r) => r.extendedDueDate],
  ['有效期限 effectiveDueAt', (r) => r.effectiveDueAt],
  ['超期天数 daysOverdue', (r) => r.daysOverdue],
  ['期限待定 provisional', (r) => r.provisional],
  ['法定期限 statutory (false: bureau parameter)', (r) => r.statutory],
  ['催办次数 urges', (r) => r.urges],
  ['提醒次数 reminders', (r) => r.reminders],
];

const COUNT_COLUMNS: CsvColumn<SupervisionCount>[] = [
  ['分组 key', (r) => r.key],
  ['在办 open', (r) => r.open],
  ['超期 overdue', (r) => r.overdue],
  ['即将到期 dueSoon', (r) => r.dueSoon],
  ['已办结 completed', (r) => r.completed],
  ['按时 onTime', (r) => r.onTime],
  ['超时 late', (r) => r.late],
  ['按时率 onTimeRate', (r) => (r.onTimeRate === null ? '' : r.onTimeRate.toFixed(4))],
];

const PEOPLE_COLUMNS: CsvColumn<UrgedPerson>[] = [
  ['经办人 assignee', (r) => r.assigneeId],
  ['催办次数 urges', (r) => r.urges],
  ['涉及案件 cases', (r) => r.cases],
  ['在办事项催办 openUrges', (r) => r.openUrges],
  ['已标记 flagged', (r) => r.flagged],
];

const FLAGGED_COLUMNS: CsvColumn<FlaggedStaff>[] = [
  ['经办人 staffId', (r) => r.staffId],
  ['案件编号 caseId', (r) => r.caseId],
  ['环节 step', (r) => r.step],
  ['环节名称 stepZh', (r) => stepZh(r.step)],
  ['镇街 town', (r) => r.town],
  ['催办次数 urgeCount', (r) => r.urgeCount],
  ['阈值 threshold', (r) => r.threshold],
  ['标记时间 flaggedAt', (r) => r.flaggedAt],
];

type TimelineRow = Awaited<ReturnType<SupervisionService['timeline']>>['steps'][number];
const TIMELINE_COLUMNS: CsvColumn<TimelineRow>[] = [
  ['环节 step', (r) => r.step],
  ['环节名称 stepZh', (r) => r.stepZh],
  ['经办人 assignee', (r) => r.assigneeId],
  ['开始 openedAt', (r) => r.openedAt],
  ['法定期限 statutoryDueDate', (r) => r.statutoryDueDate],
  ['延长期限 extendedDueDate', (r) => r.extendedDueDate],
  ['办结 completedAt', (r) => r.completedAt],
  ['办结人 completedBy', (r) => r.completedBy],
  ['结果 outcome', (r) => r.outcome],
  ['按时 onTime', (r) => r.onTime],
  ['超期 overdue', (r) => r.overdue],
];

const LIST_QUERIES = [
  { name: 'town', required: false },
  { name: 'step', required: false },
  { name: 'category', required: false },
  { name: 'assignee', required: false },
  { name: 'asOf', required: false, description: 'ISO instant with offset; default: server clock' },
  { name: 'format', required: false, enum: ['json', 'csv'] },
] as const;
const ListQueries = () => (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
  for (const q of LIST_QUERIES) ApiQuery(q)(target, key, descriptor);
};

/** 督查督办: overdue and due-soon steps, counts and on-time rates, 催办, a case's timeline; JSON or CSV. */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('supervision')
@Roles(...READERS)
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Get('dashboard')
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary:
      '督查看板 The supervisors’ dashboard page (asks for a bearer token, then calls the JSON endpoints).',
  })
  dashboard() {
    return DASHBOARD_HTML;
  }

  @Get('overdue')
  @ApiOperation({
    summary: '超期环节 Overdue open steps, earliest due first; cursor pages; ?format=csv exports them all.',
  })
  @ListQueries()
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1–500, default 50' })
  @ApiProduces('application/json', 'text/csv')
  async overdue(@QueryParams() query: Query, @Req() req: Request) {
    if (wantsCsv(query, req)) return this.streamDueSteps('overdue', query);
    return this.supervision.overdue(query);
  }

  @Get('due-soon')
  @ApiOperation({
    summary:
      '即将到期 Open steps due between now and the end of the N-th working day (withinWorkingDays, default 2) or within N hours (withinHours).',
  })
  @ListQueries()
  @ApiQuery({ name: 'withinWorkingDays', required: false })
  @ApiQuery({ name: 'withinHours', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiProduces('application/json', 'text/csv')
  async dueSoon(@QueryParams() query: Query, @Req() req: Request) {
    if (wantsCsv(query, req)) return this.streamDueSteps('due-soon', query);
    return this.supervision.dueSoon(query);
  }

  @Get('counts')
  @ApiOperation({
    summary:
      '统计 Open, overdue, due-soon (now) and completed / on-time / on-time rate (completed in [from, to), default the last 12 months) by town, step, assignee or month.',
  })
  @ApiQuery({ name: 'by', required: true, enum: ['town', 'step', 'assignee', 'month'] })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ListQueries()
  @ApiProduces('application/json', 'text/csv')
  async counts(@QueryParams() query: Query, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result = await this.supervision.counts(query);
    if (wantsCsv(query, req))
      return sendCsv(res, `counts-by-${result.by}`, toCsv(COUNT_COLUMNS, result.rows));
    return result;
  }

  @Get('board')
  @ApiOperation({ summary: '超期看板 Overdue open steps counted by town × step.' })
  @ListQueries()
  async board(@QueryParams() query: Query, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result = await this.supervision.board(query);
    if (wantsCsv(query, req)) {
      const columns: CsvColumn<(typeof result.cells)[number]>[] = [
        ['镇街 town', (r) => r.town],
        ['环节 step', (r) => r.step],
        ['环节名称 stepZh', (r) => stepZh(r.step)],
        ['法定期限 statutory (false: bureau parameter)', (r) => r.statutory],
        ['超期 overdue', (r) => r.overdue],
      ];
      return sendCsv(res, 'overdue-board', toCsv(columns, result.cells));
    }
    return result;
  }

  @Get('overrides')
  @ApiOperation({
    summary:
      'Reviews that concluded against the rules on eligibility (town, democratic, district), with their reasons; counted on the board.',
  })
  @ApiQuery({ name: 'town', required: false })
  overrides(@QueryParams() query: Query) {
    return this.supervision.overrides(query);
  }

  @Get('urges')
  @ApiOperation({
    summary:
      '催办 Urges per person in [from, to) (default this year), their urges on still-open steps, and the people flagged at the threshold (3).',
  })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'town', required: false })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async urges(@QueryParams() query: Query, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result = await this.supervision.urges(query);
    if (wantsCsv(query, req)) return sendCsv(res, 'urges', toCsv(PEOPLE_COLUMNS, result.people));
    return result;
  }

  @Get('flagged')
  @ApiOperation({
    summary:
      '被标记人员 People flagged for the annual assessment (3+ urges on unfinished work), newest first.',
  })
  @ApiQuery({ name: 'town', required: false })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async flagged(@QueryParams() query: Query, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result = await this.supervision.flagged(query);
    if (wantsCsv(query, req)) return sendCsv(res, 'flagged', toCsv(FLAGGED_COLUMNS, result.flagged));
    return result;
  }

  @Get('cases/:caseId/timeline')
  @ApiOperation({
    summary: '案件时间线 A case’s steps: statutory and extended due dates against actual dates.',
  })
  @ApiQuery({ name: 'asOf', required: false })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @LogsCaseRead()
  async timeline(
    @Param('caseId') caseId: string,
    @QueryParams() query: Query,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.supervision.timeline(caseId, query);
    if (wantsCsv(query, req))
      return sendCsv(res, `timeline-${caseId}`, toCsv(TIMELINE_COLUMNS, result.steps));
    return result;
  }

  /** The whole list, page by page, written as it is read. */
  private async streamDueSteps(kind: 'overdue' | 'due-soon', query: Query): Promise<StreamableFile> {
    const pages = this.supervision.allDueSteps(kind, query);
    // The first page is read before any header goes out, so a bad filter is still a clean 422.
    const first = await pages.next();
    async function* lines(): AsyncGenerator<string> {
      yield CSV_BOM + csvHeader(DUE_COLUMNS);
      if (!first.done) yield csvRows(DUE_COLUMNS, first.value);
      for await (const rows of pages) yield csvRows(DUE_COLUMNS, rows);
    }
    return new StreamableFile(Readable.from(lines(), { objectMode: false }), {
      type: 'text/csv; charset=utf-8',
      disposition: attachment(kind),
    });
  }
}
