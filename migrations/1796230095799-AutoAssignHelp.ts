import { MigrationInterface, QueryRunner } from 'typeorm';

export class AutoAssignHelp1796230095799 implements MigrationInterface {
  name = 'AutoAssignHelp1796230095799';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "fan_groups"
            ADD "auto_assign_help" boolean NOT NULL DEFAULT false
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "fan_groups" DROP COLUMN "auto_assign_help"
        `);
  }
}
