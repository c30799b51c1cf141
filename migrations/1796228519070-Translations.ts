import { MigrationInterface, QueryRunner } from 'typeorm';

export class Translations1796228519070 implements MigrationInterface {
  name = 'Translations1796228519070';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "fan_groups"
            ADD "translations" jsonb NOT NULL DEFAULT '{}'
        `);
    await queryRunner.query(`
            ALTER TABLE "events"
            ADD "translations" jsonb NOT NULL DEFAULT '{}'
        `);
    await queryRunner.query(`
            ALTER TABLE "volunteer_tasks"
            ADD "translations" jsonb NOT NULL DEFAULT '{}'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "volunteer_tasks" DROP COLUMN "translations"
        `);
    await queryRunner.query(`
            ALTER TABLE "events" DROP COLUMN "translations"
        `);
    await queryRunner.query(`
            ALTER TABLE "fan_groups" DROP COLUMN "translations"
        `);
  }
}
