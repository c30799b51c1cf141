import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased, so uniqueness is case-insensitive. */
  @Index('UQ_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 100 })
  displayName: string;

  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'varchar', length: 2 })
  language: string;

  /** Languages the person speaks (ISO 639-1), beyond the interface language; shown to helpers. */
  @Column({ type: 'varchar', array: true, length: 2, default: '{}' })
  spokenLanguages: string[];
  /**
   * Bumped when every session must end (a password reset): each access token carries the
   * version it was issued under (`sv`), and one of an older version is refused.
   */
  @Column({ type: 'integer', default: 0 })
  sessionVersion: number;

  /**
   * The secret part of the caller's private calendar-feed address (created on first use,
   * replaced on rotation); the feed is found by it.
   */
  @Index('UQ_users_calendar_token', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  calendarToken: string | null;

  /** Set when the account was deleted and its personal data erased. */
  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
