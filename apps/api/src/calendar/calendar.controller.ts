import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
  createParamDecorator,
  type ExecutionContext,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { CalendarError } from '../../../../libs/calendar/src';
import { CalendarChangeRejectedError } from '../../../../libs/persistence/src';
import { CurrentActor, Roles } from '../auth/auth.guard';
import type { Actor } from '../auth/jwt';
import { ApiError } from '../errors/api-error';
import {
  ChangeResultDto,
  CoverageViewDto,
  DeadlinePreviewDto,
  LoadYearArrangementDto,
  RecordEntryDto,
  WithdrawEntryDto,
  YearViewDto,
} from './calendar.dto';
import { CalendarRequestError, CalendarService } from './calendar.service';

/**
 * The request body exactly as received. Calendar input is validated once, by libs/calendar's validators in the
 * store, which report every issue with its field; a pipe here (or a global one) must not reshape or strip it.
 */
const UntrustedBody = createParamDecorator((_: unknown, ctx: ExecutionContext): unknown => {
  return ctx.switchToHttp().getRequest<Request>().body as unknown;
});

type Issue = { code: string; field: string; message: { zh: string; en: string } };

/** Calendar errors (values with codes and fields) become the one JSON error shape here, and only here. */
function toHttp(err: unknown): unknown {
  let issues: readonly Issue[] | undefined;
  if (
    err instanceof CalendarChangeRejectedError ||
    err instanceof CalendarRequestError ||
    err instanceof CalendarError
  ) {
    issues = err.issues;
  }
  if (!issues || issues.length === 0) return err;
  const first = issues[0]!;
  const many = issues.length > 1;
  return new ApiError(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'CALENDAR_VALIDATION_FAILED',
    many
      ? `日历数据有${issues.length}处问题，未作任何更改：${issues.map((i) => i.message.zh).join('；')}`
      : `${first.message.zh}（未作任何更改）`,
    many
      ? `${issues.length} problems, nothing was changed: ${issues.map((i) => i.message.en).join('; ')}`
      : `${first.message.en} (nothing was changed)`,
    first.field,
    issues,
  );
}

async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw toHttp(err);
  }
}

const actorOf = (a: Actor) => ({ id: a.id, name: a.name, role: a.role, ...(a.town ? { town: a.town } : {}) });

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
@ApiResponse({ status: 401, description: 'No or invalid token' })
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('years/:year')
  @ApiOperation({
    summary:
      'List a year (any staff): every day with its status and source, and the year’s change history (who, when, why).',
  })
  @ApiOkResponse({ type: YearViewDto })
  @ApiResponse({ status: 422, description: 'Invalid year' })
  year(@Param('year') year: string) {
    return mapped(() => this.calendar.year(year));
  }

  @Put('years/:year')
  @Roles('ADMINISTRATOR')
  @ApiOperation({
    summary:
      'Load a year’s State Council arrangement (ADMINISTRATOR). Supersedes any earlier load of the year; validated ' +
      '(dates inside the year, no date both holiday and make-up day, …), 422 with every issue and nothing changed. ' +
      'Loading the same arrangement again changes nothing (changed: false).',
  })
  @ApiBody({ type: LoadYearArrangementDto })
  @ApiOkResponse({ type: ChangeResultDto })
  @ApiResponse({ status: 403, description: 'Not an administrator' })
  @ApiResponse({
    status: 422,
    description: 'Invalid arrangement: error.details lists every issue with its field',
  })
  loadYear(@Param('year') year: string, @UntrustedBody() body: unknown, @CurrentActor() actor: Actor) {
    return mapped(() => this.calendar.loadYear(year, body, actorOf(actor)));
  }

  @Post('entries')
  @HttpCode(HttpStatus.OK)
  @Roles('ADMINISTRATOR')
  @ApiOperation({
    summary:
      'Record one bureau day (ADMINISTRATOR): a local closure (e.g. a typhoon day), an extra holiday or working day. ' +
      'Replaces any earlier entry for the date; does not extend coverage.',
  })
  @ApiBody({ type: RecordEntryDto })
  @ApiOkResponse({ type: ChangeResultDto })
  @ApiResponse({ status: 403, description: 'Not an administrator' })
  @ApiResponse({ status: 422, description: 'Invalid entry' })
  recordEntry(@UntrustedBody() body: unknown, @CurrentActor() actor: Actor) {
    return mapped(() => this.calendar.recordEntry(body, actorOf(actor)));
  }

  @Post('entries/:date/withdrawal')
  @HttpCode(HttpStatus.OK)
  @Roles('ADMINISTRATOR')
  @ApiOperation({
    summary:
      'Withdraw the bureau entry of a date (ADMINISTRATOR), e.g. a closure recorded by mistake; kept in the history.',
  })
  @ApiBody({ type: WithdrawEntryDto })
  @ApiOkResponse({ type: ChangeResultDto })
  @ApiResponse({ status: 403, description: 'Not an administrator' })
  @ApiResponse({ status: 422, description: 'Invalid date, no entry on that date, or no reason' })
  withdrawEntry(@Param('date') date: string, @UntrustedBody() body: unknown, @CurrentActor() actor: Actor) {
    return mapped(() => this.calendar.withdrawEntry(date, body, actorOf(actor)));
  }

  @Get('coverage')
  @ApiOperation({
    summary:
      'Which dates the calendar knows (any staff); deadlines past authoritativeThrough are provisional.',
  })
  @ApiOkResponse({ type: CoverageViewDto })
  coverage() {
    return this.calendar.coverage();
  }

  @Get('deadline')
  @ApiOperation({
    summary: 'Preview a due date on the calendar in force (any staff), with provisional flag and reason.',
  })
  @ApiQuery({
    name: 'trigger',
    example: '2026-12-24',
    description: 'The triggering day (Asia/Shanghai); it never counts',
  })
  @ApiQuery({ name: 'unit', enum: ['workingDays', 'calendarDays', 'months'] })
  @ApiQuery({
    name: 'count',
    example: 10,
    description: 'Integer; negative only for workingDays (counting back)',
  })
  @ApiQuery({
    name: 'extendOverHoliday',
    required: false,
    enum: ['true', 'false'],
    description: 'Civil Code Art. 203; default true',
  })
  @ApiOkResponse({ type: DeadlinePreviewDto })
  @ApiResponse({ status: 422, description: 'Invalid query: error.details lists every issue' })
  deadline(
    @Query('trigger') trigger?: string,
    @Query('unit') unit?: string,
    @Query('count') count?: string,
    @Query('extendOverHoliday') extendOverHoliday?: string,
  ) {
    return mapped(() => this.calendar.previewDeadline({ trigger, unit, count, extendOverHoliday }));
  }
}
