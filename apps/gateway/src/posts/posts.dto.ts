import { Optional } from '../platform/http/validation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsString, Length, Matches, Min } from 'class-validator';
import { PostStatus, REACTION_KINDS } from '@p2p/contract';

const POST_STATUSES: PostStatus[] = ['pending', 'published', 'withdrawn', 'held', 'hidden', 'removed'];

const notBlank = { message: '$property should not be blank' };

export class CreatePostDto {
  @ApiProperty({
    example: 'Does anyone else find Sundays long?',
    maxLength: 20000,
    description: 'Markdown-lite: paragraphs, *emphasis*, lists, links.',
  })
  @IsString()
  @Length(1, 20000)
  @Matches(/\S/, notBlank)
  body: string;

  @ApiPropertyOptional({
    description: 'Send true to post after the guidelines asked you to think again (a 422 with their findings).',
  })
  @Optional()
  @IsBoolean()
  guidelinesAcknowledged?: boolean;

  @ApiPropertyOptional({
    description:
      'Send true to send it to the Top 3 first: it waits on their review list (like a held post) instead of going ' +
      'to the board, and they can share it or write to you. Not counted in the hourly posting limit (it has one of its own).',
  })
  @Optional()
  @IsBoolean()
  forTop3?: boolean;
}

/** A new thread: its title, and its opening post like any reply. */
export class CreateThreadDto extends CreatePostDto {
  @ApiProperty({ example: 'Finding the weekend hard', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, notBlank)
  title: string;
}

export class EditPostDto {
  @ApiPropertyOptional({ maxLength: 20000 })
  @Optional()
  @IsString()
  @Length(1, 20000)
  @Matches(/\S/, notBlank)
  body?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Only for the opening post of a thread.' })
  @Optional()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, notBlank)
  title?: string;

  @ApiPropertyOptional({
    description: 'Send true to post after the guidelines asked you to think again (a 422 with their findings).',
  })
  @Optional()
  @IsBoolean()
  guidelinesAcknowledged?: boolean;
}

export class AuthorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

export class PostDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) threadId: string;
  @ApiProperty({ format: 'uuid' }) boardId: string;
  @ApiProperty({ format: 'uuid' }) communityId: string;
  @ApiProperty({ type: AuthorDto }) author: AuthorDto;
  @ApiProperty() isOpening: boolean;
  @ApiProperty() body: string;
  @ApiProperty({ description: 'Safe HTML rendering of body.' }) html: string;
  @ApiProperty({ enum: POST_STATUSES }) status: PostStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', description: 'When the thinking space ends; editing does not move it.' })
  releaseAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) releasedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) editedAt: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Community sequence number of its publication.' }) seq:
    number | null;
}

export class ThreadDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) boardId: string;
  @ApiProperty({ format: 'uuid' }) communityId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: AuthorDto }) author: AuthorDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastPostAt: string | null;
  @ApiProperty() postCount: number;
  @ApiProperty({ enum: POST_STATUSES }) status: PostStatus;
  @ApiPropertyOptional({
    description: "In a board's list: one plain line (at most 120 characters) from the latest post on the board.",
  })
  preview?: string;
  @ApiPropertyOptional({
    description: "In a board's list: others have posted since the caller last opened the thread (or never opened it).",
  })
  unread?: boolean;
}

export class ThreadReadDto {
  @ApiProperty({
    example: 42,
    description: 'The sequence number (seq) of the latest post the reader was shown. Reading never goes backwards.',
  })
  @IsInt()
  @Min(0)
  seq: number;
}

export class CreatedThreadDto {
  @ApiProperty({ type: ThreadDto }) thread: ThreadDto;
  @ApiProperty({ type: PostDto }) post: PostDto;
  @ApiProperty({
    enum: ['pending', 'held'],
    description:
      'pending: in its thinking space; held: waiting for a Top 3 member (sent to them, or held by the guidelines).',
  })
  status: 'pending' | 'held';
  @ApiProperty({ format: 'date-time' }) releaseAt: string;
}

export class CreatedPostDto extends PostDto {}

export class ThreadPageDto {
  @ApiProperty({ type: [ThreadDto] }) items: ThreadDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ type: [ThreadDto], description: "The caller's own threads still in their thinking space." })
  pending: ThreadDto[];
}

export class PostPageDto {
  @ApiProperty({ type: [PostDto] }) items: PostDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ type: [PostDto], description: "The caller's own replies still in their thinking space." })
  pending: PostDto[];
  @ApiProperty({ type: () => ThreadDto, description: 'The thread these posts belong to.' })
  thread: ThreadDto;
  @ApiProperty({
    type: [String],
    description: 'Of the posts on this page, those the caller has already asked the Top 3 to look at (flagged).',
  })
  flaggedByMe: string[];
  @ApiProperty({
    type: () => [PostReactionsDto],
    description:
      'Supportive reactions on the posts of this page that are on the board and have any: counts, and your own.',
  })
  reactions: PostReactionsDto[];
}

class ReactionCountsDto {
  @ApiProperty({ example: 2 }) 'hear-you': number;
  @ApiProperty({ example: 1 }) strength: number;
  @ApiProperty({ example: 0 }) thanks: number;
}

export class PostReactionsDto {
  @ApiProperty({ format: 'uuid' }) postId: string;
  @ApiProperty({ type: ReactionCountsDto, description: 'How many members left each reaction. Never who.' })
  counts: ReactionCountsDto;
  @ApiProperty({ enum: REACTION_KINDS, isArray: true, description: 'The reactions the caller left.' })
  mine: string[];
}
