import { MigrationInterface, QueryRunner } from 'typeorm';

// fe_take_seats' fallback (every share with a free seat is held by a transaction in flight)
// locks shares one by one and keeps each lock, full or not, until its commit. SeatShards walked
// them in an order rotated per backend, so two registrations could each hold a share the other
// was about to lock: a deadlock, answered 409 RETRY (seen under concurrent cancels and
// registrations). Walking them in one order for everyone (by shard number) makes a cycle
// impossible. The fast path (SKIP LOCKED, rotated start) never waits, so it keeps its rotation.
const ORDERED = `CREATE OR REPLACE FUNCTION "fe_take_seats"(p_event uuid, p_n integer) RETURNS integer
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
               ORDER BY f.shard LOOP
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
   END $$`;

const ROTATED = `CREATE OR REPLACE FUNCTION "fe_take_seats"(p_event uuid, p_n integer) RETURNS integer
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
   END $$`;

export class SeatLockOrder1796237000000 implements MigrationInterface {
  name = 'SeatLockOrder1796237000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(ORDERED);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(ROTATED);
  }
}
