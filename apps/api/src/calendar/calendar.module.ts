import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarStore } from '../../../../libs/persistence/src';
import { CalendarChangeNotifier } from './calendar-change.notifier';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';

/** Calendar administration (issue 4): list a year, load a year, record closures, coverage, deadline preview. */
@Module({
  controllers: [CalendarController],
  providers: [
    CalendarService,
    CalendarChangeNotifier,
    {
      provide: CalendarStore,
      useFactory: (dataSource: DataSource) => new CalendarStore(dataSource),
      inject: [DataSource],
    },
  ],
  exports: [CalendarStore, CalendarChangeNotifier],
})
export class CalendarModule {}
