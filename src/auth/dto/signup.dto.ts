import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { IsCountry, IsLanguage, type Language } from '../../common/locale.js';
import { IsText } from '../../common/text.js';

const lower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class SignupDto {
  /** Unique, case-insensitively. */
  @Transform(lower)
  @IsEmail()
  @MaxLength(254)
  email: string;

  /** At least 10 characters. */
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;

  /** Any script: "Айгерим", "李娜", "さくら". */
  @IsText(100)
  displayName: string;

  @IsCountry()
  country: string;

  @IsLanguage()
  language: Language;
}

export class LoginDto {
  @Transform(lower)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsString()
  @MaxLength(200)
  password: string;
}
