import { createStore, get, set } from 'idb-keyval';

/** A scan that could not reach the server (the stadium's Wi-Fi dropped), kept on the device. */
export interface QueuedScan {
  code: string;
  scannedAt: string;
}

const store = createStore('fanevents-scanner', 'queue');
const key = (eventId: string) => `event:${eventId}`;

/** The scans waiting for the network, oldest first; they survive a reload of the page. */
export async function readQueue(eventId: string): Promise<QueuedScan[]> {
  return (await get<QueuedScan[]>(key(eventId), store)) ?? [];
}

export async function writeQueue(eventId: string, queue: QueuedScan[]): Promise<void> {
  await set(key(eventId), queue, store);
}
