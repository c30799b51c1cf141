import { MigrationInterface, QueryRunner } from 'typeorm';

export class SpokenLanguages1796228430684 implements MigrationInterface {
  name = 'SpokenLanguages1796228430684';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "spoken_languages" character varying(2) array NOT NULL DEFAULT '{}'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "spoken_languages"
        `);
  }
}
