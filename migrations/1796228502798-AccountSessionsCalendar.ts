import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountSessionsCalendar1796228502798 implements MigrationInterface {
  name = 'AccountSessionsCalendar1796228502798';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "password_resets" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "token_hash" character(64) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_4816377aa98211c1de34469e742" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_password_resets_token_hash" ON "password_resets" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_password_resets_user" ON "password_resets" ("user_id", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "session_version" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "calendar_token" character varying(64)
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_users_calendar_token" ON "users" ("calendar_token")
        `);
    await queryRunner.query(`
            ALTER TABLE "password_resets"
            ADD CONSTRAINT "FK_f7a4c3bc48f24df007936d217be" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "password_resets" DROP CONSTRAINT "FK_f7a4c3bc48f24df007936d217be"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_users_calendar_token"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "calendar_token"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "session_version"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_password_resets_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_password_resets_token_hash"
        `);
    await queryRunner.query(`
            DROP TABLE "password_resets"
        `);
  }
}
