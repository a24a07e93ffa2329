import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentAuth } from '../auth/session.guard';
import { AuthContext } from '../platform/http/auth-context';
import { ApiView } from '../platform/http/openapi';
import { DraftPlacePipe, SaveDraftDto } from './drafts.dto';
import { DraftsService } from './drafts.service';

const PLACE = {
  name: 'place',
  description: 'Where the draft will go: board:<id> (a new thread), thread:<id> (a reply) or room:<id> (chat).',
  schema: {
    type: 'string' as const,
    pattern: '^(board|thread|room):[0-9a-fA-F-]{36}$',
    example: 'thread:3f1c2a9e-7b4d-4c1e-9a2f-0d6e5b8c7a10',
  },
};

@ApiTags('drafts')
@ApiBearerAuth()
@Controller('me/drafts')
export class DraftsController {
  constructor(private readonly drafts: DraftsService) {}

  @Get(':place')
  @ApiParam(PLACE)
  @ApiView('DraftView', { description: 'The draft; with no draft here, an empty body and updatedAt null.' })
  @ApiOperation({ summary: 'My draft for one place: words I have not sent yet. Nobody else reads it.' })
  mine(@CurrentAuth() auth: AuthContext, @Param('place', DraftPlacePipe) place: string) {
    return this.drafts.mine(auth, place);
  }

  @Put(':place')
  @ApiParam(PLACE)
  @ApiView('DraftView')
  @ApiOperation({ summary: 'Keep my draft for one place as it is now, replacing what was kept before.' })
  save(@CurrentAuth() auth: AuthContext, @Param('place', DraftPlacePipe) place: string, @Body() body: SaveDraftDto) {
    return this.drafts.save(auth, place, body);
  }

  @Delete(':place')
  @HttpCode(204)
  @ApiParam(PLACE)
  @ApiOperation({ summary: 'Throw away my draft for one place (done once it is sent). Nothing to throw is fine.' })
  async remove(@CurrentAuth() auth: AuthContext, @Param('place', DraftPlacePipe) place: string): Promise<void> {
    await this.drafts.remove(auth, place);
  }
}
