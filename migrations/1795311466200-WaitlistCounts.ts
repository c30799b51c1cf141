import { MigrationInterface, QueryRunner } from 'typeorm';

export class WaitlistCounts1795311466200 implements MigrationInterface {
  name = 'WaitlistCounts1795311466200';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "event_waitlist_counts" (
                "event_id" uuid NOT NULL,
                "slot" smallint NOT NULL,
                "waitlisted" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_e6ae6698fc04914f9b31280254f" PRIMARY KEY ("event_id", "slot")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "event_waitlist_counts"
            ADD CONSTRAINT "FK_554721d529b9e5fad93c6e066e9" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // Kept by triggers, so every path that changes a registration's status (the hot
    // path, promotions, cancels, account deletion) keeps the count in its own transaction.
    // A backend adds to its own slot (pid modulo 16): concurrent registrants do not wait on
    // each other's counter row. A deletion takes its -1 from any slot of the event (none
    // left when the event itself is being deleted: nothing to do).
    await queryRunner.query(`
            CREATE FUNCTION "registrations_count_waitlist"() RETURNS trigger
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
            INSERT INTO "event_waitlist_counts" ("event_id", "slot", "waitlisted")
            SELECT "event_id", 0, count(*) FROM "registrations" WHERE "status" = 'waitlisted'
            GROUP BY "event_id"
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "TR_registrations_waitlist_delete" ON "registrations"`);
    await queryRunner.query(`DROP TRIGGER "TR_registrations_waitlist_update" ON "registrations"`);
    await queryRunner.query(`DROP TRIGGER "TR_registrations_waitlist_insert" ON "registrations"`);
    await queryRunner.query(`DROP FUNCTION "registrations_count_waitlist"()`);
    await queryRunner.query(`
            ALTER TABLE "event_waitlist_counts" DROP CONSTRAINT "FK_554721d529b9e5fad93c6e066e9"
        `);
    await queryRunner.query(`
            DROP TABLE "event_waitlist_counts"
        `);
  }
}
