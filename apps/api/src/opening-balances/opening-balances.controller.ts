import { Body, Controller, Get, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import {
  OpeningBalanceConflictError,
  enterOpeningBalance,
  listOpeningBalances,
} from '../../../../libs/persistence/src';
import { RulesError, parseOpeningBalanceInput } from '../../../../libs/rules/src';
import { openingBalanceEntry } from './opening-balance-entry';
import { CurrentActor, Roles } from '../auth/auth.guard';
import type { Actor } from '../auth/jwt';
import { ApiError } from '../errors/api-error';

/**
 * Aid granted before the system (Arts. 9, 10, 9(3)): the opening balances that year-to-date figures start
 * from. Administrators enter them with the document they come from; an entry is never edited, only
 * superseded by a correction that names it. Reviewers and supervisors may read them.
 */
@ApiTags('opening balances')
@ApiBearerAuth()
@Controller('opening-balances')
export class OpeningBalancesController {
  constructor(private readonly dataSource: DataSource) {}

  @Post()
  @Roles('ADMINISTRATOR')
  @ApiOperation({
    summary:
      'Enter an opening balance for a person and aid year (first entry), or a correction naming the entry it supersedes.',
  })
  async enter(@CurrentActor() actor: Actor, @Body() body: unknown) {
    const input = parse(body);
    try {
      return await enterOpeningBalance(
        this.dataSource,
        openingBalanceEntry(input, actor.id, actor.name ?? null),
      );
    } catch (err) {
      if (!(err instanceof OpeningBalanceConflictError)) throw err;
      throw new ApiError(
        HttpStatus.CONFLICT,
        'OPENING_BALANCE_NOT_CURRENT',
        err.current
          ? `该人员该年度已有期初余额（编号 ${err.current}）；如需更正，请在 supersedes 中填写 ${err.current}。`
          : '该人员该年度尚无期初余额，首次录入时不要填写 supersedes。',
        err.current
          ? `This person and year already have an opening balance (id ${err.current}); to correct it, send supersedes: "${err.current}".`
          : 'There is no opening balance for this person and year yet; leave supersedes out of the first entry.',
        'supersedes',
      );
    }
  }

  @Get()
  @Roles('ADMINISTRATOR', 'DISTRICT_REVIEWER', 'DISTRICT_LEADER', 'SUPERVISOR')
  @ApiOperation({ summary: 'Opening balances (with their corrections) by person and/or aid year.' })
  list(@Query('personRef') personRef?: string, @Query('aidYear') aidYear?: string) {
    const year = aidYear === undefined || aidYear === '' ? undefined : Number(aidYear);
    if (year !== undefined && (!Number.isInteger(year) || year < 1990 || year > 2100)) {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'INVALID_FILTER',
        'aidYear 须为 1990–2100 的年份。',
        'aidYear must be a year from 1990 to 2100.',
        'aidYear',
      );
    }
    return listOpeningBalances(this.dataSource.manager, { personRef: personRef || undefined, aidYear: year });
  }
}

function parse(body: unknown) {
  try {
    return parseOpeningBalanceInput(body);
  } catch (err) {
    if (err instanceof RulesError) {
      throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, err.code, err.messageZh, err.messageEn, err.field);
    }
    throw err;
  }
}
