import { ApiProperty } from '@nestjs/swagger';

export class BoardDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) communityId: string;
  @ApiProperty({ enum: ['community', 'private', 'info'] }) kind: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'A private board for whoever holds a Top 3 seat.' }) top3Only: boolean;
}

export class InfoPageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Markdown-lite text.' }) body: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
