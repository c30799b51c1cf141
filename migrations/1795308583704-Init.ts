import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795308583704 implements MigrationInterface {
  name = 'Init1795308583704';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" character varying(254) NOT NULL,
                "password_hash" character varying(200) NOT NULL,
                "display_name" character varying(100) NOT NULL,
                "country" character(2) NOT NULL,
                "language" character varying(2) NOT NULL,
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_users_email" ON "users" ("email")
        `);
    await queryRunner.query(`
            CREATE TABLE "fan_groups" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(120) NOT NULL,
                "slug" character varying(80) NOT NULL,
                "description" text,
                "country" character(2),
                "city" character varying(100),
                "languages" character varying(2) array NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_50fbbe69afcf072c6faf6da8f3d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_fan_groups_slug" ON "fan_groups" ("slug")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."group_role" AS ENUM('member', 'volunteer', 'organizer')
        `);
    await queryRunner.query(`
            CREATE TABLE "group_memberships" (
                "group_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "role" "public"."group_role" NOT NULL,
                "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e9a383a45af8eff11505d527620" PRIMARY KEY ("group_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_group_memberships_user" ON "group_memberships" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."mail_outbox_status" AS ENUM('pending', 'queued', 'sending', 'sent', 'failed')
        `);
    await queryRunner.query(`
            CREATE TABLE "mail_outbox" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "kind" character varying(60) NOT NULL,
                "user_id" uuid NOT NULL,
                "language" character varying(2),
                "data" jsonb NOT NULL DEFAULT '{}',
                "dedupe_key" character varying(200),
                "status" "public"."mail_outbox_status" NOT NULL DEFAULT 'pending',
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "queued_at" TIMESTAMP WITH TIME ZONE,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_fecc63c96385bc35a39ccf2a72e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_mail_outbox_dedupe_key" ON "mail_outbox" ("dedupe_key")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_mail_outbox_user" ON "mail_outbox" ("user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_mail_outbox_status_due" ON "mail_outbox" ("status", "due_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "group_memberships"
            ADD CONSTRAINT "FK_cad344fe877fcee0ac7e065ed05" FOREIGN KEY ("group_id") REFERENCES "fan_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "group_memberships"
            ADD CONSTRAINT "FK_e232a617b3bc2de2e13c0289d62" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "mail_outbox"
            ADD CONSTRAINT "FK_9c7ce0e6c239f56810e7af7ceba" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "mail_outbox" DROP CONSTRAINT "FK_9c7ce0e6c239f56810e7af7ceba"
        `);
    await queryRunner.query(`
            ALTER TABLE "group_memberships" DROP CONSTRAINT "FK_e232a617b3bc2de2e13c0289d62"
        `);
    await queryRunner.query(`
            ALTER TABLE "group_memberships" DROP CONSTRAINT "FK_cad344fe877fcee0ac7e065ed05"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_mail_outbox_status_due"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_mail_outbox_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_mail_outbox_dedupe_key"
        `);
    await queryRunner.query(`
            DROP TABLE "mail_outbox"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."mail_outbox_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_group_memberships_user"
        `);
    await queryRunner.query(`
            DROP TABLE "group_memberships"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."group_role"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_fan_groups_slug"
        `);
    await queryRunner.query(`
            DROP TABLE "fan_groups"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_users_email"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
  }
}
