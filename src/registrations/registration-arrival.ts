import type { EntityManager } from 'typeorm';
import type { ArrivalDto } from './dto/arrival.dto.js';

/**
 * Stores (or replaces) a registration's arrival: one cheap statement beside the registration,
 * in the caller's transaction or right after the registration's own autocommit statement.
 */
export const UPSERT_ARRIVAL_SQL = `
INSERT INTO registration_arrivals (registration_id, event_id, user_id, at, mode, origin, reference, place)
SELECT r.id, r.event_id, r.user_id, $2::timestamptz, $3::arrival_mode, $4, $5, $6
  FROM registrations r WHERE r.id = $1
ON CONFLICT (registration_id) DO UPDATE
  SET at = EXCLUDED.at, mode = EXCLUDED.mode, origin = EXCLUDED.origin,
      reference = EXCLUDED.reference, place = EXCLUDED.place, updated_at = now()`;

export async function saveArrival(
  manager: EntityManager,
  registrationId: string,
  arrival: ArrivalDto,
): Promise<void> {
  await manager.query(UPSERT_ARRIVAL_SQL, [
    registrationId,
    arrival.at,
    arrival.by,
    arrival.from ?? null,
    arrival.reference ?? null,
    arrival.place ?? null,
  ]);
}
