import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccessLogController } from './access-log.controller';
import { AccessLogInterceptor } from './access-log.interceptor';
import { AccessLogWriter } from './access-log.writer';

/** The access log: the @LogsCaseRead() interceptor for every module, its batched writer, its query. */
@Global()
@Module({
  controllers: [AccessLogController],
  providers: [AccessLogWriter, { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor }],
  exports: [AccessLogWriter],
})
export class AccessLogModule {}
