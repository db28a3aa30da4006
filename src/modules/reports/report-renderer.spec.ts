import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIGURE_PREFIX, LAYOUT, renderReport } from './report-renderer';
import { sampleContent } from './testing/sample-content';
import { ReportKind } from './report.vocabulary';

/** pdftotext (poppler-utils) of a PDF, in reading order. */
function textOf(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'report-')), 'r.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString();
}

function pagesOf(pdf: Buffer): number {
  const file = join(mkdtempSync(join(tmpdir(), 'report-')), 'r.pdf');
  writeFileSync(file, pdf);
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())![1]);
}

const figures = (text: string) => text.match(new RegExp(`${FIGURE_PREFIX} \\d+\\.`, 'g')) ?? [];

describe('renderReport', () => {
  it('draws the progress report as designed: 4 pages, 4 vector charts, numbered pages', async () => {
    const steps: number[] = [];
    const report = await renderReport(sampleContent(), async (f) => {
      steps.push(f);
    });
    expect(report.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(report.pageCount).toBe(LAYOUT[ReportKind.Progress].pages);
    expect(pagesOf(report.pdf)).toBe(4);
    expect(report.chartCount).toBe(4);
    const text = textOf(report.pdf);
    expect(figures(text)).toEqual(['Figure 1.', 'Figure 2.', 'Figure 3.', 'Figure 4.']);
    for (let page = 1; page <= 4; page++) expect(text).toContain(`Page ${page} of 4`);
    expect(text).toContain('1 November 2026 - 30 November 2026');
    expect(text).toMatch(/48 215 kg\s+\+12\.4 %/);
    expect(text).toContain('Barbell Full Squat');
    expect(text).toContain('Train 4 times a week');
    // Axis labels are text drawn from the SVG (vector), not an image.
    expect(text).toContain('16 Nov');
    expect(report.pdf.includes('/Subtype /Image')).toBe(false);
    expect(steps[steps.length - 1]).toBe(1);
  });

  it('draws the goals report with its one chart on 2 pages', async () => {
    const report = await renderReport(sampleContent(ReportKind.Goals));
    expect(report).toMatchObject({ pageCount: 2, chartCount: 1 });
    expect(figures(textOf(report.pdf))).toEqual(['Figure 1.']);
  });

  it('keeps the layout with no data at all (empty charts say so)', async () => {
    const content = sampleContent();
    content.charts = {
      weeklyVolume: [],
      e1rm: [],
      bodyWeight: [],
      moodTraining: [],
      goalProgress: [],
    };
    content.records = [];
    content.goals = [];
    const report = await renderReport(content);
    expect(report).toMatchObject({ pageCount: 4, chartCount: 4 });
    const text = textOf(report.pdf);
    expect(text).toContain('No body weight logged in this period');
    expect(text).toContain('No personal record in this period.');
  });

  it('continues a long table on a new page', async () => {
    const content = sampleContent();
    content.records = Array.from({ length: 60 }, (_, i) => ({
      date: '2026-11-02',
      exercise: `Exercise ${i}`,
      kind: 'Max weight',
      value: `${100 + i} kg`,
    }));
    const report = await renderReport(content);
    expect(report.pageCount).toBeGreaterThan(4);
    expect(textOf(report.pdf)).toContain('Exercise 59');
  });
});
