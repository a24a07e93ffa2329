import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'member1' })
  @IsString()
  @Length(1, 40)
  username: string;

  @ApiProperty({ example: 'demo-password-1', format: 'password' })
  @IsString()
  @Length(1, 200)
  password: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty() isOperator: boolean;
}

export class LoginResponseDto {
  @ApiProperty({
    description: 'Bearer token for the API and sockets. Browsers can rely on the httpOnly cookie instead.',
  })
  token: string;
  @ApiProperty({ description: 'Send this back as the X-CSRF-Token header on state-changing cookie requests.' })
  csrfToken: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: UserDto }) user: UserDto;
}

export class MembershipDto {
  @ApiProperty({ format: 'uuid' }) communityId: string;
  @ApiProperty() communitySlug: string;
  @ApiProperty() communityName: string;
  @ApiProperty({ enum: ['member', 'staff'] }) role: string;
  @ApiProperty({ enum: ['active', 'suspended', 'left'] }) status: string;
  @ApiProperty() isTop3: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) suspendedUntil: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'While suspended: how to reach the outreach team.' })
  outreachContact: string | null;
}

export class MeDto extends UserDto {
  @ApiProperty({ type: [MembershipDto] }) memberships: MembershipDto[];
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) lastSeenAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ nullable: true, type: String }) userAgent: string | null;
  @ApiProperty({ description: 'The session making this request.' }) current: boolean;
}
