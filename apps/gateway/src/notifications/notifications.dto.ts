import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Optional } from '../platform/http/validation';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What to change in one's notification settings; anything left out stays as it is. */
export class NotificationSettingsDto {
  @ApiPropertyOptional({ nullable: true, maxLength: 254, description: 'Where email goes; null to forget it.' })
  @Optional()
  @ValidateIf((_o, v) => v !== null)
  @IsEmail({}, { message: 'Please give an email address such as name@example.org.' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ description: 'Email for notifications (in the app is always on).' })
  @Optional()
  @IsBoolean()
  emailOn?: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '22:00',
    description: 'Quiet hours start (HH:MM), or null.',
  })
  @Optional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(TIME, { message: 'Please give quiet hours as a time such as 22:00.' })
  quietFrom?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '07:00',
    description: 'Quiet hours end (HH:MM), or null.',
  })
  @Optional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(TIME, { message: 'Please give quiet hours as a time such as 07:00.' })
  quietUntil?: string | null;

  @ApiPropertyOptional({ example: 'Europe/London' })
  @Optional()
  @Matches(/^[A-Za-z0-9_+\-/]{1,64}$/, { message: 'Please give a time zone such as Europe/London.' })
  timeZone?: string;
}

export class MarkReadDto {
  @ApiPropertyOptional({ type: [String], maxItems: 100, description: 'Notifications to mark as read.' })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'Each id should be a notification id.' })
  ids?: string[];

  @ApiPropertyOptional({ description: 'Mark every notification as read.' })
  @Optional()
  @IsBoolean()
  all?: boolean;
}

class PushKeysDto {
  @ApiProperty({ description: "The browser's public key (base64url)." })
  @Matches(/^[A-Za-z0-9_-]{40,200}={0,2}$/, { message: 'keys.p256dh should be the key the browser gave.' })
  p256dh!: string;

  @ApiProperty({ description: 'The shared secret (base64url).' })
  @Matches(/^[A-Za-z0-9_-]{10,100}={0,2}$/, { message: 'keys.auth should be the secret the browser gave.' })
  auth!: string;
}

/** A browser's push subscription, as PushSubscription.toJSON() gives it. */
export class PushSubscriptionDto {
  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @MaxLength(1000)
  endpoint!: string;

  @ApiProperty({ type: PushKeysDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PushKeysDto)
  keys!: PushKeysDto;
}

export class PushEndpointQuery {
  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @MaxLength(1000)
  endpoint!: string;
}

export class Top3MessageDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'A kind word, signed "the Top 3".' })
  @IsString()
  @Matches(/\S/, { message: 'Please write a message.' })
  @MaxLength(2000)
  body!: string;
}
