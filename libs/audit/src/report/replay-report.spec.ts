import type { ReplayRunRow } from '../replay/replay.repository';
import { replayReport, replayReportHtml } from './replay-report';

const RUN: ReplayRunRow = {
  runId: '11111111-2222-4333-8444-555555555555',
  status: 'done',
  sources: ['land'],
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-12-01T00:00:00.000Z',
  provinces: ['66'],
  ruleSet: 'reconcile@candidate-no-tone',
  startedAt: '2026-12-03T10:00:00.000Z',
  finishedAt: '2026-12-03T10:01:00.000Z',
  eventsRead: 12,
  fromArchive: 0,
  gaps: [],
  decided: 4,
  digest: 'aa',
  liveDigest: 'bb',
  liveMissing: 0,
  error: null,
};

describe('the replay report', () => {
  it('holds the run, its figures in the reports’ wording, the verdict against live and each change, escaped in HTML', () => {
    const report = replayReport(
      RUN,
      [
        { source: 'land', provinceCode: '66', communeCode: '24133', outcome: 'MATCHED', records: 3 },
        { source: 'land', provinceCode: '66', communeCode: '24121', outcome: 'MISMATCHED', records: 1 },
      ],
      [
        {
          source: 'land',
          entityId: '<b>24121.1.1</b>',
          outcome: { live: 'MISMATCHED', replay: 'MATCHED' },
          differences: [{ field: 'fullName', live: { kind: 'TONE_PLACEMENT', rule: 'name.tone-placement' }, replay: null }],
          candidates: null,
        },
      ],
      new Date('2026-12-03T11:00:00.000Z'),
    );
    expect(report.outcomes).toEqual({ MATCHED: 3, MISMATCHED: 1 });
    expect(report.digestsEqual).toBe(false);
    expect(report.comparison).toBe('different');
    expect(report.windowComplete).toBe(true);
    expect(report.rows.find((r) => r.provinceCode === '66' && r.communeCode === null)!.report).toBe(
      '75.00 %: 3 of 4 land parcels',
    );
    const html = replayReportHtml(report);
    expect(html).toContain('<dd id="run-rule-set">reconcile@candidate-no-tone</dd>');
    expect(html).toContain('different: 1 records decided otherwise than live');
    expect(html).toContain('<td class="n" data-outcome="MISMATCHED">1</td>');
    expect(html).toContain('&#60;b&#62;24121.1.1&#60;/b&#62;');
    expect(html).toContain('fullName: TONE_PLACEMENT (name.tone-placement) → none');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('id="gaps"');
  });

  it('says a window with gaps is incomplete, not different or equal, and lists each gap', () => {
    const gaps = [{ topic: 'lgsp.land.v1', partition: 2, from: '0', to: '1233', uncertainStart: false }];
    for (const liveDigest of ['bb', 'aa']) {
      const report = replayReport({ ...RUN, liveDigest, fromArchive: 5, gaps }, [], [], new Date());
      expect(report.windowComplete).toBe(false);
      expect(report.comparison).toBe('incomplete');
      const html = replayReportHtml(report);
      expect(html).toMatch(/<dd class="status" id="run-verdict">incomplete: the window has 1 gaps/);
      expect(html).toContain(
        '<li data-topic="lgsp.land.v1" data-partition="2">partition 2 of lgsp.land.v1: offsets 0–1,233 are gone from the topic and not in the archive</li>',
      );
      expect(html).toContain('12 (5 of them from the event archive)');
    }
  });

  it('says there is no digest yet while the run is not done', () => {
    const report = replayReport({ ...RUN, status: 'running', digest: null, liveDigest: null }, [], [], new Date());
    expect(report.digestsEqual).toBeNull();
    expect(replayReportHtml(report)).toContain('no digest: the run is running');
  });
});
