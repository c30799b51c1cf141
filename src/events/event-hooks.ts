import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEntity } from './event.entity.js';
import type { EventViewer, ViewerLookup } from './event-viewer.js';

/** Runs inside the transaction that changed the event, so its effects commit with it. */
export type EventHook = (manager: EntityManager, event: EventEntity) => Promise<void>;

/**
 * Lets modules that depend on events (registrations, tasks) react to an event change in the
 * same transaction without events importing them: they register at module init.
 */
@Injectable()
export class EventHooks {
  private readonly capacityRaised: EventHook[] = [];
  private readonly cancelled: EventHook[] = [];
  private viewerLookup: ViewerLookup | undefined;

  onCapacityRaised(hook: EventHook): void {
    this.capacityRaised.push(hook);
  }

  onCancelled(hook: EventHook): void {
    this.cancelled.push(hook);
  }

  /** Registrations answer "what is this caller's registration for the event". */
  provideViewer(lookup: ViewerLookup): void {
    this.viewerLookup = lookup;
  }

  async viewerOf(eventId: string, userId: string): Promise<EventViewer | null> {
    return this.viewerLookup ? this.viewerLookup(eventId, userId) : null;
  }

  async runCapacityRaised(manager: EntityManager, event: EventEntity): Promise<void> {
    for (const hook of this.capacityRaised) await hook(manager, event);
  }

  async runCancelled(manager: EntityManager, event: EventEntity): Promise<void> {
    for (const hook of this.cancelled) await hook(manager, event);
  }
}
