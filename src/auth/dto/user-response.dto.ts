import type { UserEntity } from '../user.entity.js';

export class UserResponseDto {
  id: string;
  email: string;
  displayName: string;
  country: string;
  language: string;
  /** ISO 639-1 codes of the languages the user speaks. */
  spokenLanguages: string[];
}

export class AuthResponseDto {
  user: UserResponseDto;
  accessToken: string;
}

export function toUserResponse(user: UserEntity): UserResponseDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    country: user.country,
    language: user.language,
    spokenLanguages: user.spokenLanguages ?? [],
  };
}
