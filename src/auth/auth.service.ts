import { Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import argon2 from 'argon2';
import { DataSource, IsNull, Repository } from 'typeorm';
import { AppConflict } from '../common/app-exception.js';
import { isUniqueViolation } from '../database/pg-errors.js';
import { MailService } from '../mail/mail.service.js';
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

@Injectable()
export class AuthService {
  // Verified against when the e-mail is unknown, so both failures take the same time.
  private readonly dummyHash = argon2.hash('not-a-real-password', ARGON2_OPTIONS);

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly mail: MailService,
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

  private sign(user: UserEntity): Promise<string> {
    return this.jwt.signAsync({ sub: user.id });
  }
}
