/** The words of reports, shared by the entities, the DTOs and the renderer. */

/** What a report is about: training progress (charts of the period) or goals. */
export enum ReportKind {
  Progress = 'progress',
  Goals = 'goals',
}

/** The span a report covers, in the owner's time zone. */
export enum ReportPeriod {
  Weekly = 'weekly',
  Monthly = 'monthly',
  Yearly = 'yearly',
  Custom = 'custom',
}

export enum ReportStatus {
  Pending = 'pending',
  Processing = 'processing',
  Completed = 'completed',
  Failed = 'failed',
}

/** How often a scheduled report is made: each one covers the week or month just ended. */
export enum ReportFrequency {
  Weekly = 'weekly',
  Monthly = 'monthly',
}

const PERIOD_TITLES: Record<ReportPeriod, string> = {
  [ReportPeriod.Weekly]: 'Weekly',
  [ReportPeriod.Monthly]: 'Monthly',
  [ReportPeriod.Yearly]: 'Yearly',
  [ReportPeriod.Custom]: 'Custom',
};

/** "Monthly progress report": the cover's title and the email's. */
export function reportTitle(report: { period: ReportPeriod; kind: ReportKind }): string {
  return `${PERIOD_TITLES[report.period]} ${report.kind} report`;
}

/** The PDF's file name, for a download and an email attachment alike. */
export function reportFileName(report: { kind: ReportKind; fromDate: string }): string {
  return `fitai-${report.kind}-report-${report.fromDate}.pdf`;
}
