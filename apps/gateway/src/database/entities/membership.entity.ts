import { CommunityRole, MembershipStatus } from '@p2p/moderation';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('memberships')
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'community_id', type: 'uuid' }) communityId: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ type: 'text' }) role: CommunityRole;
  @Column({ type: 'text' }) status: MembershipStatus;
  @Column({ name: 'is_top3' }) isTop3: boolean;
  @Column({ name: 'suspended_until', type: 'timestamptz', nullable: true }) suspendedUntil: Date | null;
  @Column({ name: 'joined_at', type: 'timestamptz' }) joinedAt: Date;
}
