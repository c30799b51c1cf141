/**
 * The statements with which a lottery draw writes its outcome (RegistrationsService.placeDrawn),
 * in chunks, in the draw's transaction. Applications themselves go through fe_register (the
 * Lottery migration): while the window is open it inserts an `applied` registration and its
 * `registration_applied` e-mail.
 */

/**
 * A chunk of a draw's winners: `applied` → `confirmed`, with a `draw_seated` e-mail each (QR
 * and .ics). Their seats are taken before (`takeSeats`). Parameters: event id, the ids.
 * Returns how many were confirmed.
 */
export const DRAW_CONFIRM_SQL = `
WITH c AS (
  UPDATE registrations r SET status = 'confirmed', confirmed_at = now(), updated_at = now()
  WHERE r.id = ANY($2::uuid[]) AND r.event_id = $1 AND r.status = 'applied'
  RETURNING r.id, r.user_id, r.language, r.check_in_code
),
mail AS (
  INSERT INTO mail_outbox (kind, user_id, language, data, dedupe_key)
  SELECT 'draw_seated', c.user_id, c.language,
    fe_event_mail_data($1) || jsonb_build_object('registrationId', c.id, 'checkInCode', c.check_in_code),
    'draw_seated:' || c.id
  FROM c
  ON CONFLICT (dedupe_key) DO NOTHING
)
SELECT count(*)::int AS n FROM c`;

/**
 * A chunk of a draw's waitlist: `applied` → `waitlisted` with the line's next places in drawn
 * order (`waitlist_seq`, see seats.ts), and a `draw_waitlisted` e-mail telling each their true
 * position. The caller holds the line lock and moves `event_lines` by the total. Parameters:
 * event id, the ids in order, how many of the draw's waitlist precede this chunk, the line's
 * last place before the draw, how many were waiting before the draw.
 */
export const DRAW_WAITLIST_SQL = `
WITH line AS (
  SELECT w.id, $3::int + w.ord AS place FROM unnest($2::uuid[]) WITH ORDINALITY AS w(id, ord)
),
u AS (
  UPDATE registrations r SET status = 'waitlisted', updated_at = now(),
    waitlist_seq = $4::bigint + line.place
  FROM line
  WHERE r.id = line.id AND r.event_id = $1 AND r.status = 'applied'
  RETURNING r.id, r.user_id, r.language, line.place
),
mail AS (
  INSERT INTO mail_outbox (kind, user_id, language, data, dedupe_key)
  SELECT 'draw_waitlisted', u.user_id, u.language,
    fe_event_mail_data($1) || jsonb_build_object('registrationId', u.id, 'position', $5::int + u.place),
    'draw_waitlisted:' || u.id
  FROM u
  ON CONFLICT (dedupe_key) DO NOTHING
)
SELECT count(*)::int AS n FROM u`;
