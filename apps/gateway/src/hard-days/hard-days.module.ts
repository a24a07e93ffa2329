import { Module } from '@nestjs/common';
import { HardDaysController } from './hard-days.controller';
import { HardDaysRepository } from './hard-days.repository';
import { HardDaysService } from './hard-days.service';

/** Each member's controls for hard days: muted words and taking a break. */
@Module({ controllers: [HardDaysController], providers: [HardDaysService, HardDaysRepository] })
export class HardDaysModule {}
