import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiView } from '../platform/http/openapi';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthContext } from '../platform/http/auth-context';
import { CurrentAuth } from '../auth/session.guard';
import { CrisisPlanDto } from './crisis-plan.dto';
import { CrisisPlanService } from './crisis-plan.service';

@ApiTags('crisis plan')
@ApiBearerAuth()
@Controller('me/crisis-plan')
export class CrisisPlanController {
  constructor(private readonly plans: CrisisPlanService) {}

  @Get()
  @ApiView('CrisisPlanView')
  @ApiOperation({ summary: 'My own crisis plan: who to call, what helps, where to go. Nobody else reads it here.' })
  mine(@CurrentAuth() auth: AuthContext) {
    return this.plans.mine(auth);
  }

  @Put()
  @ApiView('CrisisPlanView')
  @ApiOperation({
    summary: 'Change my crisis plan, and whether the Top 3 see it beside a post of mine that is held.',
  })
  save(@CurrentAuth() auth: AuthContext, @Body() body: CrisisPlanDto) {
    return this.plans.save(auth, body);
  }
}
