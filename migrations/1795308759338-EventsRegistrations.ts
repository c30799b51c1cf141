import { MigrationInterface, QueryRunner } from 'typeorm';

export class EventsRegistrations1795308759338 implements MigrationInterface {
  name = 'EventsRegistrations1795308759338';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."event_status" AS ENUM('draft', 'published', 'cancelled')
        `);
    await queryRunner.query(`
            CREATE TABLE "events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "group_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "description" text,
                "venue" character varying(200),
                "city" character varying(100),
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE,
                "timezone" character varying(64) NOT NULL,
                "capacity" integer NOT NULL,
                "confirmed_count" integer NOT NULL DEFAULT '0',
                "waitlist_enabled" boolean NOT NULL DEFAULT true,
                "registration_closes_at" TIMESTAMP WITH TIME ZONE,
                "status" "public"."event_status" NOT NULL DEFAULT 'draft',
                "published_at" TIMESTAMP WITH TIME ZONE,
                "cancelled_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_events_times" CHECK (
                    "ends_at" IS NULL
                    OR "ends_at" > "starts_at"
                ),
                CONSTRAINT "CHK_events_capacity" CHECK (
                    "capacity" >= 1
                    AND "confirmed_count" >= 0
                    AND "confirmed_count" <= "capacity"
                ),
                CONSTRAINT "PK_40731c7151fe4be3116e45ddf73" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_events_group" ON "events" ("group_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_events_status_starts_at" ON "events" ("status", "starts_at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."registration_status" AS ENUM('confirmed', 'waitlisted', 'cancelled')
        `);
    await queryRunner.query(`
            CREATE TABLE "registrations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "status" "public"."registration_status" NOT NULL,
                "language" character varying(2),
                "arrival_date" date,
                "note" character varying(1000),
                "check_in_code" character varying(64) NOT NULL,
                "checked_in_at" TIMESTAMP WITH TIME ZONE,
                "confirmed_at" TIMESTAMP WITH TIME ZONE,
                "cancelled_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6013e724d7b22929da9cd7282d1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_registrations_check_in_code" ON "registrations" ("check_in_code")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_registrations_user" ON "registrations" ("user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_registrations_event_status_created" ON "registrations" ("event_id", "status", "created_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_registrations_active" ON "registrations" ("event_id", "user_id")
            WHERE "status" IN ('confirmed', 'waitlisted')
        `);
    await queryRunner.query(`
            ALTER TABLE "events"
            ADD CONSTRAINT "FK_a85d92ff2a2197092445c47c163" FOREIGN KEY ("group_id") REFERENCES "fan_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "registrations"
            ADD CONSTRAINT "FK_c082d66f7080c743a96c1e91807" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "registrations"
            ADD CONSTRAINT "FK_6aacc9b213fd8c881af6c738ecf" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "registrations" DROP CONSTRAINT "FK_6aacc9b213fd8c881af6c738ecf"
        `);
    await queryRunner.query(`
            ALTER TABLE "registrations" DROP CONSTRAINT "FK_c082d66f7080c743a96c1e91807"
        `);
    await queryRunner.query(`
            ALTER TABLE "events" DROP CONSTRAINT "FK_a85d92ff2a2197092445c47c163"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_registrations_active"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_registrations_event_status_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_registrations_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_registrations_check_in_code"
        `);
    await queryRunner.query(`
            DROP TABLE "registrations"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."registration_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_events_status_starts_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_events_group"
        `);
    await queryRunner.query(`
            DROP TABLE "events"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."event_status"
        `);
  }
}
