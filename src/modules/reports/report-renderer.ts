import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import {
  bodyWeightChart,
  CHART_HEIGHT,
  CHART_WIDTH,
  ChartSvg,
  e1rmChart,
  goalProgressChart,
  moodTrainingChart,
  volumeChart,
} from './report-charts';
import { MONTH_NAMES } from '../../common/time/local-date';
import { GoalRow, RecordRow, ReportContent } from './report-content';
import { ReportKind } from './report.vocabulary';

/** A rendered report and what the e2e test and the API check it against. */
export interface RenderedReport {
  pdf: Buffer;
  pageCount: number;
  chartCount: number;
}

/** Every chart's caption starts with this, then its number: "Figure 2. …" (counted by tests). */
export const FIGURE_PREFIX = 'Figure';

/**
 * The layout, fixed per kind (docs/reports.md): progress = cover with the headline figures,
 * two pages of two charts each, one page of tables (PRs, goals, insights) = 4 pages and 4
 * charts; goals = cover, one page with the goals chart and table = 2 pages and 1 chart. A
 * table longer than its page continues on the next one.
 */
export const LAYOUT: Record<ReportKind, { pages: number; charts: number }> = {
  [ReportKind.Progress]: { pages: 4, charts: 4 },
  [ReportKind.Goals]: { pages: 2, charts: 1 },
};

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const FOOTER_Y = A4.height - 34;
const INK = '#111827';
const MUTED = '#6b7280';
const ACCENT = '#2563eb';
const RULE = '#e5e7eb';

/** Renders the report as a PDF (pdfkit, A4, vector charts, page numbers on every page). */
export async function renderReport(
  content: ReportContent,
  onProgress: (fraction: number) => Promise<void> = async () => undefined,
): Promise<RenderedReport> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `${content.title}, ${content.fromDate} to ${content.toDate}`,
      Author: 'FitAI',
      Subject: `FitAI ${content.kind} report`,
      CreationDate: new Date(content.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const figures = new Figures(doc);
  cover(doc, content);
  await onProgress(0.2);
  if (content.kind === ReportKind.Progress) {
    const unit = content.weightUnit;
    doc.addPage();
    heading(doc, 'Training');
    figures.draw(volumeChart(content.charts.weeklyVolume, unit));
    figures.draw(e1rmChart(content.charts.e1rm, unit));
    await onProgress(0.5);
    doc.addPage();
    heading(doc, 'Body and mind');
    figures.draw(bodyWeightChart(content.charts.bodyWeight, unit));
    figures.draw(moodTrainingChart(content.charts.moodTraining, unit));
    await onProgress(0.8);
    doc.addPage();
    recordsTable(doc, content.records);
    goalsTable(doc, content.goals);
    if (content.insights) insights(doc, content.insights);
  } else {
    doc.addPage();
    heading(doc, 'Goals');
    figures.draw(goalProgressChart(content.charts.goalProgress));
    await onProgress(0.6);
    goalsTable(doc, content.goals);
  }
  const pageCount = pageNumbers(doc, content);
  doc.end();
  await finished;
  await onProgress(1);
  return { pdf: Buffer.concat(chunks), pageCount, chartCount: figures.count };
}

/** Draws charts as numbered figures with their caption below. */
class Figures {
  count = 0;
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  draw(chart: ChartSvg): void {
    const height = (CONTENT_WIDTH * CHART_HEIGHT) / CHART_WIDTH;
    const y = this.doc.y;
    SVGtoPDF(this.doc, chart.svg, MARGIN, y, {
      width: CONTENT_WIDTH,
      height,
      assumePt: false,
    });
    this.count += 1;
    this.doc
      .font('Helvetica-Oblique')
      .fontSize(9.5)
      .fillColor(MUTED)
      .text(`${FIGURE_PREFIX} ${this.count}. ${chart.caption}`, MARGIN, y + height + 6, {
        width: CONTENT_WIDTH,
        align: 'center',
      });
    this.doc.x = MARGIN;
    this.doc.y = y + height + 36;
  }
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  doc.font('Helvetica-Bold').fontSize(18).fillColor(INK).text(text, MARGIN, MARGIN);
  const y = doc.y + 4;
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + CONTENT_WIDTH, y)
    .lineWidth(1)
    .strokeColor(RULE)
    .stroke();
  doc.x = MARGIN;
  doc.y = y + 16;
}

function cover(doc: PDFKit.PDFDocument, content: ReportContent): void {
  doc.rect(0, 0, A4.width, 210).fill(ACCENT);
  doc.font('Helvetica-Bold').fontSize(13).fillColor('#dbeafe').text('FitAI', MARGIN, 56);
  doc.font('Helvetica-Bold').fontSize(28).fillColor('#ffffff').text(content.title, MARGIN, 86);
  doc
    .font('Helvetica')
    .fontSize(14)
    .fillColor('#ffffff')
    .text(`${longDate(content.fromDate)} - ${longDate(content.toDate)}`, MARGIN, 130);
  doc
    .fontSize(11)
    .fillColor('#dbeafe')
    .text(
      `${content.ownerName} · days in ${content.timeZone} · weights in ${content.weightUnit}`,
      MARGIN,
      156,
    );

  doc.font('Helvetica-Bold').fontSize(16).fillColor(INK).text('Headline figures', MARGIN, 250);
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor(MUTED)
    .text(
      'Each figure with its change against the previous period of the same length.',
      MARGIN,
      272,
    );

  const columns = 2;
  const gap = 14;
  const cardWidth = (CONTENT_WIDTH - gap) / columns;
  const cardHeight = 70;
  content.headlines.forEach((headline, i) => {
    const x = MARGIN + (i % columns) * (cardWidth + gap);
    const y = 300 + Math.floor(i / columns) * (cardHeight + gap);
    doc.roundedRect(x, y, cardWidth, cardHeight, 6).fillAndStroke('#f9fafb', RULE);
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor(MUTED)
      .text(headline.label, x + 14, y + 12, {
        width: cardWidth - 28,
      });
    doc
      .font('Helvetica-Bold')
      .fontSize(20)
      .fillColor(INK)
      .text(headline.value, x + 14, y + 28, {
        width: cardWidth - 110,
        lineBreak: false,
      });
    doc
      .font('Helvetica-Bold')
      .fontSize(11)
      .fillColor(changeColor(headline.change))
      .text(headline.change, x + cardWidth - 104, y + 34, { width: 90, align: 'right' });
  });
  doc.x = MARGIN;
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      `Generated ${content.generatedAt.slice(0, 16).replace('T', ' ')} UTC`,
      MARGIN,
      A4.height - 80,
    );
}

function changeColor(change: string): string {
  if (change.startsWith('+')) return '#15803d';
  if (change.startsWith('-')) return '#b91c1c';
  return MUTED;
}

interface Column<Row> {
  title: string;
  width: number;
  value: (row: Row) => string;
}

/** A simple table; rows that do not fit continue on a new page with the header repeated. */
function table<Row>(
  doc: PDFKit.PDFDocument,
  title: string,
  columns: Column<Row>[],
  rows: Row[],
  empty: string,
): void {
  if (doc.y > A4.height - 160) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(15).fillColor(INK).text(title, MARGIN, doc.y);
  doc.moveDown(0.4);
  const rowHeight = 18;
  const header = () => {
    let x = MARGIN;
    const y = doc.y;
    doc.rect(MARGIN, y - 3, CONTENT_WIDTH, rowHeight).fill('#f3f4f6');
    doc.font('Helvetica-Bold').fontSize(9.5).fillColor(INK);
    for (const column of columns) {
      doc.text(column.title, x + 4, y + 1, { width: column.width - 8, lineBreak: false });
      x += column.width;
    }
    doc.y = y + rowHeight;
  };
  header();
  if (rows.length === 0) {
    doc
      .font('Helvetica-Oblique')
      .fontSize(9.5)
      .fillColor(MUTED)
      .text(empty, MARGIN + 4, doc.y + 2);
    doc.x = MARGIN;
    doc.moveDown(1.2);
    return;
  }
  for (const row of rows) {
    if (doc.y + rowHeight > A4.height - 70) {
      doc.addPage();
      header();
    }
    let x = MARGIN;
    const y = doc.y;
    doc.font('Helvetica').fontSize(9.5).fillColor(INK);
    for (const column of columns) {
      doc.text(column.value(row), x + 4, y + 1, {
        width: column.width - 8,
        height: rowHeight,
        lineBreak: false,
        ellipsis: true,
      });
      x += column.width;
    }
    doc
      .moveTo(MARGIN, y + rowHeight - 3)
      .lineTo(MARGIN + CONTENT_WIDTH, y + rowHeight - 3)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.y = y + rowHeight;
  }
  doc.x = MARGIN;
  doc.moveDown(1.4);
}

function recordsTable(doc: PDFKit.PDFDocument, records: RecordRow[]): void {
  table<RecordRow>(
    doc,
    'Personal records (the best of each lift and kind in the period)',
    [
      { title: 'Date', width: 75, value: (r) => r.date },
      { title: 'Exercise', width: 210, value: (r) => r.exercise },
      { title: 'Record', width: 110, value: (r) => r.kind },
      { title: 'Value', width: CONTENT_WIDTH - 395, value: (r) => r.value },
    ],
    records,
    'No personal record in this period.',
  );
}

function goalsTable(doc: PDFKit.PDFDocument, goals: GoalRow[]): void {
  table<GoalRow>(
    doc,
    'Goals',
    [
      { title: 'Goal', width: 185, value: (g) => g.title },
      { title: 'Status', width: 70, value: (g) => g.status },
      { title: 'Progress', width: 65, value: (g) => g.progress },
      { title: 'Target', width: 95, value: (g) => g.target },
      { title: 'Deadline', width: CONTENT_WIDTH - 415, value: (g) => g.deadline },
    ],
    goals,
    'No goals set.',
  );
}

function insights(doc: PDFKit.PDFDocument, lines: string[]): void {
  if (doc.y > A4.height - 160) doc.addPage();
  doc.font('Helvetica-Bold').fontSize(15).fillColor(INK).text('Insights', MARGIN, doc.y);
  doc.moveDown(0.4);
  doc.font('Helvetica').fontSize(10).fillColor(INK);
  if (lines.length === 0) {
    doc.fillColor(MUTED).text('No pattern in this period passed the significance checks.');
    return;
  }
  for (const line of lines) doc.text(`•  ${line}`, { width: CONTENT_WIDTH, paragraphGap: 4 });
}

/** "Page n of N" on every page (pages are buffered, so N is known). */
function pageNumbers(doc: PDFKit.PDFDocument, content: ReportContent): number {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(
        `FitAI · ${content.title} · ${content.fromDate} to ${content.toDate}`,
        MARGIN,
        FOOTER_Y,
        {
          width: CONTENT_WIDTH / 2 + 80,
          lineBreak: false,
        },
      )
      .text(`Page ${i + 1 - range.start} of ${range.count}`, MARGIN, FOOTER_Y, {
        width: CONTENT_WIDTH,
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  return range.count;
}

/** "2026-11-01" → "1 November 2026". */
function longDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}
