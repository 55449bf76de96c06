import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ALERT_KINDS, PrometheusService } from '@lgsp/monitoring';

/**
 * The Grafana dashboard and the Prometheus rules in docker/ name metrics by hand: a renamed
 * metric would leave an empty panel or an alert that never fires. Both are checked against the
 * registry the app serves at /metrics.
 */
const docker = join(__dirname, '../../../../docker');

interface Rule {
  alert: string;
  expr: string;
  labels?: Record<string, string>;
}
interface Panel {
  title: string;
  targets?: { expr: string }[];
}

const KEYWORDS = new Set(['and', 'or', 'unless', 'offset', 'bool', 'on', 'ignoring', 'by', 'without']);

/** The metric names a PromQL expression selects (label matchers, ranges, groupings and functions left out). */
function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\w+/g, ' ');
  const names = new Set<string>();
  for (const m of bare.matchAll(/(?<![\w.])([a-zA-Z_:][\w:]*)(?![\w:]|\s*\()/g)) if (!KEYWORDS.has(m[1])) names.add(m[1]);
  return [...names];
}

/** What /metrics exposes: each registered metric, and a histogram's series. */
async function exposedNames(): Promise<Set<string>> {
  const metrics = await new PrometheusService().registry.getMetricsAsJSON();
  const names = new Set<string>();
  for (const m of metrics) {
    names.add(m.name);
    if (String(m.type) === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(m.name + s);
  }
  return names;
}

const rules = (): Rule[] =>
  (parse(readFileSync(join(docker, 'prometheus/alerts.yml'), 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap(
    (g) => g.rules,
  );
const panels = (): Panel[] =>
  (JSON.parse(readFileSync(join(docker, 'grafana/dashboards/lgsp-pipeline.json'), 'utf8')) as { panels: Panel[] }).panels;

describe('operator files in docker/', () => {
  it('reads metric names out of PromQL, and only them', () => {
    expect(
      metricNamesIn(
        'sum by (source) (increase(lgsp_a_total{x="y"}[5m])) / max(lgsp_b offset 5m) > 0.05 and on (source) ' +
          'label_replace(lgsp_c, "source", "$1", "topic", "(.*)") or rate(lgsp_d[$__rate_interval])',
      ).sort(),
    ).toEqual(['lgsp_a_total', 'lgsp_b', 'lgsp_c', 'lgsp_d']);
  });

  it('the registry knows the histogram series and not a misspelt name', async () => {
    const exposed = await exposedNames();
    expect(exposed.has('lgsp_result_latency_seconds_bucket')).toBe(true);
    expect(exposed.has('lgsp_results')).toBe(true);
    expect(exposed.has('lgsp_result')).toBe(false);
  });

  it('every Prometheus rule uses only metrics /metrics exposes, and the built-in alerts all have one', async () => {
    const exposed = await exposedNames();
    const all = rules();
    const used = all.map((r) => ({ rule: r.alert, names: metricNamesIn(r.expr) }));
    for (const u of used) expect(u.names.length).toBeGreaterThan(0);
    expect(used.flatMap((u) => u.names.filter((n) => !exposed.has(n)).map((n) => `${u.rule}: ${n}`))).toEqual([]);
    expect(all.map((r) => r.labels?.lgsp_kind).filter(Boolean)).toEqual([...ALERT_KINDS]);
  });

  it('every Grafana panel queries only metrics /metrics exposes', async () => {
    const exposed = await exposedNames();
    const all = panels();
    expect(all.length).toBeGreaterThanOrEqual(10);
    const unknown: string[] = [];
    for (const p of all) {
      expect({ panel: p.title, targets: p.targets?.length ?? 0 }).not.toEqual({ panel: p.title, targets: 0 });
      for (const t of p.targets ?? []) {
        const names = metricNamesIn(t.expr);
        expect(names.length).toBeGreaterThan(0);
        unknown.push(...names.filter((n) => !exposed.has(n)).map((n) => `${p.title}: ${n}`));
      }
    }
    expect(unknown).toEqual([]);
  });
});
