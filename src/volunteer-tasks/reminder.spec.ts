import { describe, expect, it } from '@jest/globals';
import { reminderDueAt, reminderKey } from './volunteer-tasks.service.js';

describe('task reminders', () => {
  const now = new Date('2026-06-20T12:00:00Z');
  const lead = 1440 * 60_000;

  it('is due the lead time before the task starts', () => {
    expect(reminderDueAt(new Date('2026-06-26T04:00:00Z'), lead, now).toISOString()).toBe(
      '2026-06-25T04:00:00.000Z',
    );
  });

  it('is due at once when the task starts within the lead time', () => {
    expect(reminderDueAt(new Date('2026-06-21T00:00:00Z'), lead, now)).toEqual(now);
    expect(reminderDueAt(new Date('2026-06-19T00:00:00Z'), lead, now)).toEqual(now);
  });

  it('has one dedupe key per task and volunteer', () => {
    expect(reminderKey('t1', 'u1')).toBe('task-reminder:t1:u1');
  });
});
