import { IsUUID } from 'class-validator';

export class AssignVolunteerDto {
  /** A volunteer or organizer of the task's group. */
  @IsUUID()
  userId: string;
}
