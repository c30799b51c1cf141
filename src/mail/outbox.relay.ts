import { Injectable } from '@nestjs/common';

/** Moves pending outbox rows into the Bull queue. (Filled in by the e-mail pipeline.) */
@Injectable()
export class OutboxRelay {
  kick(): void {}
}
