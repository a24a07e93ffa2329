import { BoardEntity, BoardParticipantEntity, InfoPageEntity } from './board.entity';
import { CommunityEntity } from './community.entity';
import { MembershipEntity } from './membership.entity';
import { SessionEntity } from './session.entity';
import { UserEntity } from './user.entity';

export {
  BoardEntity,
  BoardParticipantEntity,
  InfoPageEntity,
  CommunityEntity,
  MembershipEntity,
  SessionEntity,
  UserEntity,
};

export const entities = [
  UserEntity,
  SessionEntity,
  CommunityEntity,
  MembershipEntity,
  BoardEntity,
  BoardParticipantEntity,
  InfoPageEntity,
];
