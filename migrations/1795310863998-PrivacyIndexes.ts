import { MigrationInterface, QueryRunner } from 'typeorm';

export class PrivacyIndexes1795310863998 implements MigrationInterface {
  name = 'PrivacyIndexes1795310863998';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "IDX_help_request_comments_author" ON "help_request_comments" ("author_id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."IDX_help_request_comments_author"
        `);
  }
}
