import { MigrationInterface, QueryRunner } from 'typeorm';

export class HostingOffers1796229623857 implements MigrationInterface {
  name = 'HostingOffers1796229623857';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "hosting_offers" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "group_id" uuid NOT NULL,
                "host_id" uuid NOT NULL,
                "city" character varying(100) NOT NULL,
                "available_from" date NOT NULL,
                "available_to" date NOT NULL,
                "beds" integer NOT NULL,
                "beds_taken" integer NOT NULL DEFAULT '0',
                "spoken_languages" character varying(2) array NOT NULL DEFAULT '{}',
                "note" character varying(2000),
                "price_per_night" numeric(12, 2),
                "currency" character(3),
                "address" character varying(500) NOT NULL,
                "phone" character varying(50),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_hosting_offers_price" CHECK (
                    "price_per_night" IS NULL
                    OR "price_per_night" >= 0
                ),
                CONSTRAINT "CHK_hosting_offers_dates" CHECK ("available_to" > "available_from"),
                CONSTRAINT "CHK_hosting_offers_beds" CHECK (
                    "beds" >= 1
                    AND "beds_taken" >= 0
                    AND "beds_taken" <= "beds"
                ),
                CONSTRAINT "PK_6cee37cb0a4b17abc28b80c9206" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_hosting_offers_host" ON "hosting_offers" ("host_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_hosting_offers_group_from" ON "hosting_offers" ("group_id", "available_from")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."host_match_status" AS ENUM('proposed', 'accepted', 'declined', 'withdrawn')
        `);
    await queryRunner.query(`
            CREATE TABLE "host_matches" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "offer_id" uuid NOT NULL,
                "request_id" uuid NOT NULL,
                "proposed_by_id" uuid,
                "guests" integer NOT NULL,
                "status" "public"."host_match_status" NOT NULL DEFAULT 'proposed',
                "host_accepted_at" TIMESTAMP WITH TIME ZONE,
                "guest_accepted_at" TIMESTAMP WITH TIME ZONE,
                "declined_by" character varying(5),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_host_matches_guests" CHECK ("guests" >= 1),
                CONSTRAINT "PK_c03a1eb380d90a612ff62d6ce8f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_host_matches_request" ON "host_matches" ("request_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_host_matches_accepted_request" ON "host_matches" ("request_id")
            WHERE "status" = 'accepted'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_host_matches_live" ON "host_matches" ("offer_id", "request_id")
            WHERE "status" IN ('proposed', 'accepted')
        `);
    await queryRunner.query(`
            ALTER TABLE "hosting_offers"
            ADD CONSTRAINT "FK_49b638d788d2725154bbd4b27c7" FOREIGN KEY ("group_id") REFERENCES "fan_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "hosting_offers"
            ADD CONSTRAINT "FK_26f977e9b8e258bd9d9f702905c" FOREIGN KEY ("host_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "host_matches"
            ADD CONSTRAINT "FK_8a7ddc902c280c59cfd9a25b5af" FOREIGN KEY ("offer_id") REFERENCES "hosting_offers"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "host_matches"
            ADD CONSTRAINT "FK_4e689ff8657e74aa1e30b001a7e" FOREIGN KEY ("request_id") REFERENCES "help_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "host_matches"
            ADD CONSTRAINT "FK_9726357858992ef32b92d5cb758" FOREIGN KEY ("proposed_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "host_matches" DROP CONSTRAINT "FK_9726357858992ef32b92d5cb758"
        `);
    await queryRunner.query(`
            ALTER TABLE "host_matches" DROP CONSTRAINT "FK_4e689ff8657e74aa1e30b001a7e"
        `);
    await queryRunner.query(`
            ALTER TABLE "host_matches" DROP CONSTRAINT "FK_8a7ddc902c280c59cfd9a25b5af"
        `);
    await queryRunner.query(`
            ALTER TABLE "hosting_offers" DROP CONSTRAINT "FK_26f977e9b8e258bd9d9f702905c"
        `);
    await queryRunner.query(`
            ALTER TABLE "hosting_offers" DROP CONSTRAINT "FK_49b638d788d2725154bbd4b27c7"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_host_matches_live"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_host_matches_accepted_request"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_host_matches_request"
        `);
    await queryRunner.query(`
            DROP TABLE "host_matches"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."host_match_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_hosting_offers_group_from"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_hosting_offers_host"
        `);
    await queryRunner.query(`
            DROP TABLE "hosting_offers"
        `);
  }
}
