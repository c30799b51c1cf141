import { MigrationInterface, QueryRunner } from 'typeorm';

// The organizer's registration search ignores accents ("Zhanar" finds "Zhanár"): unaccent ships
// with PostgreSQL's contrib modules (Debian's postgresql, the official Docker image).
export class SearchUnaccent1796237100000 implements MigrationInterface {
  name = 'SearchUnaccent1796237100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP EXTENSION IF EXISTS unaccent`);
  }
}
