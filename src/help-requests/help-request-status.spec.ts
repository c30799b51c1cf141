import { describe, expect, it } from '@jest/globals';
import {
  allowedMoves,
  allowedTransitions,
  checkTransition,
  HELP_REQUEST_STATUSES,
  type HelpActor,
  isTerminal,
} from './help-request-status.js';

const one = (a: HelpActor) => new Set<HelpActor>([a]);

describe('help request workflow', () => {
  it.each([
    ['open', 'in_progress', 'organizer'],
    ['open', 'in_progress', 'assignee'],
    ['in_progress', 'resolved', 'organizer'],
    ['in_progress', 'resolved', 'assignee'],
    ['open', 'declined', 'organizer'],
    ['in_progress', 'declined', 'organizer'],
    ['open', 'cancelled', 'requester'],
    ['in_progress', 'cancelled', 'requester'],
  ] as const)('lets the %s → %s move be made by the %s', (from, to, actor) => {
    expect(checkTransition(from, to, one(actor))).toBe('allowed');
  });

  it('lists exactly the eight allowed moves', () => {
    expect(allowedMoves()).toHaveLength(8);
  });

  it.each([
    ['open', 'declined', 'assignee'],
    ['in_progress', 'declined', 'requester'],
    ['open', 'resolved', 'requester'],
    ['open', 'in_progress', 'requester'],
    ['open', 'cancelled', 'organizer'],
    ['in_progress', 'cancelled', 'assignee'],
  ] as const)('forbids %s → %s to the %s (a status that part may never set)', (from, to, actor) => {
    expect(checkTransition(from, to, one(actor))).toBe('forbidden');
  });

  it.each([
    ['open', 'resolved', 'organizer'],
    ['open', 'resolved', 'assignee'],
    ['in_progress', 'in_progress', 'assignee'],
    ['open', 'open', 'organizer'],
    ['in_progress', 'open', 'organizer'],
    ['in_progress', 'open', 'requester'],
    ['resolved', 'in_progress', 'organizer'],
    ['resolved', 'declined', 'organizer'],
    ['resolved', 'cancelled', 'requester'],
    ['declined', 'cancelled', 'requester'],
    ['cancelled', 'cancelled', 'requester'],
    ['cancelled', 'in_progress', 'assignee'],
    ['declined', 'resolved', 'assignee'],
  ] as const)('refuses %s → %s by the %s as an invalid transition', (from, to, actor) => {
    expect(checkTransition(from, to, one(actor))).toBe('invalid');
  });

  it('combines the parts of a caller who is both requester and organizer', () => {
    const both = new Set<HelpActor>(['requester', 'organizer']);
    expect(checkTransition('open', 'cancelled', both)).toBe('allowed');
    expect(checkTransition('open', 'declined', both)).toBe('allowed');
    expect(checkTransition('open', 'in_progress', both)).toBe('allowed');
  });

  it('allows nothing out of a terminal status, whoever asks', () => {
    const all = new Set<HelpActor>(['requester', 'organizer', 'assignee']);
    for (const from of HELP_REQUEST_STATUSES.filter(isTerminal)) {
      for (const to of HELP_REQUEST_STATUSES) {
        expect(checkTransition(from, to, all)).toBe('invalid');
      }
    }
  });

  it('treats resolved, declined and cancelled as terminal', () => {
    expect(HELP_REQUEST_STATUSES.filter(isTerminal)).toEqual(['resolved', 'declined', 'cancelled']);
  });

  it.each([
    ['open', ['organizer'], ['in_progress', 'declined']],
    ['open', ['assignee'], ['in_progress']],
    ['open', ['requester'], ['cancelled']],
    ['in_progress', ['organizer'], ['resolved', 'declined']],
    ['in_progress', ['assignee'], ['resolved']],
    ['in_progress', ['organizer', 'requester'], ['resolved', 'declined', 'cancelled']],
    ['resolved', ['organizer', 'assignee', 'requester'], []],
    ['cancelled', ['organizer'], []],
    ['open', [], []],
  ] as const)('offers from %s to %j exactly %j', (from, actors, expected) => {
    expect(allowedTransitions(from, new Set<HelpActor>(actors))).toEqual(expected);
  });

  it('offers exactly the moves checkTransition allows, for every status and part', () => {
    const parts: HelpActor[] = ['organizer', 'assignee', 'requester'];
    for (const from of HELP_REQUEST_STATUSES) {
      for (let mask = 0; mask < 8; mask++) {
        const actors = new Set(parts.filter((_, i) => mask & (1 << i)));
        for (const to of HELP_REQUEST_STATUSES) {
          expect(allowedTransitions(from, actors).includes(to)).toBe(
            checkTransition(from, to, actors) === 'allowed',
          );
        }
      }
    }
  });
});
