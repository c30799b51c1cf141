import { MigrationInterface, QueryRunner } from 'typeorm';

export class Arrivals1796230698438 implements MigrationInterface {
  name = 'Arrivals1796230698438';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "arrival_welcome_tasks" (
                "event_id" uuid NOT NULL,
                "place_key" character varying(50) NOT NULL,
                "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "task_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_01765fb3ea9bbae02645629e3f3" PRIMARY KEY ("event_id", "place_key", "starts_at")
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."arrival_mode" AS ENUM('plane', 'train', 'bus', 'car')
        `);
    await queryRunner.query(`
            CREATE TABLE "registration_arrivals" (
                "registration_id" uuid NOT NULL,
                "event_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "mode" "public"."arrival_mode" NOT NULL,
                "origin" character varying(100),
                "reference" character varying(20),
                "place" character varying(50),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_129a2349728d278cb71addf42d4" PRIMARY KEY ("registration_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_registration_arrivals_user" ON "registration_arrivals" ("user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_registration_arrivals_event_at" ON "registration_arrivals" ("event_id", "at")
        `);
    await queryRunner.query(`
            ALTER TABLE "arrival_welcome_tasks"
            ADD CONSTRAINT "FK_cd81bcbb1a9b9302462425d850c" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "arrival_welcome_tasks"
            ADD CONSTRAINT "FK_5ce6b5a9ce402d0d0a9eee7611e" FOREIGN KEY ("task_id") REFERENCES "volunteer_tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "registration_arrivals"
            ADD CONSTRAINT "FK_129a2349728d278cb71addf42d4" FOREIGN KEY ("registration_id") REFERENCES "registrations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "registration_arrivals"
            ADD CONSTRAINT "FK_02ac51f041c4d9e50202009be4e" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "registration_arrivals"
            ADD CONSTRAINT "FK_de9fc3e8dc169a32473706a7f15" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "registration_arrivals" DROP CONSTRAINT "FK_de9fc3e8dc169a32473706a7f15"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration_arrivals" DROP CONSTRAINT "FK_02ac51f041c4d9e50202009be4e"
        `);
    await queryRunner.query(`
            ALTER TABLE "registration_arrivals" DROP CONSTRAINT "FK_129a2349728d278cb71addf42d4"
        `);
    await queryRunner.query(`
            ALTER TABLE "arrival_welcome_tasks" DROP CONSTRAINT "FK_5ce6b5a9ce402d0d0a9eee7611e"
        `);
    await queryRunner.query(`
            ALTER TABLE "arrival_welcome_tasks" DROP CONSTRAINT "FK_cd81bcbb1a9b9302462425d850c"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_registration_arrivals_event_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_registration_arrivals_user"
        `);
    await queryRunner.query(`
            DROP TABLE "registration_arrivals"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."arrival_mode"
        `);
    await queryRunner.query(`
            DROP TABLE "arrival_welcome_tasks"
        `);
  }
}
