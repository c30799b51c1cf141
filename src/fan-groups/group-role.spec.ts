import { describe, expect, it } from '@jest/globals';
import { roleAtLeast } from './group-role.js';

describe('roleAtLeast', () => {
  it('orders organizer above volunteer above member', () => {
    expect(roleAtLeast('organizer', 'volunteer')).toBe(true);
    expect(roleAtLeast('organizer', 'member')).toBe(true);
    expect(roleAtLeast('volunteer', 'member')).toBe(true);
    expect(roleAtLeast('volunteer', 'organizer')).toBe(false);
    expect(roleAtLeast('member', 'volunteer')).toBe(false);
  });

  it('accepts the role itself', () => {
    expect(roleAtLeast('member', 'member')).toBe(true);
    expect(roleAtLeast('organizer', 'organizer')).toBe(true);
  });

  it('gives no rights to a non-member', () => {
    expect(roleAtLeast(null, 'member')).toBe(false);
    expect(roleAtLeast(undefined, 'member')).toBe(false);
  });
});
