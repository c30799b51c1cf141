import { MigrationInterface, QueryRunner } from 'typeorm';

export class HelpRequests1795309896552 implements MigrationInterface {
  name = 'HelpRequests1795309896552';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."help_request_type" AS ENUM('ticket', 'accommodation')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."help_request_status" AS ENUM(
                'open',
                'in_progress',
                'resolved',
                'declined',
                'cancelled'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "help_requests" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "group_id" uuid NOT NULL,
                "requester_id" uuid NOT NULL,
                "event_id" uuid,
                "type" "public"."help_request_type" NOT NULL,
                "message" character varying(4000) NOT NULL,
                "ticket_quantity" integer,
                "max_budget" numeric(12, 2),
                "check_in" date,
                "check_out" date,
                "guests" integer,
                "max_budget_per_night" numeric(12, 2),
                "currency" character(3),
                "status" "public"."help_request_status" NOT NULL DEFAULT 'open',
                "assignee_id" uuid,
                "details_erased_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_help_requests_budget" CHECK (
                    (
                        "max_budget" IS NULL
                        OR "max_budget" >= 0
                    )
                    AND (
                        "max_budget_per_night" IS NULL
                        OR "max_budget_per_night" >= 0
                    )
                ),
                CONSTRAINT "CHK_help_requests_accommodation" CHECK (
                    "details_erased_at" IS NOT NULL
                    OR "type" <> 'accommodation'
                    OR (
                        "check_in" IS NOT NULL
                        AND "check_out" IS NOT NULL
                        AND "guests" IS NOT NULL
                        AND "check_out" > "check_in"
                        AND "guests" >= 1
                        AND "ticket_quantity" IS NULL
                        AND "max_budget" IS NULL
                    )
                ),
                CONSTRAINT "CHK_help_requests_ticket" CHECK (
                    "details_erased_at" IS NOT NULL
                    OR "type" <> 'ticket'
                    OR (
                        "ticket_quantity" IS NOT NULL
                        AND "ticket_quantity" BETWEEN 1 AND 100
                        AND "check_in" IS NULL
                        AND "check_out" IS NULL
                        AND "guests" IS NULL
                        AND "max_budget_per_night" IS NULL
                    )
                ),
                CONSTRAINT "PK_2990700cfcb0ce6fbdd7b3d532f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_help_requests_event" ON "help_requests" ("event_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_help_requests_assignee" ON "help_requests" ("assignee_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_help_requests_requester_created" ON "help_requests" ("requester_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_help_requests_group_assignee" ON "help_requests" ("group_id", "assignee_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_help_requests_group_status_created" ON "help_requests" ("group_id", "status", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "help_request_comments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "request_id" uuid NOT NULL,
                "author_id" uuid,
                "body" character varying(4000) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
                CONSTRAINT "PK_fd0534edce0ef001a4d9e7c609c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_help_request_comments_request_created" ON "help_request_comments" ("request_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."help_history_action" AS ENUM('created', 'status', 'assigned', 'unassigned')
        `);
    await queryRunner.query(`
            CREATE TABLE "help_request_history" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "request_id" uuid NOT NULL,
                "actor_id" uuid,
                "action" "public"."help_history_action" NOT NULL,
                "from_status" character varying(20),
                "to_status" character varying(20),
                "assignee_id" uuid,
                "previous_assignee_id" uuid,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
                CONSTRAINT "PK_c53a49b1eda44fd0d2ef0d6f660" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_help_request_history_request_at" ON "help_request_history" ("request_id", "at")
        `);
    await queryRunner.query(`
            ALTER TABLE "help_requests"
            ADD CONSTRAINT "FK_b14328cdd7a3fd1654747f3d39f" FOREIGN KEY ("group_id") REFERENCES "fan_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "help_requests"
            ADD CONSTRAINT "FK_e639cb0ebdcb53b1c83f1025c38" FOREIGN KEY ("requester_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "help_requests"
            ADD CONSTRAINT "FK_cf050d92e8b71f555582506b0f6" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "help_requests"
            ADD CONSTRAINT "FK_e9d867ca285a3d654a0558aed5c" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "help_request_comments"
            ADD CONSTRAINT "FK_1c5424c0b56161632a3530f8b98" FOREIGN KEY ("request_id") REFERENCES "help_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "help_request_comments"
            ADD CONSTRAINT "FK_143ad0d74f156b9931e8e74b0df" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "help_request_history"
            ADD CONSTRAINT "FK_181513239d0ba5c846fe2c2abb3" FOREIGN KEY ("request_id") REFERENCES "help_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "help_request_history"
            ADD CONSTRAINT "FK_0ec3fb71a226d65f585f311a459" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "help_request_history"
            ADD CONSTRAINT "FK_397558237529ebdf706486c40c5" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "help_request_history"
            ADD CONSTRAINT "FK_fe09c53aa4464071831e987398a" FOREIGN KEY ("previous_assignee_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "help_request_history" DROP CONSTRAINT "FK_fe09c53aa4464071831e987398a"
        `);
    await queryRunner.query(`
            ALTER TABLE "help_request_history" DROP CONSTRAINT "FK_397558237529ebdf706486c40c5"
        `);
    await queryRunner.query(`
            ALTER TABLE "help_request_history" DROP CONSTRAINT "FK_0ec3fb71a226d65f585f311a459"
        `);
    await queryRunner.query(`
            ALTER TABLE "help_request_history" DROP CONSTRAINT "FK_181513239d0ba5c846fe2c2abb3"
        `);
    await queryRunner.query(`
            ALTER TABLE "help_request_comments" DROP CONSTRAINT "FK_143ad0d74f156b9931e8e74b0df"
        `);
    await queryRunner.query(`
            ALTER TABLE "help_request_comments" DROP CONSTRAINT "FK_1c5424c0b56161632a3530f8b98"
        `);
    await queryRunner.query(`
            ALTER TABLE "help_requests" DROP CONSTRAINT "FK_e9d867ca285a3d654a0558aed5c"
        `);
    await queryRunner.query(`
            ALTER TABLE "help_requests" DROP CONSTRAINT "FK_cf050d92e8b71f555582506b0f6"
        `);
    await queryRunner.query(`
            ALTER TABLE "help_requests" DROP CONSTRAINT "FK_e639cb0ebdcb53b1c83f1025c38"
        `);
    await queryRunner.query(`
            ALTER TABLE "help_requests" DROP CONSTRAINT "FK_b14328cdd7a3fd1654747f3d39f"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_help_request_history_request_at"
        `);
    await queryRunner.query(`
            DROP TABLE "help_request_history"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."help_history_action"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_help_request_comments_request_created"
        `);
    await queryRunner.query(`
            DROP TABLE "help_request_comments"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_help_requests_group_status_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_help_requests_group_assignee"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_help_requests_requester_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_help_requests_assignee"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_help_requests_event"
        `);
    await queryRunner.query(`
            DROP TABLE "help_requests"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."help_request_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."help_request_type"
        `);
  }
}
