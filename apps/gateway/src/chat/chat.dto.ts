import { Optional } from '../platform/http/validation';
import { ApiProperty } from '@nestjs/swagger';
import type { ChatSendPayload, RoomPayload } from '@p2p/contract';
import { IsBoolean, IsString, IsUUID, Length, Matches } from 'class-validator';

/** Chat messages are short: a long letter belongs on the board. */
export const MAX_CHAT_MESSAGE = 2000;

export class RoomDto implements RoomPayload {
  @IsUUID()
  roomId: string;
}

export class ChatSendDto implements ChatSendPayload {
  @IsUUID()
  roomId: string;

  @IsString()
  @Length(1, MAX_CHAT_MESSAGE)
  @Matches(/\S/, { message: 'body should not be blank' })
  body: string;

  @IsString()
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'idempotencyKey should be 1 to 200 visible ASCII characters' })
  idempotencyKey: string;

  @Optional()
  @IsBoolean()
  guidelinesAcknowledged?: boolean;
}

export class CreateRoomDto {
  @ApiProperty({ example: 'Sunday evening chat', maxLength: 80 })
  @IsString()
  @Length(1, 80)
  @Matches(/\S/, { message: 'name should not be blank' })
  name: string;
}

export class DirectRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The member you would like to talk with.' })
  @IsUUID()
  withUserId: string;
}
