import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeys1795309026204 implements MigrationInterface {
  name = 'IdempotencyKeys1795309026204';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."idempotency_state" AS ENUM('in_progress', 'done')
        `);
    await queryRunner.query(`
            CREATE TABLE "idempotency_keys" (
                "user_id" uuid NOT NULL,
                "key" character varying(200) NOT NULL,
                "fingerprint" character(64) NOT NULL,
                "state" "public"."idempotency_state" NOT NULL DEFAULT 'in_progress',
                "response_status" integer,
                "response_body" jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_392b1af86f210d98d3f0c764728" PRIMARY KEY ("user_id", "key")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_idempotency_keys_expires_at" ON "idempotency_keys" ("expires_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "idempotency_keys"
            ADD CONSTRAINT "FK_4d2181624ba2d61e76a07175198" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "idempotency_keys" DROP CONSTRAINT "FK_4d2181624ba2d61e76a07175198"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_idempotency_keys_expires_at"
        `);
    await queryRunner.query(`
            DROP TABLE "idempotency_keys"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."idempotency_state"
        `);
  }
}
