import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentAuth } from '../auth/session.guard';
import { AuthContext } from '../platform/http/auth-context';
import { ApiView } from '../platform/http/openapi';
import { PRINTABLE_CSP } from '../platform/http/printable';
import { exportHtml } from './export-html';
import { ExportService } from './export.service';

@ApiTags('my data')
@ApiBearerAuth()
@Controller('me/export')
export class PrivacyController {
  constructor(private readonly exports: ExportService) {}

  @Get()
  @ApiView('MyDataView')
  @ApiOperation({
    summary:
      'Everything the board holds about me (subject access): my entries whatever happened to them, flags, chat, ' +
      'attendance, the log records that name me, notifications and settings. Only ever my own.',
  })
  mine(@CurrentAuth() auth: AuthContext) {
    return this.exports.mine(auth);
  }

  @Get('page')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-disposition', 'inline; filename="p2p-board-my-data.html"')
  @Header('content-security-policy', PRINTABLE_CSP)
  @ApiProduces('text/html')
  @ApiResponse({
    status: 200,
    description: 'The same, as a page to read, save or print.',
    content: { 'text/html': { schema: { type: 'string', description: 'An HTML page; every word in it escaped.' } } },
  })
  @ApiOperation({ summary: 'Everything the board holds about me, as a page to read, save or print.' })
  async page(@CurrentAuth() auth: AuthContext): Promise<string> {
    return exportHtml(await this.exports.mine(auth));
  }
}
