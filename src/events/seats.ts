/**
 * Seats and the line: how an event's capacity is counted so that registrations commit side by
 * side, and why nobody is ever served out of turn. The SQL lives in plpgsql functions created by
 * the SeatShards migration (`fe_*`); this file is the one place the application calls them.
 *
 * ## Design
 *
 * - **Shares of seats.** An event's capacity is split over SEAT_SHARDS rows of `event_seats`
 *   (`capacity`, `taken`, `CHECK (0 <= taken <= capacity)`); triggers on `events` create them
 *   with the event and spread the free seats again whenever `events.capacity` changes, so the
 *   shares always add up to the event's capacity and no share can be overbooked: the database
 *   refuses more confirmations than seats whatever the application does. A registration takes a
 *   seat from a share with a free seat that no transaction in flight holds (`FOR UPDATE SKIP
 *   LOCKED`), so concurrent registrations lock different rows and their commits (each waiting
 *   for its WAL flush) overlap, instead of queueing one by one behind one event row. Only when
 *   every share with a free seat is held does it wait, on each in turn, re-reading it as last
 *   committed. Confirmed = the sum of `taken` (`confirmedCountSql`).
 * - **The queue lock** (an advisory lock per event, `eventQueueLock`): a registration holds it
 *   *shared* for its whole transaction, so registrations run side by side; whatever gives seats
 *   back or changes the event (cancelling a confirmed registration, PATCH, publish, cancelling
 *   the event, a lottery draw) holds it *exclusively*, so it waits for the registrations in
 *   flight and none starts until it commits. Seats are taken by `fe_register` and `takeSeats`,
 *   given back only by `releaseSeats` and by a capacity change, both under the exclusive lock.
 * - **Fresh reads after the lock.** `fe_register` is plpgsql: each statement in it reads with a
 *   snapshot taken when the statement starts, i.e. after the queue lock was granted. (The
 *   former single-statement registration took its snapshot before waiting for the lock inside
 *   it: a registrant queued behind a cancel saw the event full as it was before the cancel,
 *   waitlisted itself although the cancel had left a seat free, and a newcomer arriving just
 *   after took that seat ahead of it. That was the window behind the flaky FIFO test.)
 * - **The line.** A waitlisted registration commits without a place; its second step
 *   (`fe_place_in_line`) runs the line step `fe_sequence_line` under the event's *line lock*
 *   (another advisory lock): every committed waitlisted registration without a place gets the
 *   next place numbers (`registrations.waitlist_seq`, dense) in one statement, and its
 *   `registration_waitlisted` e-mail with its position = (placed registrants still waiting,
 *   `event_lines.in_line`) + its rank in the batch. The 201 repeats the position of that
 *   e-mail. A batch holds everyone who committed while the previous batch was writing, so one
 *   WAL flush places many. A crash between the two steps leaves a waitlisted registration
 *   without a place: the next line step for that event (any registrant's, a cancel's, or the
 *   worker's sweep, `RegistrationsService.placeStragglers`) places it and writes its e-mail.
 *   Promotions, cancels and deletions of placed registrations take them off `in_line` by
 *   trigger.
 *
 * ## Why it is FIFO
 *
 * Claim 1 (no seat is skipped): a registration is waitlisted only if, while it holds the
 * queue lock shared, every share is full as last committed. Its shares query reads after the
 * lock; a share full in that snapshot stays full while any registration holds the lock, because
 * `taken` only drops through `releaseSeats` or a capacity change (exclusive lock) or by the
 * rollback of an increment that snapshot never saw. A share that looked free is locked and
 * re-read as last committed, waiting for whoever held it. So between a waitlisting and the end
 * of the shared phase it belongs to, the number of free seats is 0, and stays 0 until some
 * exclusive holder frees seats.
 *
 * Claim 2 (a freed seat goes to the line): every exclusive holder that frees seats (cancel of a
 * confirmed registration, a capacity raise) first runs the line step (with no registration in
 * flight, every waitlisted registration is committed, so all get their place), then
 * `fe_promote`s min(free seats, waiting) from the head of the line, in its own transaction.
 * When it commits, free seats > 0 implies nobody is waiting. With claim 1, that holds at every
 * moment outside exclusive phases: a registration that finds a free seat has nobody waiting
 * ahead of it, and one that finds none is behind everybody confirmed.
 *
 * Claim 3 (the order is the line's): the waitlist is served by `waitlist_seq`; places are
 * handed out by batches under the line lock, so a registrant who was answered before another
 * one even started is ahead of them. (Within a shared phase, direct confirmations all come
 * before the first waitlisting of that phase, and their `created_at`, set after the seat
 * decision and before commit, is earlier: see the FIFO tests.)
 *
 * Positions told are 1 + (placed and waiting ahead) at the time of the line step, so in a
 * burst of N for C seats with nobody leaving, exactly C are confirmed and the positions told
 * are 1…N − C, each once.
 *
 * Locks are always taken in this order: queue lock → line lock → registration rows →
 * `event_lines` row → `event_seats` rows. Registrations take only the first and the last.
 */
import type { EntityManager } from 'typeorm';

/** How many `event_seats` rows an event has (fixed by the SeatShards migration). */
export const SEAT_SHARDS = 32;

/** Name of an event's queue advisory lock (shared by registrations, exclusive otherwise). */
export const eventQueueLock = (eventId: string) => `fanevents:event-queue:${eventId}`;

/** Seats taken of the event aliased `e` (sum of its shares), for a SELECT list. */
export const confirmedCountSql = (e: string) =>
  `(SELECT COALESCE(sum(s.taken), 0)::int FROM event_seats s WHERE s.event_id = ${e}.id)`;

/**
 * Takes up to `n` seats of the event in the caller's transaction; returns how many it got
 * (fewer when the event is full). The caller holds the queue lock (`lockQueue`), exclusively
 * for anything but a registration.
 */
export async function takeSeats(manager: EntityManager, eventId: string, n: number) {
  const [{ got }] = await manager.query<{ got: number }[]>('SELECT fe_take_seats($1, $2) AS got', [
    eventId,
    n,
  ]);
  return got;
}

/** Gives back `n` seats; the caller holds the queue lock exclusively. */
export async function releaseSeats(manager: EntityManager, eventId: string, n: number) {
  await manager.query('SELECT fe_release_seats($1, $2)', [eventId, n]);
}

/** Seats taken and free right now, as the caller's transaction sees them. */
export async function seatCounts(
  manager: EntityManager,
  eventId: string,
): Promise<{ taken: number; free: number }> {
  const [row] = await manager.query<{ taken: number; free: number }[]>(
    `SELECT COALESCE(sum(taken), 0)::int AS taken, COALESCE(sum(capacity - taken), 0)::int AS free
       FROM event_seats WHERE event_id = $1`,
    [eventId],
  );
  return row;
}
