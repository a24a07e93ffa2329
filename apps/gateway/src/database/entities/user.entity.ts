import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() username: string;
  @Column({ name: 'display_name' }) displayName: string;
  @Column({ name: 'password_hash', select: false }) passwordHash: string;
  @Column({ name: 'is_operator' }) isOperator: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
