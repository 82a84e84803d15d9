/**
 * OpenAPI shapes of the calendar endpoints. They document the wire format only: request bodies are untrusted
 * and validated by libs/calendar's validators in the store (one set of rules, every issue with its field),
 * not by decorators here.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ArrangementEntryDto {
  @ApiProperty({ example: '2027-02-06', description: 'YYYY-MM-DD, inside the year' })
  date!: string;

  @ApiProperty({
    enum: ['holiday', 'workday'],
    description: 'holiday = 放假; workday = 调休上班 (a Saturday or Sunday)',
  })
  kind!: 'holiday' | 'workday';

  @ApiProperty({ example: '春节' })
  name!: string;
}

export class LoadYearArrangementDto {
  @ApiProperty({
    example: '国务院办公厅关于2027年部分节假日安排的通知',
    description: 'Why; kept in the history',
  })
  reason!: string;

  @ApiPropertyOptional({ example: '国办发明电〔2026〕X号', description: 'The document transcribed' })
  reference?: string;

  @ApiProperty({
    type: [ArrangementEntryDto],
    description: 'The whole year: every day off and every make-up day',
  })
  entries!: ArrangementEntryDto[];
}

export class RecordEntryDto {
  @ApiProperty({ example: '2026-07-15' })
  date!: string;

  @ApiProperty({
    enum: ['holiday', 'workday', 'closure'],
    description:
      'closure = 停止办公 (e.g. a typhoon day ordered by the district); holiday / workday as in an arrangement',
  })
  kind!: 'holiday' | 'workday' | 'closure';

  @ApiProperty({ example: '台风停止办公' })
  name!: string;

  @ApiProperty({ example: '区政府通知：台风期间全区停止办公' })
  reason!: string;

  @ApiPropertyOptional({ example: '新府办〔2026〕X号' })
  reference?: string;
}

export class WithdrawEntryDto {
  @ApiProperty({ example: '台风改道，照常办公' })
  reason!: string;

  @ApiPropertyOptional()
  reference?: string;
}

export class ActorDto {
  @ApiProperty() id!: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() role?: string;
  @ApiPropertyOptional() town?: string;
}

export class CalendarChangeDto {
  @ApiProperty({
    example: '12',
    description: 'Store-wide order; a later change supersedes an earlier one for its year/date',
  })
  id!: string;

  @ApiProperty({ enum: ['YEAR_ARRANGEMENT', 'ENTRY', 'ENTRY_WITHDRAWAL'] })
  kind!: string;

  @ApiProperty({ example: 2027 })
  year!: number;

  @ApiProperty({ type: [Object], description: '[{date, kind, name}] ([{date}] for a withdrawal)' })
  entries!: object[];

  @ApiPropertyOptional() reference?: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiProperty({ example: '2026-11-20T02:00:00.000Z' }) createdAt!: string;
}

export class CalendarChangeRecordDto extends CalendarChangeDto {
  @ApiProperty({ description: 'False once a later change replaced it' }) current!: boolean;
  @ApiPropertyOptional({ description: 'The change that replaced it' }) supersededBy?: string;
}

export class CoveredYearDto {
  @ApiProperty() year!: number;
  @ApiProperty({ enum: ['official', 'bureau'] }) source!: string;
  @ApiPropertyOptional() reference?: string;
}

export class CoverageDto {
  @ApiProperty({ example: '2004-01-01' }) authoritativeFrom!: string;
  @ApiProperty({ example: '2026-12-31', description: 'Deadlines counting past this day are provisional' })
  authoritativeThrough!: string;
  @ApiProperty({ example: '2026-12-31' }) officialThrough!: string;
  @ApiProperty({ example: 'chinese-days@1.5.7' }) officialSource!: string;
  @ApiProperty({ type: [CoveredYearDto] }) years!: CoveredYearDto[];
}

export class CoverageViewDto extends CoverageDto {
  @ApiProperty({ example: '2026-11-20', description: "Today's date in Asia/Shanghai" }) today!: string;
  @ApiProperty({ description: "Whether next year's arrangement is known (official or loaded)" })
  nextYearKnown!: boolean;
}

export class DayInfoDto {
  @ApiProperty({ example: '2027-02-08' }) date!: string;
  @ApiProperty({ example: 1, description: '1 = Monday … 7 = Sunday' }) weekday!: number;
  @ApiProperty() working!: boolean;
  @ApiProperty({ enum: ['workday', 'weekend', 'holiday', 'makeup-workday', 'closure'] }) status!: string;
  @ApiPropertyOptional({ example: '春节' }) name?: string;
  @ApiProperty({ enum: ['official', 'bureau', 'weekday-rule'] }) source!: string;
  @ApiProperty({
    description: "False when the year's arrangement is unknown: the status is a weekday-rule guess",
  })
  authoritative!: boolean;
}

export class YearViewDto {
  @ApiProperty({ example: 2027 }) year!: number;
  @ApiProperty({ description: 'Whether the year is known (official data or a bureau arrangement)' })
  authoritative!: boolean;
  @ApiPropertyOptional({ enum: ['official', 'bureau'] }) source?: string;
  @ApiPropertyOptional() reference?: string;
  @ApiProperty({ type: [DayInfoDto] }) days!: DayInfoDto[];
  @ApiProperty({ type: [CalendarChangeRecordDto], description: "The year's change history, oldest first" })
  changes!: CalendarChangeRecordDto[];
  @ApiProperty({ type: CoverageDto }) coverage!: CoverageDto;
}

export class ChangeResultDto {
  @ApiProperty({ example: '12' }) changeId!: string;
  @ApiProperty({ description: 'False when the same data was already in force: nothing was written' })
  changed!: boolean;
  @ApiProperty({ type: CalendarChangeDto }) change!: CalendarChangeDto;
  @ApiProperty({ type: CoverageDto }) coverage!: CoverageDto;
}

export class DeadlinePreviewDto {
  @ApiProperty({ example: '2026-12-24' }) trigger!: string;
  @ApiProperty({ example: { unit: 'working-days', n: 10 } }) basis!: object;
  @ApiProperty({ example: '2027-01-08' }) dueDate!: string;
  @ApiProperty({ example: '2027-01-08T23:59:59.999+08:00' }) dueAt!: string;
  @ApiPropertyOptional({
    description: 'The literal last day when Civil Code Art. 203 moved it off a rest day',
  })
  unextendedDueDate?: string;
  @ApiProperty({ description: 'True when the counting reached a day of a year not yet loaded' })
  provisional!: boolean;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional() reasonZh?: string;
  @ApiPropertyOptional() uncoveredFrom?: string;
  @ApiProperty({ example: '2026-12-31' }) authoritativeThrough!: string;
}
