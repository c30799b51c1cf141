import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { TypedConfigService } from '../config/app-config.js';
import { AuthController, MeController, SessionController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { PasswordResetEntity } from './password-reset.entity.js';
import { UserEntity } from './user.entity.js';
import { WebSession } from './web-session.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, PasswordResetEntity]),
    JwtModule.registerAsync({
      global: true,
      inject: [ConfigService],
      useFactory: (config: TypedConfigService) => {
        const { jwtSecret, jwtTtlSeconds } = config.get('auth', { infer: true });
        // HS256 pinned on both sides: `alg: none` or an RS/ES token is refused.
        return {
          // A KeyObject made once: given a string, jsonwebtoken first tries to parse it as a
          // PEM public key (createPublicKey, which throws) on EVERY verify and sign; that was a
          // fifth of the API's CPU under the registration burst.
          secret: createSecretKey(Buffer.from(jwtSecret, 'utf8')),
          signOptions: { algorithm: 'HS256', expiresIn: jwtTtlSeconds },
          verifyOptions: { algorithms: ['HS256'] },
        };
      },
    }),
  ],
  controllers: [AuthController, SessionController, MeController],
  providers: [AuthService, WebSession],
  exports: [AuthService, WebSession, TypeOrmModule],
})
export class AuthModule {}
