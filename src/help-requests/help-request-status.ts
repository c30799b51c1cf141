/**
 * The help-request workflow in one place (API.md, Help requests). Pure: no I/O, so every
 * (from, to, actor) combination is unit-tested in help-request-status.spec.ts.
 */
export const HELP_REQUEST_STATUSES = [
  'open',
  'in_progress',
  'resolved',
  'declined',
  'cancelled',
] as const;
export type HelpRequestStatus = (typeof HELP_REQUEST_STATUSES)[number];

/** What the caller is for one request; a caller may hold several parts at once. */
export type HelpActor = 'organizer' | 'assignee' | 'requester';

const TRANSITIONS: Record<HelpRequestStatus, Partial<Record<HelpRequestStatus, HelpActor[]>>> = {
  open: {
    in_progress: ['organizer', 'assignee'],
    declined: ['organizer'],
    cancelled: ['requester'],
  },
  in_progress: {
    resolved: ['organizer', 'assignee'],
    declined: ['organizer'],
    cancelled: ['requester'],
  },
  resolved: {},
  declined: {},
  cancelled: {},
};

export const TERMINAL_STATUSES: readonly HelpRequestStatus[] = [
  'resolved',
  'declined',
  'cancelled',
];

export function isTerminal(status: HelpRequestStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Statuses an actor may ever set, whatever the current one. */
function settableBy(actor: HelpActor): Set<HelpRequestStatus> {
  const out = new Set<HelpRequestStatus>();
  for (const moves of Object.values(TRANSITIONS)) {
    for (const [to, actors] of Object.entries(moves)) {
      if (actors.includes(actor)) out.add(to as HelpRequestStatus);
    }
  }
  return out;
}

export type TransitionVerdict = 'allowed' | 'forbidden' | 'invalid';

/**
 * `forbidden` (403) when none of the caller's parts may ever set `to` (a requester resolving,
 * a volunteer declining); `invalid` (409 INVALID_TRANSITION) when they may set it in general
 * but not from `from` (resolving an open request, cancelling a resolved one, staying put).
 */
export function checkTransition(
  from: HelpRequestStatus,
  to: HelpRequestStatus,
  actors: ReadonlySet<HelpActor>,
): TransitionVerdict {
  const mayEverSet = [...actors].some((a) => settableBy(a).has(to));
  const allowedHere = (TRANSITIONS[from][to] ?? []).some((a) => actors.has(a));
  if (allowedHere) return 'allowed';
  // A status nobody can reach (back to `open`) is a workflow conflict, not a permission one.
  const reachable = HELP_REQUEST_STATUSES.some((s) => TRANSITIONS[s][to]);
  if (!mayEverSet && reachable) return 'forbidden';
  return 'invalid';
}

/**
 * The statuses a caller holding these parts may move a request to from `from` (what the help
 * inbox offers as buttons): exactly those `checkTransition` allows.
 */
export function allowedTransitions(
  from: HelpRequestStatus,
  actors: ReadonlySet<HelpActor>,
): HelpRequestStatus[] {
  return HELP_REQUEST_STATUSES.filter((to) => checkTransition(from, to, actors) === 'allowed');
}

/** Every allowed move, for documentation and tests. */
export function allowedMoves(): {
  from: HelpRequestStatus;
  to: HelpRequestStatus;
  actor: HelpActor;
}[] {
  return HELP_REQUEST_STATUSES.flatMap((from) =>
    Object.entries(TRANSITIONS[from]).flatMap(([to, actors]) =>
      actors.map((actor) => ({ from, to: to as HelpRequestStatus, actor })),
    ),
  );
}
