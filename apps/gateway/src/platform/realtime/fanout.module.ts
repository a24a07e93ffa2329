import { Global, Module } from '@nestjs/common';
import { FanoutService } from './fanout.service';

/** The one way to reach sockets, for every module (the gateway hands it the server at start). */
@Global()
@Module({ providers: [FanoutService], exports: [FanoutService] })
export class FanoutModule {}
