import { Foundation1763900000000 } from './1763900000000-Foundation';
import { Posts1763910000000 } from './1763910000000-Posts';
import { Moderation1763920000000 } from './1763920000000-Moderation';
import { Attendance1763930000000 } from './1763930000000-Attendance';
import { StaffAccess1763940000000 } from './1763940000000-StaffAccess';
import { Elections1763950000000 } from './1763950000000-Elections';
import { Chat1763960000000 } from './1763960000000-Chat';
import { PageIndex1763970000000 } from './1763970000000-PageIndex';
import { CheckIns1765100000000 } from './1765100000000-CheckIns';
import { PostMeaning1765200000000 } from './1765200000000-PostMeaning';
import { Notifications1765300000000 } from './1765300000000-Notifications';
import { Escalation1765400000000 } from './1765400000000-Escalation';
import { CrisisPlans1765500000000 } from './1765500000000-CrisisPlans';
import { WebPush1765600000000 } from './1765600000000-WebPush';
import { WaitingForReply1765700000000 } from './1765700000000-WaitingForReply';
import { Top3Messages1765800000000 } from './1765800000000-Top3Messages';
import { PostReactions1765900000000 } from './1765900000000-PostReactions';
import { ThreadReads1765910000000 } from './1765910000000-ThreadReads';
import { ForTheTop31765920000000 } from './1765920000000-ForTheTop3';
import { OperatorActions1766000000000 } from './1766000000000-OperatorActions';
import { Drafts1766100000000 } from './1766100000000-Drafts';
import { HardDays1766200000000 } from './1766200000000-HardDays';
import { LogWords1766300000000 } from './1766300000000-LogWords';
import { Erasure1766400000000 } from './1766400000000-Erasure';

/** Every migration, in order. Listed by hand so a build can never pick up a stray file. */
export const migrations = [
  Foundation1763900000000,
  Posts1763910000000,
  Moderation1763920000000,
  Attendance1763930000000,
  StaffAccess1763940000000,
  Elections1763950000000,
  Chat1763960000000,
  PageIndex1763970000000,
  CheckIns1765100000000,
  PostMeaning1765200000000,
  Notifications1765300000000,
  Escalation1765400000000,
  CrisisPlans1765500000000,
  WebPush1765600000000,
  WaitingForReply1765700000000,
  Top3Messages1765800000000,
  PostReactions1765900000000,
  ThreadReads1765910000000,
  ForTheTop31765920000000,
  OperatorActions1766000000000,
  Drafts1766100000000,
  HardDays1766200000000,
  LogWords1766300000000,
  Erasure1766400000000,
];
