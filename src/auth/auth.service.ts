import { createHash, randomBytes } from 'node:crypto';
import {
  BadRequestException,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import argon2 from 'argon2';
import { DataSource, IsNull, Repository } from 'typeorm';
import { AppConflict } from '../common/app-exception.js';
import type { TypedConfigService } from '../config/app-config.js';
import { isUniqueViolation } from '../database/pg-errors.js';
import { MailService } from '../mail/mail.service.js';
import type { PasswordResetConfirmDto, PasswordResetRequestDto } from './dto/password-reset.dto.js';
import type { LoginDto, SignupDto } from './dto/signup.dto.js';
import type { UpdateMeDto } from './dto/update-me.dto.js';
import { type AuthResponseDto, toUserResponse } from './dto/user-response.dto.js';
import { UserEntity } from './user.entity.js';

const ARGON2_OPTIONS = {
  type: argon2.argon2id as 2,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

/** How long a password-reset link works. */
export const RESET_VALID_MINUTES = 60;
/** Reset e-mails one account may be sent an hour (more requests answer 202 and send nothing). */
export const RESET_MAILS_PER_HOUR = 5;

/** The stored form of a reset token: hex SHA-256 (the token has 256 random bits, no salt needed). */
export const hashResetToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * A reset for a live account, its e-mail in the outbox — or nothing for an unknown address, in
 * the same single statement (one round trip either way; no answer or timing tells them apart).
 * Parameters: e-mail, token hash, link, valid minutes, hourly cap.
 */
const REQUEST_RESET_SQL = `
WITH target AS (
  SELECT u.id FROM users u
  WHERE u.email = $1 AND u.deleted_at IS NULL
    AND (SELECT count(*) FROM password_resets p
          WHERE p.user_id = u.id AND p.created_at > now() - interval '1 hour') < $5
),
reset AS (
  INSERT INTO password_resets (user_id, token_hash, expires_at)
  SELECT id, $2, now() + make_interval(mins => $4::int) FROM target
  RETURNING id, user_id
),
mail AS (
  INSERT INTO mail_outbox (kind, user_id, data, dedupe_key)
  SELECT 'password_reset', r.user_id,
    jsonb_build_object('validMinutes', $4::int, 'secret', jsonb_build_object('url', $3::text)),
    'password_reset:' || r.id
  FROM reset r
)
SELECT count(*)::int AS created FROM reset`;

/**
 * Uses a reset token, once: the link is marked used only while unused and unexpired (two
 * concurrent uses: the second waits for the first's row lock, then finds it used). Parameter:
 * token hash. Returns the account.
 */
const USE_RESET_SQL = `
UPDATE password_resets SET used_at = now()
WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
RETURNING user_id`;

@Injectable()
export class AuthService {
  // Verified against when the e-mail is unknown, so both failures take the same time.
  private readonly dummyHash = argon2.hash('not-a-real-password', ARGON2_OPTIONS);

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly mail: MailService,
    @Inject(ConfigService) private readonly config: TypedConfigService,
  ) {}

  async signup(dto: SignupDto): Promise<AuthResponseDto> {
    const passwordHash = await argon2.hash(dto.password, ARGON2_OPTIONS);
    try {
      const user = await this.dataSource.transaction(async (manager) => {
        const created = await manager.save(
          manager.create(UserEntity, {
            email: dto.email,
            passwordHash,
            displayName: dto.displayName,
            country: dto.country,
            language: dto.language,
          }),
        );
        await this.mail.enqueue(manager, {
          kind: 'welcome',
          userId: created.id,
          data: { displayName: created.displayName },
        });
        return created;
      });
      this.mail.kick();
      return { user: toUserResponse(user), accessToken: await this.sign(user) };
    } catch (err) {
      if (isUniqueViolation(err, 'UQ_users_email')) {
        throw new AppConflict('EMAIL_TAKEN', 'An account with this e-mail already exists');
      }
      throw err;
    }
  }

  async login(dto: LoginDto): Promise<AuthResponseDto> {
    const user = await this.users.findOneBy({ email: dto.email, deletedAt: IsNull() });
    const ok = await argon2
      .verify(user?.passwordHash || (await this.dummyHash), dto.password)
      .catch(() => false);
    if (!user || !ok) throw new UnauthorizedException('Wrong e-mail or password');
    return { user: toUserResponse(user), accessToken: await this.sign(user) };
  }

  /** The live account behind a token; a deleted account's tokens stop working here. */
  async getActiveUser(userId: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id: userId, deletedAt: IsNull() });
    if (!user) throw new UnauthorizedException('Account no longer exists');
    return user;
  }

  async updateMe(userId: string, dto: UpdateMeDto): Promise<UserEntity> {
    const user = await this.getActiveUser(userId);
    if (dto.displayName !== undefined) user.displayName = dto.displayName;
    if (dto.country !== undefined) user.country = dto.country;
    if (dto.language !== undefined) user.language = dto.language;
    if (dto.spokenLanguages !== undefined) user.spokenLanguages = dto.spokenLanguages;
    return this.users.save(user);
  }

  async findById(userId: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id: userId, deletedAt: IsNull() });
    if (!user) throw new NotFoundException('User not found');
    return user;
  }

  /**
   * POST /auth/password-reset: always the same answer. A live account gets a one-time link by
   * e-mail (at most RESET_MAILS_PER_HOUR an hour); only the token's hash is stored.
   */
  async requestPasswordReset(dto: PasswordResetRequestDto): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const publicUrl = this.config.get('app.publicUrl', { infer: true });
    const url = `${publicUrl}/reset-password?token=${token}`;
    await this.dataSource.query(REQUEST_RESET_SQL, [
      dto.email,
      hashResetToken(token),
      url,
      RESET_VALID_MINUTES,
      RESET_MAILS_PER_HOUR,
    ]);
    this.mail.kick();
  }

  /**
   * POST /auth/password-reset/confirm: the new password, once per link. Every session and
   * token issued before ends (the session version moves on), and the account's other
   * outstanding links are voided.
   */
  async confirmPasswordReset(dto: PasswordResetConfirmDto): Promise<void> {
    // Hashed first, whatever the token: a bad token costs the same as a good one.
    const passwordHash = await argon2.hash(dto.password, ARGON2_OPTIONS);
    const done = await this.dataSource.transaction(async (manager) => {
      const used = await manager.query<[{ user_id: string }[], number]>(USE_RESET_SQL, [
        hashResetToken(dto.token),
      ]);
      const userId = used[0][0]?.user_id;
      if (!userId) return false;
      const updated = await manager.query<[unknown[], number]>(
        `UPDATE users SET password_hash = $2, session_version = session_version + 1,
                updated_at = now()
          WHERE id = $1 AND deleted_at IS NULL
          RETURNING id`,
        [userId, passwordHash],
      );
      if (updated[0].length === 0) return false;
      await manager.query(
        `UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`,
        [userId],
      );
      return true;
    });
    if (!done) {
      throw new BadRequestException('This password-reset link is expired, used or unknown');
    }
  }

  private sign(user: UserEntity): Promise<string> {
    // `sv`: the session version; a password reset moves it on and ends this token.
    return this.jwt.signAsync({ sub: user.id, sv: user.sessionVersion });
  }
}
