import { Body, Controller, Get, HttpCode, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { RateLimit, RateLimitGuard } from '../common/rate-limit.js';
import { type AuthUser, CurrentUser, Public } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { LoginDto, SignupDto } from './dto/signup.dto.js';
import { UpdateMeDto } from './dto/update-me.dto.js';
import { AuthResponseDto, toUserResponse, UserResponseDto } from './dto/user-response.dto.js';

@ApiTags('auth')
@ApiTooManyRequestsResponse({
  description: 'More than AUTH_RATE_LIMIT requests a minute from one IP',
})
@Public()
@RateLimit('auth')
@UseGuards(RateLimitGuard)
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Creates an account and sends a welcome e-mail in the user's language. */
  @Post('signup')
  signup(@Body() dto: SignupDto): Promise<AuthResponseDto> {
    return this.auth.signup(dto);
  }

  /** The same 401 for an unknown e-mail and a wrong password. */
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto): Promise<AuthResponseDto> {
    return this.auth.login(dto);
  }
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  async me(@CurrentUser() user: AuthUser): Promise<UserResponseDto> {
    return toUserResponse(await this.auth.getActiveUser(user.id));
  }

  @Patch()
  async update(@CurrentUser() user: AuthUser, @Body() dto: UpdateMeDto): Promise<UserResponseDto> {
    return toUserResponse(await this.auth.updateMe(user.id, dto));
  }
}
