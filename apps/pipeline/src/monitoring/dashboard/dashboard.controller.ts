import { Controller, Get, Header, HttpCode, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DASHBOARD_CSS, DASHBOARD_HTML } from './dashboard-page';
import { AUDIT_HTML } from './audit-page';
import { RECORD_HTML } from './record-page';
import { dashboardScript } from './dashboard-script';

/** Chart.js's browser build, straight from its npm package (its exports map hides the file, hence the path). */
const CHART_JS = readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');

/** Serves the dashboard at /dashboard (and / redirects there). */
@ApiExcludeController()
@Controller()
export class DashboardController {
  /** Read (or, from the sources, compiled) when the app starts: a missing script fails the start, not a request. */
  private readonly js = dashboardScript('dashboard');
  private readonly recordJs = dashboardScript('record');
  private readonly auditJs = dashboardScript('audit');
  private readonly domJs = dashboardScript('dom');
  private readonly scaleJs = dashboardScript('scale');

  @Get()
  @Redirect('/dashboard', 302)
  root(): void {}

  @Get('dashboard')
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return DASHBOARD_HTML;
  }

  @Get('dashboard/dashboard.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  script(): string {
    return this.js;
  }

  /** A record's explanation: static too; the script asks /api/records with the key the user types in. */
  @Get('dashboard/record')
  @Header('Content-Type', 'text/html; charset=utf-8')
  recordPage(): string {
    return RECORD_HTML;
  }

  @Get('dashboard/record.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  recordScript(): string {
    return this.recordJs;
  }

  /** Audit replays: static too; the script asks /api/audit/replays with the key the user types in. */
  @Get('dashboard/audit')
  @Header('Content-Type', 'text/html; charset=utf-8')
  auditPage(): string {
    return AUDIT_HTML;
  }

  @Get('dashboard/audit.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  auditScript(): string {
    return this.auditJs;
  }

  @Get('dashboard/dom.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  domScript(): string {
    return this.domJs;
  }

  @Get('dashboard/scale.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  scaleScript(): string {
    return this.scaleJs;
  }

  @Get('dashboard/dashboard.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  style(): string {
    return DASHBOARD_CSS;
  }

  @Get('dashboard/chart.umd.min.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=86400')
  chartJs(): string {
    return CHART_JS;
  }

  /** Browsers ask for it; none is kept. */
  @Get('favicon.ico')
  @HttpCode(204)
  favicon(): void {}
}
