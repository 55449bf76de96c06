import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { launchChromium } from '@lgsp/lab';
import { BenchReport } from './bench-report';

/** The page: two Chart.js charts (throughput on a log scale, latency percentiles), figures only. */
export function chartPage(report: BenchReport, chartJs: string): string {
  const throughput = {
    labels: ['raw kafkajs consume', 'PostgreSQL COPY', 'pipeline (end to end)', 'NestJS + TypeORM baseline'],
    data: [report.rawConsumeRps, report.copyRps, report.pipelineRps, report.baselineRps].map((n) => Math.round(n)),
  };
  const latency = { labels: ['p50', 'p95', 'p99'], data: [report.p50LatencyMs, report.p95LatencyMs, report.p99LatencyMs] };
  const title = `lgsp bench: ${report.citizens.toLocaleString('en-US')} citizens, ${report.events.toLocaleString('en-US')} events, ${report.machine.cpus} cores`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;font-family:sans-serif;background:#fff}h1{font-size:16px;margin:10px 16px}
.row{display:flex}.box{width:600px;height:380px;padding:8px}</style></head><body>
<h1>${title}</h1><div class="row"><div class="box"><canvas id="t"></canvas></div><div class="box"><canvas id="l"></canvas></div></div>
<script>${chartJs}</script><script>
Chart.defaults.animation = false;
new Chart(document.getElementById('t'), { type: 'bar', data: { labels: ${JSON.stringify(throughput.labels)},
  datasets: [{ label: 'records per second (log scale)', data: ${JSON.stringify(throughput.data)},
  backgroundColor: ['#9e9e9e', '#bdbdbd', '#1e88e5', '#e53935'] }] },
  options: { responsive: true, maintainAspectRatio: false, scales: { y: { type: 'logarithmic', title: { display: true, text: 'records/s' } } },
  plugins: { title: { display: true, text: 'Throughput' } } } });
new Chart(document.getElementById('l'), { type: 'bar', data: { labels: ${JSON.stringify(latency.labels)},
  datasets: [{ label: 'source commit to published result, ms (at ${report.offeredRate} events/s offered)', data: ${JSON.stringify(latency.data)},
  backgroundColor: '#1e88e5' }] },
  options: { responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, title: { display: true, text: 'ms' } } },
  plugins: { title: { display: true, text: 'Latency at a steady load' } } } });
</script></body></html>`;
}

/** Renders the charts to a PNG with Debian's Chromium (playwright-core drives it; no browser download). */
export async function renderChart(report: BenchReport, file: string): Promise<void> {
  const chartJs = readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
  const html = file.replace(/\.png$/, '.html');
  writeFileSync(html, chartPage(report, chartJs));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1232, height: 440 } });
    await page.goto(`file://${html}`);
    await page.screenshot({ path: file });
  } finally {
    await browser.close();
  }
}
