import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { queryAccessLog } from '../../../../libs/persistence/src';
import { Roles } from '../auth/auth.guard';
import {
  invalid,
  optionalInstant,
  optionalInt,
  optionalText,
  type Query,
} from '../supervision/supervision.service';
import { AccessLogWriter } from './access-log.writer';

/** 查阅记录: who read whose personal data. Supervisors and auditors only; never in a public notice. */
@ApiTags('access-log')
@ApiBearerAuth()
@Controller('access-log')
@Roles('SUPERVISOR', 'AUDITOR')
export class AccessLogController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: AccessLogWriter,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      '查阅记录 Reads of cases’ personal data, newest first, by person (staffId), case (caseId) and time [from, to); cursor pages.',
  })
  @ApiQuery({ name: 'staffId', required: false })
  @ApiQuery({ name: 'caseId', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'ISO instant with offset, or a date (Shanghai)' })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1–500, default 100' })
  async list(@QueryParams() query: Query) {
    const from = optionalInstant(query, 'from');
    const to = optionalInstant(query, 'to');
    if (from && to && from >= to) {
      throw invalid('to', 'to 必须晚于 from。', 'to must be later than from.');
    }
    const filters = {
      staffId: optionalText(query, 'staffId'),
      caseId: optionalText(query, 'caseId'),
      from,
      to,
      limit: optionalInt(query, 'limit', 1, 500) ?? 100,
      cursor: optionalText(query, 'cursor') ?? null,
    };
    await this.writer.flush();
    return queryAccessLog(this.dataSource.manager, filters); // a bad cursor: 422 INVALID_CURSOR (error filter)
  }
}
