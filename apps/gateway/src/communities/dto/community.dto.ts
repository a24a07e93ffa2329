import { Optional } from '../../platform/http/validation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { SETTING_BOUNDS } from '@p2p/moderation';
import { isReachable } from '@p2p/contract';

const B = SETTING_BOUNDS;

export class CrisisContactDto {
  /** A contact with only a name helps nobody at 3 a.m.: a number or an address is needed. */
  @ApiProperty({ example: 'Samaritans', description: 'Each contact needs a phone number or a web address too.' })
  @IsString()
  @Length(1, 80)
  @ValidateBy({
    name: 'reachable',
    validator: {
      validate: (_name, args) => isReachable(args?.object as CrisisContactDto),
      defaultMessage: () => 'each crisis contact needs a phone number or a web address',
    },
  })
  name: string;
  @ApiPropertyOptional({ example: '116 123' })
  @Optional()
  @IsString()
  @Matches(/^[0-9+() -]{2,30}$/, { message: 'phone should be a phone number' })
  phone?: string;
  @ApiPropertyOptional()
  @Optional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(300)
  url?: string;
  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(300) note?: string;
}

export class SettingsDto {
  @ApiPropertyOptional({
    description: 'The thinking space, in seconds (0 allowed).',
    minimum: B.postingDelaySeconds.min,
    maximum: B.postingDelaySeconds.max,
  })
  @Optional()
  @IsInt()
  @Min(B.postingDelaySeconds.min)
  @Max(B.postingDelaySeconds.max)
  postingDelaySeconds?: number;

  @ApiPropertyOptional({ minimum: B.chatDelaySeconds.min, maximum: B.chatDelaySeconds.max })
  @Optional()
  @IsInt()
  @Min(B.chatDelaySeconds.min)
  @Max(B.chatDelaySeconds.max)
  chatDelaySeconds?: number;

  @ApiPropertyOptional({ minimum: B.flagThreshold.min, maximum: B.flagThreshold.max })
  @Optional()
  @IsInt()
  @Min(B.flagThreshold.min)
  @Max(B.flagThreshold.max)
  flagThreshold?: number;

  @ApiPropertyOptional({ minimum: B.suspensionAfterNoContact.min, maximum: B.suspensionAfterNoContact.max })
  @Optional()
  @IsInt()
  @Min(B.suspensionAfterNoContact.min)
  @Max(B.suspensionAfterNoContact.max)
  suspensionAfterNoContact?: number;

  @ApiPropertyOptional({ minimum: B.suspensionMonths.min, maximum: B.suspensionMonths.max })
  @Optional()
  @IsInt()
  @Min(B.suspensionMonths.min)
  @Max(B.suspensionMonths.max)
  suspensionMonths?: number;

  @ApiPropertyOptional({ type: [CrisisContactDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CrisisContactDto)
  crisisContacts?: CrisisContactDto[];

  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @MaxLength(500)
  outreachContact?: string;

  @ApiPropertyOptional({ description: 'Whether members may ask for direct conversations (monitored by two Top 3).' })
  @Optional()
  @IsBoolean()
  directConversations?: boolean;
}

export class CreateCommunityDto {
  @ApiProperty({
    example: 'aspatria',
    description: 'Short name used in addresses: lowercase letters, digits and dashes.',
  })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,39}$/, { message: 'slug should be 2-40 lowercase letters, digits or dashes' })
  slug: string;

  @ApiProperty({ example: 'Aspatria Therapeutic Community' }) @IsString() @Length(1, 120) name: string;

  @ApiPropertyOptional({ type: SettingsDto })
  @Optional()
  @ValidateNested()
  @Type(() => SettingsDto)
  settings?: SettingsDto;
}

export class CommunityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty() postingDelaySeconds: number;
  @ApiProperty() chatDelaySeconds: number;
  @ApiProperty() flagThreshold: number;
  @ApiProperty() suspensionAfterNoContact: number;
  @ApiProperty() suspensionMonths: number;
  @ApiProperty({ type: [CrisisContactDto] }) crisisContacts: CrisisContactDto[];
  @ApiProperty() outreachContact: string;
  @ApiProperty() directConversations: boolean;
}

export class AdmitDto {
  @ApiProperty({ example: 'member5' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/, {
    message: 'username should be 2-40 letters, digits, dots, dashes or underscores',
  })
  username: string;

  @ApiProperty({ enum: ['member', 'staff'] }) @IsIn(['member', 'staff']) role: 'member' | 'staff';

  @ApiPropertyOptional({ description: 'For a new account: the name others see.' })
  @Optional()
  @IsString()
  @Length(1, 80)
  displayName?: string;

  @ApiPropertyOptional({
    description: 'For a new account: a first password, at least 10 characters, to change at first sign-in.',
  })
  @Optional()
  @IsString()
  @Length(10, 200)
  initialPassword?: string;
}

/** Another member as the community sees them on the board: a name, never account details. */
export class PersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty() isTop3: boolean;
}

export class MemberDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['member', 'staff'] }) role: string;
  @ApiProperty({ enum: ['active', 'suspended', 'left'] }) status: string;
  @ApiProperty() isTop3: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) suspendedUntil: string | null;
  @ApiProperty({ format: 'date-time' }) joinedAt: string;
}

export class MemberPageDto {
  @ApiProperty({ type: [MemberDto] }) items: MemberDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page.' })
  nextCursor: string | null;
}

export class PeopleDto {
  @ApiProperty({ type: [PersonDto] }) items: PersonDto[];
}
