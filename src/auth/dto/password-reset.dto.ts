import { Transform } from 'class-transformer';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const lower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class PasswordResetRequestDto {
  /** The account's e-mail; the answer is the same whether or not an account has it. */
  @Transform(lower)
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class PasswordResetConfirmDto {
  /** The `token` of the e-mailed link (`/reset-password?token=...`). */
  @IsString()
  @MaxLength(200)
  @Matches(/^[\w-]+$/, { message: 'token must be the token of the e-mailed link' })
  token: string;

  /** The new password, at least 10 characters. */
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;
}
