import { BoardKind } from '@p2p/moderation';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity('boards')
export class BoardEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'community_id', type: 'uuid' }) communityId: string;
  @Column({ type: 'text' }) kind: BoardKind;
  @Column() slug: string;
  @Column() name: string;
  @Column() description: string;
  @Column({ name: 'top3_only' }) top3Only: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('board_participants')
export class BoardParticipantEntity {
  @PrimaryColumn({ name: 'board_id', type: 'uuid' }) boardId: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
}

@Entity('info_pages')
export class InfoPageEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'board_id', type: 'uuid' }) boardId: string;
  @Column() slug: string;
  @Column() title: string;
  @Column() body: string;
  @Column() position: number;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy: string | null;
}
