export const GROUP_ROLES = ['member', 'volunteer', 'organizer'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];

const RANK: Record<GroupRole, number> = { member: 1, volunteer: 2, organizer: 3 };

/** organizer ⊃ volunteer ⊃ member. */
export function roleAtLeast(role: GroupRole | null | undefined, min: GroupRole): boolean {
  return !!role && RANK[role] >= RANK[min];
}
