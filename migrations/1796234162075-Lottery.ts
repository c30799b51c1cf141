import { MigrationInterface, QueryRunner } from 'typeorm';

// fe_register (SeatShards) with lottery events: before its draw a lottery event takes
// applications (`applied`, no seat, no place in line: the draw decides) while its window is open,
// each with a `registration_applied` e-mail; from the close time to the committed draw it answers
// at once as not open (the service says DRAW_IN_PROGRESS) instead of waiting for the queue lock
// the draw holds exclusively; after the draw, first-come as before.
const FE_REGISTER_LOTTERY = `CREATE OR REPLACE FUNCTION "fe_register"(p_event uuid, p_user uuid, p_language varchar,
     p_arrival date, p_note varchar, p_code varchar, p_session_version integer)
   RETURNS TABLE (o_account_active boolean, o_group_id uuid, o_event_status event_status,
     o_open boolean, o_id uuid, o_status registration_status, o_language varchar,
     o_arrival_date text, o_note varchar, o_check_in_code varchar, o_checked_in_at timestamptz,
     o_created_at timestamptz)
   LANGUAGE plpgsql AS $$
   DECLARE
     ev record;
     seat integer;
   BEGIN
     o_account_active := EXISTS (SELECT 1 FROM users u WHERE u.id = p_user
       AND u.deleted_at IS NULL AND u.session_version = p_session_version);
     IF NOT o_account_active THEN RETURN NEXT; RETURN; END IF;
     SELECT e.group_id, e.status INTO ev FROM events e
      WHERE e.id = p_event AND e.allocation = 'lottery' AND e.drawn_at IS NULL
        AND e.applications_close_at <= now();
     IF FOUND THEN
       o_group_id := ev.group_id;
       o_event_status := ev.status;
       o_open := false;
       RETURN NEXT; RETURN;
     END IF;
     PERFORM pg_advisory_xact_lock_shared(hashtextextended('fanevents:event-queue:' || p_event::text, 0));
     SELECT e.group_id, e.status, e.waitlist_enabled,
            (e.allocation = 'lottery' AND e.drawn_at IS NULL) AS before_draw,
            (e.status = 'published' AND e.applications_close_at > now()) AS applying,
            (e.status = 'published' AND (e.registration_closes_at IS NULL OR e.registration_closes_at > now())) AS open
       INTO ev FROM events e WHERE e.id = p_event;
     IF NOT FOUND THEN RETURN NEXT; RETURN; END IF;
     o_group_id := ev.group_id;
     o_event_status := ev.status;
     IF ev.before_draw THEN
       o_open := ev.applying;
       IF NOT ev.applying THEN RETURN NEXT; RETURN; END IF;
       INSERT INTO registrations AS r (event_id, user_id, status, language, arrival_date, note,
         check_in_code)
       VALUES (p_event, p_user, 'applied', p_language, p_arrival, p_note, p_code)
       RETURNING r.id, r.status, r.language, r.arrival_date::text, r.note, r.check_in_code,
         r.checked_in_at, r.created_at
       INTO o_id, o_status, o_language, o_arrival_date, o_note, o_check_in_code, o_checked_in_at,
         o_created_at;
       INSERT INTO mail_outbox (kind, user_id, language, data, dedupe_key)
       SELECT 'registration_applied', p_user, p_language,
         fe_event_mail_data(p_event) || jsonb_build_object('registrationId', o_id,
           'applicationsCloseAt', to_char(e.applications_close_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'seedSha256', e.draw_seed_sha256),
         'registration_applied:' || o_id
       FROM events e WHERE e.id = p_event;
       RETURN NEXT; RETURN;
     END IF;
     o_open := ev.open;
     IF NOT ev.open THEN RETURN NEXT; RETURN; END IF;
     seat := fe_take_seats(p_event, 1);
     IF seat = 0 AND NOT ev.waitlist_enabled THEN RETURN NEXT; RETURN; END IF;
     INSERT INTO registrations AS r (event_id, user_id, status, language, arrival_date, note,
       check_in_code, confirmed_at, created_at)
     VALUES (p_event, p_user,
       CASE WHEN seat = 1 THEN 'confirmed' ELSE 'waitlisted' END::registration_status,
       p_language, p_arrival, p_note, p_code, CASE WHEN seat = 1 THEN now() END,
       clock_timestamp())
     RETURNING r.id, r.status, r.language, r.arrival_date::text, r.note, r.check_in_code,
       r.checked_in_at, r.created_at
     INTO o_id, o_status, o_language, o_arrival_date, o_note, o_check_in_code, o_checked_in_at,
       o_created_at;
     IF seat = 1 THEN
       INSERT INTO mail_outbox (kind, user_id, language, data, dedupe_key)
       VALUES ('registration_confirmed', p_user, p_language,
         fe_event_mail_data(p_event) || jsonb_build_object('registrationId', o_id, 'checkInCode', p_code),
         'registration_confirmed:' || o_id);
     END IF;
     RETURN NEXT;
   END $$`;

// SeatShards' fe_register, put back on revert.
const FE_REGISTER_FIRST_COME = `CREATE OR REPLACE FUNCTION "fe_register"(p_event uuid, p_user uuid, p_language varchar, p_arrival date,
     p_note varchar, p_code varchar, p_session_version integer)
   RETURNS TABLE (o_account_active boolean, o_group_id uuid, o_event_status event_status,
     o_open boolean, o_id uuid, o_status registration_status, o_language varchar,
     o_arrival_date text, o_note varchar, o_check_in_code varchar, o_checked_in_at timestamptz,
     o_created_at timestamptz)
   LANGUAGE plpgsql AS $$
   DECLARE
     ev record;
     seat integer;
   BEGIN
     o_account_active := EXISTS (SELECT 1 FROM users u WHERE u.id = p_user
       AND u.deleted_at IS NULL AND u.session_version = p_session_version);
     IF NOT o_account_active THEN RETURN NEXT; RETURN; END IF;
     PERFORM pg_advisory_xact_lock_shared(hashtextextended('fanevents:event-queue:' || p_event::text, 0));
     SELECT e.group_id, e.status, e.waitlist_enabled,
            (e.status = 'published' AND (e.registration_closes_at IS NULL OR e.registration_closes_at > now())) AS open
       INTO ev FROM events e WHERE e.id = p_event;
     IF NOT FOUND THEN RETURN NEXT; RETURN; END IF;
     o_group_id := ev.group_id;
     o_event_status := ev.status;
     o_open := ev.open;
     IF NOT ev.open THEN RETURN NEXT; RETURN; END IF;
     seat := fe_take_seats(p_event, 1);
     IF seat = 0 AND NOT ev.waitlist_enabled THEN RETURN NEXT; RETURN; END IF;
     INSERT INTO registrations AS r (event_id, user_id, status, language, arrival_date, note,
       check_in_code, confirmed_at, created_at)
     VALUES (p_event, p_user,
       CASE WHEN seat = 1 THEN 'confirmed' ELSE 'waitlisted' END::registration_status,
       p_language, p_arrival, p_note, p_code, CASE WHEN seat = 1 THEN now() END,
       -- The line's tie-break, taken after the seat decision (see seats.ts).
       clock_timestamp())
     RETURNING r.id, r.status, r.language, r.arrival_date::text, r.note, r.check_in_code,
       r.checked_in_at, r.created_at
     INTO o_id, o_status, o_language, o_arrival_date, o_note, o_check_in_code, o_checked_in_at,
       o_created_at;
     IF seat = 1 THEN
       INSERT INTO mail_outbox (kind, user_id, language, data, dedupe_key)
       VALUES ('registration_confirmed', p_user, p_language,
         fe_event_mail_data(p_event) || jsonb_build_object('registrationId', o_id, 'checkInCode', p_code),
         'registration_confirmed:' || o_id);
     END IF;
     RETURN NEXT;
   END $$`;

// The line: under the event's line lock, every committed waitlisted registration without a;

export class Lottery1796234162075 implements MigrationInterface {
  name = 'Lottery1796234162075';

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
            ADD VALUE IF NOT EXISTS 'applied'
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
    await queryRunner.query(`DROP INDEX "public"."UQ_registrations_active"`);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_registrations_active" ON "registrations" ("event_id", "user_id")
            WHERE "status" <> 'cancelled'
        `);
    await queryRunner.query(FE_REGISTER_LOTTERY);
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
            DROP INDEX "public"."IDX_registrations_event_status_created"
        `);
    // The enum keeps its 'applied' value (unused once the applications are gone): removing
    // a value means rebuilding the type under the line's triggers and partial indexes.
    await queryRunner.query(`DELETE FROM "registrations" WHERE "status" = 'applied'`);
    await queryRunner.query(`
            CREATE INDEX "IDX_registrations_event_status_created" ON "registrations" USING btree ("event_id", "status", "created_at")
        `);
    await queryRunner.query(`DROP INDEX "public"."UQ_registrations_active"`);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_registrations_active" ON "registrations" ("event_id", "user_id")
            WHERE "status" IN ('confirmed', 'waitlisted')
        `);
    await queryRunner.query(FE_REGISTER_FIRST_COME);
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
