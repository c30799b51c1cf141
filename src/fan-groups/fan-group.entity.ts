import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Translations } from '../common/translations.js';

/** The texts of a group that organizers may translate. */
export const GROUP_TEXT_FIELDS = ['name', 'description'] as const;
export type GroupTextField = (typeof GROUP_TEXT_FIELDS)[number];

@Entity('fan_groups')
export class FanGroupEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Index('UQ_fan_groups_slug', { unique: true })
  @Column({ type: 'varchar', length: 80 })
  slug: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** The name and description in other languages (see common/translations.ts). */
  @Column({ type: 'jsonb', default: {} })
  translations: Translations<GroupTextField>;

  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  city: string | null;

  @Column({ type: 'varchar', array: true, length: 2, default: '{}' })
  languages: string[];

  /**
   * A new help request goes at once to the first suggested assignee (a volunteer or organizer
   * speaking one of the requester's languages, fewest open requests first).
   */
  @Column({ type: 'boolean', default: false })
  autoAssignHelp: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
