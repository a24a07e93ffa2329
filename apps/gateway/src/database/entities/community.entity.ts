import { CrisisContact } from '@p2p/moderation';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('communities')
export class CommunityEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() slug: string;
  @Column() name: string;
  @Column({ name: 'posting_delay_seconds' }) postingDelaySeconds: number;
  @Column({ name: 'chat_delay_seconds' }) chatDelaySeconds: number;
  @Column({ name: 'flag_threshold' }) flagThreshold: number;
  @Column({ name: 'suspension_after_no_contact' }) suspensionAfterNoContact: number;
  @Column({ name: 'suspension_months' }) suspensionMonths: number;
  @Column({ name: 'crisis_contacts', type: 'jsonb' }) crisisContacts: CrisisContact[];
  @Column({ name: 'outreach_contact' }) outreachContact: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
