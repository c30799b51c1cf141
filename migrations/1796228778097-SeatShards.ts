import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The seat and line functions (design and proof in src/events/seats.ts). Each statement inside
 * a plpgsql function reads with a fresh snapshot: taken after the locks it follows, which is
 * what the FIFO argument needs (a single statement reads with the snapshot it started with,
 * before it waited for any lock inside it).
 */
const SEAT_FUNCTIONS = [
  // Every event has SEAT_SHARDS (32) shares, made with it; a capacity change spreads the free
  // seats evenly again, each share keeping what is taken in it. A capacity below the seats
  // taken leaves some share below its taken count: CHK_event_seats_taken refuses the change.
  `CREATE FUNCTION "fe_event_seats_spread"() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'INSERT' THEN
       INSERT INTO event_seats (event_id, shard, capacity, taken)
       SELECT NEW.id, s, 0, 0 FROM generate_series(0, 31) s;
     END IF;
     WITH s AS (
       SELECT f.shard, f.taken, (row_number() OVER (ORDER BY f.shard) - 1)::int AS i,
              count(*) OVER ()::int AS n, sum(f.taken) OVER ()::int AS t
         FROM event_seats f WHERE f.event_id = NEW.id)
     UPDATE event_seats x
        SET capacity = s.taken + (NEW.capacity - s.t) / s.n
                       + CASE WHEN s.i < (NEW.capacity - s.t) % s.n THEN 1 ELSE 0 END
       FROM s WHERE x.event_id = NEW.id AND x.shard = s.shard;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER "TR_events_seats_insert" AFTER INSERT ON "events"
   FOR EACH ROW EXECUTE FUNCTION "fe_event_seats_spread"()`,
  `CREATE TRIGGER "TR_events_seats_capacity" AFTER UPDATE OF "capacity" ON "events"
   FOR EACH ROW WHEN (OLD."capacity" <> NEW."capacity") EXECUTE FUNCTION "fe_event_seats_spread"()`,

  // The shares' capacities add up to the event's, checked at commit (a capacity change moves
  // several rows, and the event row with them).
  `CREATE FUNCTION "fe_event_seats_check"() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE
     ev_id uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.event_id ELSE NEW.event_id END;
     cap integer;
     held integer;
   BEGIN
     SELECT e.capacity INTO cap FROM events e WHERE e.id = ev_id;
     IF NOT FOUND THEN RETURN NULL; END IF;
     SELECT COALESCE(sum(s.capacity), 0)::int INTO held FROM event_seats s WHERE s.event_id = ev_id;
     IF held <> cap THEN
       RAISE EXCEPTION 'seat shares of event % hold % seats, the event %', ev_id, held, cap
         USING ERRCODE = '23514', CONSTRAINT = 'CHK_event_seats_sum';
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE CONSTRAINT TRIGGER "TR_event_seats_sum" AFTER INSERT OR DELETE OR UPDATE OF "capacity"
   ON "event_seats" DEFERRABLE INITIALLY DEFERRED
   FOR EACH ROW EXECUTE FUNCTION "fe_event_seats_check"()`,

  // Takes up to p_n seats; returns how many it got. The caller holds the event's queue lock
  // (shared by a registration, exclusive by everything else). First a share with a free seat
  // that no transaction in flight holds (SKIP LOCKED: nobody waits); failing that, every share
  // that had a free seat is locked in turn and re-read as last committed, so a holder that
  // left seats (or rolled back) is waited for, never skipped.
  `CREATE FUNCTION "fe_take_seats"(p_event uuid, p_n integer) RETURNS integer
   LANGUAGE plpgsql AS $$
   DECLARE
     got integer := 0;
     k integer;
     free integer;
     s smallint;
   BEGIN
     IF p_n <= 0 THEN RETURN 0; END IF;
     IF p_n = 1 THEN
       SELECT f.shard INTO s FROM event_seats f
        WHERE f.event_id = p_event AND f.taken < f.capacity
        ORDER BY (f.shard + pg_backend_pid()) % 32 LIMIT 1 FOR UPDATE SKIP LOCKED;
       IF FOUND THEN
         UPDATE event_seats f SET taken = f.taken + 1 WHERE f.event_id = p_event AND f.shard = s;
         RETURN 1;
       END IF;
     END IF;
     FOR s IN SELECT f.shard FROM event_seats f
               WHERE f.event_id = p_event AND f.taken < f.capacity
               ORDER BY (f.shard + pg_backend_pid()) % 32 LOOP
       SELECT f.capacity - f.taken INTO free FROM event_seats f
        WHERE f.event_id = p_event AND f.shard = s FOR UPDATE;
       IF free > 0 THEN
         k := LEAST(free, p_n - got);
         UPDATE event_seats f SET taken = f.taken + k WHERE f.event_id = p_event AND f.shard = s;
         got := got + k;
         EXIT WHEN got = p_n;
       END IF;
     END LOOP;
     RETURN got;
   END $$`,

  // Gives back p_n seats (a cancelled confirmation, a lottery undo). The caller holds the
  // event's queue lock exclusively: no registration is in flight.
  `CREATE FUNCTION "fe_release_seats"(p_event uuid, p_n integer) RETURNS void
   LANGUAGE plpgsql AS $$
   DECLARE
     left_ integer := p_n;
     k integer;
     f record;
   BEGIN
     FOR f IN SELECT x.shard, x.taken FROM event_seats x
               WHERE x.event_id = p_event AND x.taken > 0 ORDER BY x.taken DESC, x.shard FOR UPDATE LOOP
       EXIT WHEN left_ <= 0;
       k := LEAST(f.taken, left_);
       UPDATE event_seats x SET taken = x.taken - k WHERE x.event_id = p_event AND x.shard = f.shard;
       left_ := left_ - k;
     END LOOP;
     IF left_ > 0 THEN
       RAISE EXCEPTION 'event % has fewer than % seats taken', p_event, p_n;
     END IF;
   END $$`,

  // The event part of every registration e-mail's data (times as ISO 8601 UTC strings).
  `CREATE FUNCTION "fe_event_mail_data"(p_event uuid) RETURNS jsonb LANGUAGE sql STABLE AS $$
     SELECT jsonb_build_object(
       'eventId', e.id, 'title', e.title,
       'startsAt', to_char(e.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       'endsAt', to_char(e.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       'timezone', e.timezone, 'venue', e.venue, 'city', e.city)
     FROM events e WHERE e.id = p_event
   $$`,

  // Step 1 of a registration, run on its own (one transaction): the account, the queue lock
  // (shared), then (fresh snapshot) the event and a seat, the registration and, for a seat,
  // its e-mail. A waitlisted registration gets its place and e-mail from the line (step 2).
  `CREATE FUNCTION "fe_register"(p_event uuid, p_user uuid, p_language varchar, p_arrival date,
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
   END $$`,

  // The line: under the event's line lock, every committed waitlisted registration without a
  // place gets the next places (in created_at order among themselves) and its e-mail with its
  // position (the waiting ahead of it + 1). Returns how many it placed.
  `CREATE FUNCTION "fe_sequence_line"(p_event uuid) RETURNS integer LANGUAGE plpgsql AS $$
   DECLARE
     k integer;
     snap jsonb;
   BEGIN
     PERFORM pg_advisory_xact_lock(hashtextextended('fanevents:event-line:' || p_event::text, 0));
     snap := fe_event_mail_data(p_event);
     WITH pending AS (
       SELECT r.id, r.user_id, r.language, row_number() OVER (ORDER BY r.created_at, r.id) AS rank
         FROM registrations r
        WHERE r.event_id = p_event AND r.status = 'waitlisted' AND r.waitlist_seq IS NULL),
     n AS (SELECT count(*)::int AS k FROM pending),
     line AS (
       INSERT INTO event_lines AS l (event_id, last_seq, in_line)
       SELECT p_event, n.k, n.k FROM n WHERE n.k > 0
       ON CONFLICT (event_id) DO UPDATE
         SET last_seq = l.last_seq + EXCLUDED.last_seq, in_line = l.in_line + EXCLUDED.in_line
       RETURNING l.last_seq - (SELECT n.k FROM n) AS base_seq, l.in_line - (SELECT n.k FROM n) AS base_pos),
     placed AS (
       UPDATE registrations r SET waitlist_seq = line.base_seq + p.rank
         FROM pending p, line WHERE r.id = p.id
       RETURNING r.id, r.user_id, r.language, (line.base_pos + p.rank)::int AS position),
     mail AS (
       INSERT INTO mail_outbox (kind, user_id, language, data, dedupe_key)
       SELECT 'registration_waitlisted', x.user_id, x.language,
              snap || jsonb_build_object('registrationId', x.id, 'position', x.position),
              'registration_waitlisted:' || x.id
         FROM placed x
       ON CONFLICT (dedupe_key) DO NOTHING)
     SELECT count(*)::int INTO k FROM placed;
     RETURN k;
   END $$`,

  // Step 2 of a waitlisted registration: its place (taking the line step if nobody has yet)
  // and the position its e-mail tells.
  `CREATE FUNCTION "fe_place_in_line"(p_event uuid, p_registration uuid)
   RETURNS TABLE (o_status registration_status, o_position integer) LANGUAGE plpgsql AS $$
   BEGIN
     PERFORM 1 FROM registrations r
      WHERE r.id = p_registration AND r.status = 'waitlisted' AND r.waitlist_seq IS NULL;
     IF FOUND THEN PERFORM fe_sequence_line(p_event); END IF;
     SELECT r.status INTO o_status FROM registrations r WHERE r.id = p_registration;
     SELECT (m.data->>'position')::int INTO o_position FROM mail_outbox m
      WHERE m.dedupe_key = 'registration_waitlisted:' || p_registration::text;
     RETURN NEXT;
   END $$`,

  // Free seats to the head of the line, with an e-mail each. The caller holds the queue lock
  // exclusively and has run the line step (fe_sequence_line) in its transaction.
  `CREATE FUNCTION "fe_promote"(p_event uuid) RETURNS integer LANGUAGE plpgsql AS $$
   DECLARE
     free integer;
     k integer;
     snap jsonb;
   BEGIN
     PERFORM 1 FROM events e WHERE e.id = p_event AND e.status = 'published';
     IF NOT FOUND THEN RETURN 0; END IF;
     SELECT COALESCE(sum(s.capacity - s.taken), 0)::int INTO free FROM event_seats s WHERE s.event_id = p_event;
     IF free <= 0 THEN RETURN 0; END IF;
     snap := fe_event_mail_data(p_event);
     WITH picked AS (
       SELECT r.id FROM registrations r
        WHERE r.event_id = p_event AND r.status = 'waitlisted'
        ORDER BY r.waitlist_seq NULLS LAST, r.created_at, r.id LIMIT free FOR UPDATE),
     promoted AS (
       UPDATE registrations r SET status = 'confirmed', confirmed_at = now(), updated_at = now()
         FROM picked WHERE r.id = picked.id
       RETURNING r.id, r.user_id, r.language, r.check_in_code),
     mail AS (
       INSERT INTO mail_outbox (kind, user_id, language, data, dedupe_key)
       SELECT 'registration_promoted', p.user_id, p.language,
              snap || jsonb_build_object('registrationId', p.id, 'checkInCode', p.check_in_code),
              'registration_promoted:' || p.id
         FROM promoted p
       ON CONFLICT (dedupe_key) DO NOTHING)
     SELECT count(*)::int INTO k FROM promoted;
     IF k > 0 AND fe_take_seats(p_event, k) <> k THEN
       RAISE EXCEPTION 'event %: % promoted but fewer seats free', p_event, k;
     END IF;
     RETURN k;
   END $$`,

  // A placed registration leaving the waitlist (promoted, cancelled, deleted) leaves the line.
  `CREATE FUNCTION "fe_line_leave"() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE event_lines SET in_line = in_line - 1 WHERE event_id = OLD.event_id;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER "TR_registrations_line_update" AFTER UPDATE OF "status" ON "registrations"
   FOR EACH ROW WHEN (OLD."status" = 'waitlisted' AND NEW."status" <> 'waitlisted'
                      AND OLD."waitlist_seq" IS NOT NULL)
   EXECUTE FUNCTION "fe_line_leave"()`,
  `CREATE TRIGGER "TR_registrations_line_delete" AFTER DELETE ON "registrations"
   FOR EACH ROW WHEN (OLD."status" = 'waitlisted' AND OLD."waitlist_seq" IS NOT NULL)
   EXECUTE FUNCTION "fe_line_leave"()`,
];

const WAITLIST_COUNT_TRIGGERS = [
  `CREATE FUNCTION "registrations_count_waitlist"() RETURNS trigger
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
            $$`,
  `CREATE TRIGGER "TR_registrations_waitlist_insert" AFTER INSERT ON "registrations"
            FOR EACH ROW WHEN (NEW."status" = 'waitlisted')
            EXECUTE FUNCTION "registrations_count_waitlist"()`,
  `CREATE TRIGGER "TR_registrations_waitlist_update" AFTER UPDATE OF "status" ON "registrations"
            FOR EACH ROW WHEN ((OLD."status" = 'waitlisted') <> (NEW."status" = 'waitlisted'))
            EXECUTE FUNCTION "registrations_count_waitlist"()`,
  `CREATE TRIGGER "TR_registrations_waitlist_delete" AFTER DELETE ON "registrations"
            FOR EACH ROW WHEN (OLD."status" = 'waitlisted')
            EXECUTE FUNCTION "registrations_count_waitlist"()`,
];

const DROPPED_ON_DOWN = [
  `DROP TRIGGER "TR_registrations_line_delete" ON "registrations"`,
  `DROP TRIGGER "TR_registrations_line_update" ON "registrations"`,
  `DROP FUNCTION "fe_line_leave"()`,
  `DROP FUNCTION "fe_promote"(uuid)`,
  `DROP FUNCTION "fe_place_in_line"(uuid, uuid)`,
  `DROP FUNCTION "fe_sequence_line"(uuid)`,
  `DROP FUNCTION "fe_register"(uuid, uuid, varchar, date, varchar, varchar, integer)`,
  `DROP FUNCTION "fe_event_mail_data"(uuid)`,
  `DROP FUNCTION "fe_release_seats"(uuid, integer)`,
  `DROP FUNCTION "fe_take_seats"(uuid, integer)`,
  `DROP TRIGGER "TR_event_seats_sum" ON "event_seats"`,
  `DROP FUNCTION "fe_event_seats_check"()`,
  `DROP TRIGGER "TR_events_seats_capacity" ON "events"`,
  `DROP TRIGGER "TR_events_seats_insert" ON "events"`,
  `DROP FUNCTION "fe_event_seats_spread"()`,
];

export class SeatShards1796228778097 implements MigrationInterface {
  name = 'SeatShards1796228778097';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "event_seats" (
                "event_id" uuid NOT NULL,
                "shard" smallint NOT NULL,
                "capacity" integer NOT NULL,
                "taken" integer NOT NULL DEFAULT '0',
                CONSTRAINT "CHK_event_seats_taken" CHECK (
                    "capacity" >= 0
                    AND "taken" >= 0
                    AND "taken" <= "capacity"
                ),
                CONSTRAINT "PK_637439c929ff18f1a212778247c" PRIMARY KEY ("event_id", "shard")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "event_lines" (
                "event_id" uuid NOT NULL,
                "last_seq" bigint NOT NULL DEFAULT '0',
                "in_line" integer NOT NULL DEFAULT '0',
                CONSTRAINT "CHK_event_lines_counts" CHECK (
                    "in_line" >= 0
                    AND "in_line" <= "last_seq"
                ),
                CONSTRAINT "PK_08b91086b8eda4870e30c30aa43" PRIMARY KEY ("event_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "registrations"
            ADD "waitlist_seq" bigint
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_registrations_line_pending" ON "registrations" ("event_id", "created_at")
            WHERE "status" = 'waitlisted'
                AND "waitlist_seq" IS NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_registrations_line" ON "registrations" ("event_id", "waitlist_seq")
            WHERE "status" = 'waitlisted'
        `);
    await queryRunner.query(`
            ALTER TABLE "event_seats"
            ADD CONSTRAINT "FK_c0bf9355892dbc07962668a97a9" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "event_lines"
            ADD CONSTRAINT "FK_08b91086b8eda4870e30c30aa43" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);

    // Hand-written from here (see src/events/seats.ts for the design): shares of seats for
    // the events that exist, their line for the waitlisted, then the counter on `events`
    // and the old waitlist counts go.
    await queryRunner.query(`
            INSERT INTO "event_seats" ("event_id", "shard", "capacity", "taken")
            SELECT e."id", s,
                   t.taken + (e."capacity" - e."confirmed_count") / 32
                     + CASE WHEN s < (e."capacity" - e."confirmed_count") % 32 THEN 1 ELSE 0 END,
                   t.taken
              FROM "events" e CROSS JOIN generate_series(0, 31) s
              CROSS JOIN LATERAL (SELECT e."confirmed_count" / 32
                     + CASE WHEN s < e."confirmed_count" % 32 THEN 1 ELSE 0 END AS taken) t
        `);
    await queryRunner.query(`
            UPDATE "registrations" r SET "waitlist_seq" = o.seq
              FROM (SELECT "id", row_number() OVER (PARTITION BY "event_id" ORDER BY "created_at", "id") AS seq
                      FROM "registrations" WHERE "status" = 'waitlisted') o
             WHERE r."id" = o."id"
        `);
    await queryRunner.query(`
            INSERT INTO "event_lines" ("event_id", "last_seq", "in_line")
            SELECT "event_id", count(*), count(*) FROM "registrations"
             WHERE "status" = 'waitlisted' GROUP BY "event_id"
        `);
    await queryRunner.query(`ALTER TABLE "events" DROP CONSTRAINT "CHK_events_capacity"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "confirmed_count"`);
    await queryRunner.query(`
            ALTER TABLE "events" ADD CONSTRAINT "CHK_events_capacity" CHECK ("capacity" >= 1)
        `);
    await queryRunner.query(`DROP TRIGGER "TR_registrations_waitlist_delete" ON "registrations"`);
    await queryRunner.query(`DROP TRIGGER "TR_registrations_waitlist_update" ON "registrations"`);
    await queryRunner.query(`DROP TRIGGER "TR_registrations_waitlist_insert" ON "registrations"`);
    await queryRunner.query(`DROP FUNCTION "registrations_count_waitlist"()`);
    await queryRunner.query(`DROP TABLE "event_waitlist_counts"`);
    for (const sql of SEAT_FUNCTIONS) await queryRunner.query(sql);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of DROPPED_ON_DOWN) await queryRunner.query(name);
    await queryRunner.query(`ALTER TABLE "events" DROP CONSTRAINT "CHK_events_capacity"`);
    await queryRunner.query(`
            ALTER TABLE "events" ADD "confirmed_count" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            UPDATE "events" e SET "confirmed_count" = s.taken
              FROM (SELECT "event_id", sum("taken")::int AS taken FROM "event_seats" GROUP BY "event_id") s
             WHERE s."event_id" = e."id"
        `);
    await queryRunner.query(`
            ALTER TABLE "events" ADD CONSTRAINT "CHK_events_capacity" CHECK (
                "capacity" >= 1 AND "confirmed_count" >= 0 AND "confirmed_count" <= "capacity")
        `);
    await queryRunner.query(`
            CREATE TABLE "event_waitlist_counts" (
                "event_id" uuid NOT NULL REFERENCES "events"("id") ON DELETE CASCADE,
                "slot" smallint NOT NULL,
                "waitlisted" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_e6ae6698fc04914f9b31280254f" PRIMARY KEY ("event_id", "slot")
            )
        `);
    await queryRunner.query(`
            INSERT INTO "event_waitlist_counts" ("event_id", "slot", "waitlisted")
            SELECT "event_id", 0, count(*) FROM "registrations" WHERE "status" = 'waitlisted'
            GROUP BY "event_id"
        `);
    // The WaitlistCounts triggers, as that migration made them.
    for (const sql of WAITLIST_COUNT_TRIGGERS) await queryRunner.query(sql);
    await queryRunner.query(`
            ALTER TABLE "event_lines" DROP CONSTRAINT "FK_08b91086b8eda4870e30c30aa43"
        `);
    await queryRunner.query(`
            ALTER TABLE "event_seats" DROP CONSTRAINT "FK_c0bf9355892dbc07962668a97a9"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_registrations_line"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_registrations_line_pending"
        `);
    await queryRunner.query(`
            ALTER TABLE "registrations" DROP COLUMN "waitlist_seq"
        `);
    await queryRunner.query(`
            DROP TABLE "event_lines"
        `);
    await queryRunner.query(`
            DROP TABLE "event_seats"
        `);
  }
}
