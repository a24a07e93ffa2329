import { Body, Controller, Get, Header, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ERASURE_CONFIRMATION, ErasureRequest, ErasureView } from '@p2p/contract';
import { IsString, Length } from 'class-validator';
import type { Request, Response } from 'express';
import { CurrentAuth } from '../auth/session.guard';
import { CSRF_COOKIE, SESSION_COOKIE } from '../auth/tokens';
import { AuthContext } from '../platform/http/auth-context';
import { ApiView } from '../platform/http/openapi';
import { PRINTABLE_CSP } from '../platform/http/printable';
import { exportHtml } from './export-html';
import { ErasureService } from './erasure.service';
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

export class ErasureDto implements ErasureRequest {
  @ApiProperty({ format: 'password', description: 'The account’s password, asked again.' })
  @IsString()
  @Length(1, 200)
  password: string;

  @ApiProperty({ example: ERASURE_CONFIRMATION, description: `Exactly "${ERASURE_CONFIRMATION}".` })
  @IsString()
  @Length(1, 100)
  confirm: string;
}

@ApiTags('my data')
@ApiBearerAuth()
@Controller('me/erasure')
export class ErasureController {
  constructor(private readonly erasure: ErasureService) {}

  @Post()
  @HttpCode(200)
  @ApiView('ErasureView')
  @ApiOperation({
    summary:
      'Erase my account, for good: my entries lose their words (or stay from "a former member", by each ' +
      "community's policy), the log keeps its records without my words and still verifies, my settings, plan " +
      'and sign-ins go. Asks for the password again; wrong guesses count like failed sign-ins.',
  })
  async erase(
    @CurrentAuth() auth: AuthContext,
    @Body() body: ErasureDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ErasureView> {
    const done = await this.erasure.eraseSelf(auth, body.password, body.confirm, req.ip ?? 'unknown');
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.clearCookie(CSRF_COOKIE, { path: '/' });
    return done;
  }
}
