import { MigrationInterface, QueryRunner } from 'typeorm';

export class VolunteerTasks1795309138657 implements MigrationInterface {
  name = 'VolunteerTasks1795309138657';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Added by hand (generate does not track extensions): `=` on uuid inside the GiST index of
    // EXC_task_assignments_no_overlap. Left in place by down(): other objects may use it.
    await queryRunner.query(`
            CREATE EXTENSION IF NOT EXISTS btree_gist
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."volunteer_task_status" AS ENUM('open', 'done', 'cancelled')
        `);
    await queryRunner.query(`
            CREATE TABLE "volunteer_tasks" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "event_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "description" text,
                "location" character varying(200),
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "volunteers_needed" integer NOT NULL,
                "assigned_count" integer NOT NULL DEFAULT '0',
                "status" "public"."volunteer_task_status" NOT NULL DEFAULT 'open',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_volunteer_tasks_slots" CHECK (
                    "volunteers_needed" >= 1
                    AND "assigned_count" >= 0
                    AND "assigned_count" <= "volunteers_needed"
                ),
                CONSTRAINT "CHK_volunteer_tasks_times" CHECK ("ends_at" > "starts_at"),
                CONSTRAINT "PK_e2e630fa21d0dbbf1c22ff09b7b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_volunteer_tasks_event_starts_at" ON "volunteer_tasks" ("event_id", "starts_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "task_assignments" (
                "task_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "assigned_by" uuid,
                "during" tstzrange NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "EXC_task_assignments_no_overlap" EXCLUDE USING gist ("user_id" WITH =, "during" WITH &&),
                CONSTRAINT "PK_2f1f822596c4af9491d12ff0cbd" PRIMARY KEY ("task_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_task_assignments_user" ON "task_assignments" ("user_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "volunteer_tasks"
            ADD CONSTRAINT "FK_ad0bbcae70f45ef3af33c71dbbc" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "task_assignments"
            ADD CONSTRAINT "FK_b389f4488d0a8241c3c98273966" FOREIGN KEY ("task_id") REFERENCES "volunteer_tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "task_assignments"
            ADD CONSTRAINT "FK_1673eab025dbc14e188bd4df67c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "task_assignments"
            ADD CONSTRAINT "FK_69edf4d835d0e50fdad8d155d5f" FOREIGN KEY ("assigned_by") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "task_assignments" DROP CONSTRAINT "FK_69edf4d835d0e50fdad8d155d5f"
        `);
    await queryRunner.query(`
            ALTER TABLE "task_assignments" DROP CONSTRAINT "FK_1673eab025dbc14e188bd4df67c"
        `);
    await queryRunner.query(`
            ALTER TABLE "task_assignments" DROP CONSTRAINT "FK_b389f4488d0a8241c3c98273966"
        `);
    await queryRunner.query(`
            ALTER TABLE "volunteer_tasks" DROP CONSTRAINT "FK_ad0bbcae70f45ef3af33c71dbbc"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_task_assignments_user"
        `);
    await queryRunner.query(`
            DROP TABLE "task_assignments"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_volunteer_tasks_event_starts_at"
        `);
    await queryRunner.query(`
            DROP TABLE "volunteer_tasks"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."volunteer_task_status"
        `);
  }
}
