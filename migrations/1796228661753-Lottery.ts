import { MigrationInterface, QueryRunner } from 'typeorm';

export class Lottery1796228661753 implements MigrationInterface {
  name = 'Lottery1796228661753';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "parties" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "leader_registration_id" uuid NOT NULL,
                "code" character varying(16) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_da698299dca60d55f0050dde935" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_parties_leader_registration" ON "parties" ("leader_registration_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_parties_code" ON "parties" ("code")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_parties_event" ON "parties" ("event_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "lottery_draws" (
                "event_id" uuid NOT NULL,
                "algorithm" character varying(64) NOT NULL,
                "seed" character varying(64) NOT NULL,
                "capacity" integer NOT NULL,
                "quotas" jsonb NOT NULL,
                "applications" integer NOT NULL,
                "seated" integer NOT NULL,
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "drawn_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_e39e22d5bc5ce5680981365d218" PRIMARY KEY ("event_id")
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."lottery_draw_outcome" AS ENUM('quota', 'general', 'waitlist')
        `);
    await queryRunner.query(`
            CREATE TABLE "lottery_draw_entries" (
                "event_id" uuid NOT NULL,
                "rank" integer NOT NULL,
                "registration_id" uuid NOT NULL,
                "lot" uuid NOT NULL,
                "country" character varying(2) NOT NULL,
                "outcome" "public"."lottery_draw_outcome" NOT NULL,
                CONSTRAINT "PK_8fd67140986707ea9cb6673a93a" PRIMARY KEY ("event_id", "rank")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_lottery_draw_entries_registration" ON "lottery_draw_entries" ("registration_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."event_allocation" AS ENUM('first_come', 'lottery')
        `);
    await queryRunner.query(`
            ALTER TABLE "events"
            ADD "allocation" "public"."event_allocation" NOT NULL DEFAULT 'first_come'
        `);
    await queryRunner.query(`
            ALTER TABLE "events"
            ADD "applications_close_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "events"
            ADD "quotas" jsonb NOT NULL DEFAULT '[]'
        `);
    await queryRunner.query(`
            ALTER TABLE "events"
            ADD "draw_seed" character varying(64)
        `);
    await queryRunner.query(`
            ALTER TABLE "events"
            ADD "draw_seed_sha256" character varying(64)
        `);
    await queryRunner.query(`
            ALTER TABLE "events"
            ADD "drawn_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "registrations"
            ADD "party_id" uuid
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_registrations_event_status_created"
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."registration_status"
            ADD VALUE 'applied'
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_registrations_event_status_created" ON "registrations" ("event_id", "status", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_registrations_party" ON "registrations" ("party_id")
        `);
    // One active registration or application per fan and event. (TypeORM does not compare
    // partial indexes' predicates, so this one is replaced by hand.) The predicate avoids
    // naming 'applied', which cannot be used in the transaction that adds it.
    await queryRunner.query(`
            DROP INDEX "public"."UQ_registrations_active"
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_registrations_active" ON "registrations" ("event_id", "user_id")
            WHERE "status" <> 'cancelled'
        `);
    // A lottery draw waitlists tens of thousands of rows in one transaction; one counter row
    // updated once per row costs O(n²) there (each update walks the versions of that row made by
    // the same transaction: 10,000 rows took 5.8 s). The draw sets fanevents.bulk_waitlist for
    // its transaction and adds its total itself (RegistrationsService.placeDrawn).
    await queryRunner.query(`
    CREATE OR REPLACE FUNCTION "registrations_count_waitlist"() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
      delta integer;
    BEGIN
      IF TG_OP <> 'DELETE' AND current_setting('fanevents.bulk_waitlist', true) = 'on' THEN
        RETURN NULL;
      END IF;
      IF TG_OP = 'DELETE' THEN
        UPDATE "event_waitlist_counts" SET "waitlisted" = "waitlisted" - 1
        WHERE "event_id" = OLD."event_id" AND "slot" = (
          SELECT min("slot") FROM "event_waitlist_counts" WHERE "event_id" = OLD."event_id");
        RETURN NULL;
      END IF;
      delta := (NEW."status" = 'waitlisted')::int;
      IF TG_OP = 'UPDATE' THEN
        delta := delta - (OLD."status" = 'waitlisted')::int;
      END IF;
      INSERT INTO "event_waitlist_counts" AS c ("event_id", "slot", "waitlisted")
      VALUES (NEW."event_id", pg_backend_pid() % 16, delta)
      ON CONFLICT ("event_id", "slot") DO UPDATE SET "waitlisted" = c."waitlisted" + delta;
      RETURN NULL;
    END
    $$
    `);
    await queryRunner.query(`
            ALTER TABLE "events"
            ADD CONSTRAINT "CHK_events_lottery" CHECK (
                    "allocation" = 'first_come'
                    OR (
                        "applications_close_at" IS NOT NULL
                        AND "draw_seed_sha256" IS NOT NULL
                    )
                    OR "status" = 'draft'
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "parties"
            ADD CONSTRAINT "FK_031a635f4bcd9a89a4d34a0993b" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "parties"
            ADD CONSTRAINT "FK_b0b049fa25d1c6e567d21d8945b" FOREIGN KEY ("leader_registration_id") REFERENCES "registrations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "registrations"
            ADD CONSTRAINT "FK_3ec45f51098d06b1bae4407f0d2" FOREIGN KEY ("party_id") REFERENCES "parties"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lottery_draws"
            ADD CONSTRAINT "FK_e39e22d5bc5ce5680981365d218" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lottery_draw_entries"
            ADD CONSTRAINT "FK_9fc70127fd4a5cd48be5509f067" FOREIGN KEY ("event_id") REFERENCES "lottery_draws"("event_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lottery_draw_entries"
            ADD CONSTRAINT "FK_dd94d88674b4ff5fce79759f477" FOREIGN KEY ("registration_id") REFERENCES "registrations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
    CREATE OR REPLACE FUNCTION "registrations_count_waitlist"() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
      delta integer;
    BEGIN
      IF TG_OP = 'DELETE' THEN
        UPDATE "event_waitlist_counts" SET "waitlisted" = "waitlisted" - 1
        WHERE "event_id" = OLD."event_id" AND "slot" = (
          SELECT min("slot") FROM "event_waitlist_counts" WHERE "event_id" = OLD."event_id");
        RETURN NULL;
      END IF;
      delta := (NEW."status" = 'waitlisted')::int;
      IF TG_OP = 'UPDATE' THEN
        delta := delta - (OLD."status" = 'waitlisted')::int;
      END IF;
      INSERT INTO "event_waitlist_counts" AS c ("event_id", "slot", "waitlisted")
      VALUES (NEW."event_id", pg_backend_pid() % 16, delta)
      ON CONFLICT ("event_id", "slot") DO UPDATE SET "waitlisted" = c."waitlisted" + delta;
      RETURN NULL;
    END
    $$
    `);
    await queryRunner.query(`
            ALTER TABLE "lottery_draw_entries" DROP CONSTRAINT "FK_dd94d88674b4ff5fce79759f477"
        `);
    await queryRunner.query(`
            ALTER TABLE "lottery_draw_entries" DROP CONSTRAINT "FK_9fc70127fd4a5cd48be5509f067"
        `);
    await queryRunner.query(`
            ALTER TABLE "lottery_draws" DROP CONSTRAINT "FK_e39e22d5bc5ce5680981365d218"
        `);
    await queryRunner.query(`
            ALTER TABLE "registrations" DROP CONSTRAINT "FK_3ec45f51098d06b1bae4407f0d2"
        `);
    await queryRunner.query(`
            ALTER TABLE "parties" DROP CONSTRAINT "FK_b0b049fa25d1c6e567d21d8945b"
        `);
    await queryRunner.query(`
            ALTER TABLE "parties" DROP CONSTRAINT "FK_031a635f4bcd9a89a4d34a0993b"
        `);
    await queryRunner.query(`
            ALTER TABLE "events" DROP CONSTRAINT "CHK_events_lottery"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_registrations_party"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_registrations_active"
        `);
    // Applications have no place in the old schema; the triggers' WHEN clauses block the
    // column's type change, so they are set aside around it.
    await queryRunner.query(`DELETE FROM "registrations" WHERE "status" = 'applied'`);
    await queryRunner.query(`DROP TRIGGER "TR_registrations_waitlist_delete" ON "registrations"`);
    await queryRunner.query(`DROP TRIGGER "TR_registrations_waitlist_update" ON "registrations"`);
    await queryRunner.query(`DROP TRIGGER "TR_registrations_waitlist_insert" ON "registrations"`);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_registrations_event_status_created"
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."registration_status_old" AS ENUM('confirmed', 'waitlisted', 'cancelled')
        `);
    await queryRunner.query(`
            ALTER TABLE "registrations"
            ALTER COLUMN "status" TYPE "public"."registration_status_old" USING "status"::"text"::"public"."registration_status_old"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."registration_status"
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."registration_status_old"
            RENAME TO "registration_status"
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_registrations_event_status_created" ON "registrations" USING btree ("event_id", "status", "created_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_registrations_active" ON "registrations" ("event_id", "user_id")
            WHERE "status" IN ('confirmed', 'waitlisted')
        `);
    await queryRunner.query(`
            CREATE TRIGGER "TR_registrations_waitlist_insert" AFTER INSERT ON "registrations"
            FOR EACH ROW WHEN (NEW."status" = 'waitlisted')
            EXECUTE FUNCTION "registrations_count_waitlist"()
        `);
    await queryRunner.query(`
            CREATE TRIGGER "TR_registrations_waitlist_update" AFTER UPDATE OF "status" ON "registrations"
            FOR EACH ROW WHEN ((OLD."status" = 'waitlisted') <> (NEW."status" = 'waitlisted'))
            EXECUTE FUNCTION "registrations_count_waitlist"()
        `);
    await queryRunner.query(`
            CREATE TRIGGER "TR_registrations_waitlist_delete" AFTER DELETE ON "registrations"
            FOR EACH ROW WHEN (OLD."status" = 'waitlisted')
            EXECUTE FUNCTION "registrations_count_waitlist"()
        `);
    await queryRunner.query(`
            ALTER TABLE "registrations" DROP COLUMN "party_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "events" DROP COLUMN "drawn_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "events" DROP COLUMN "draw_seed_sha256"
        `);
    await queryRunner.query(`
            ALTER TABLE "events" DROP COLUMN "draw_seed"
        `);
    await queryRunner.query(`
            ALTER TABLE "events" DROP COLUMN "quotas"
        `);
    await queryRunner.query(`
            ALTER TABLE "events" DROP COLUMN "applications_close_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "events" DROP COLUMN "allocation"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."event_allocation"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_lottery_draw_entries_registration"
        `);
    await queryRunner.query(`
            DROP TABLE "lottery_draw_entries"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."lottery_draw_outcome"
        `);
    await queryRunner.query(`
            DROP TABLE "lottery_draws"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_parties_event"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_parties_code"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_parties_leader_registration"
        `);
    await queryRunner.query(`
            DROP TABLE "parties"
        `);
  }
}
