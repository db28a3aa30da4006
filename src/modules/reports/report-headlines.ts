import type { AnalyticsOverviewDto } from '../analytics/dto/analytics.dto';
import { Headline } from './report-content';

/** 12450.5 → "12 450.5": thousands grouped by a space, at most `decimals` decimals. */
export function formatNumber(value: number, decimals = 2): string {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  const [whole, fraction] = Math.abs(rounded).toString().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${rounded < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** "+3", "-0.8 kg", "+12.4 %"; "n/a" without a previous value. */
export function formatChange(value: number | null, suffix = ''): string {
  if (value === null) return 'n/a';
  return `${value > 0 ? '+' : ''}${formatNumber(value)}${suffix}`;
}

/**
 * The cover's figures: exactly AnalyticsService.overview's (the same service GET
 * /analytics/overview answers with), printed, each with its change against the previous
 * period of equal length (the percentage for volume, the difference otherwise).
 */
export function headlinesFrom(overview: AnalyticsOverviewDto): Headline[] {
  const { current, change, unit } = overview;
  const count = (value: number) => formatNumber(value);
  const orDash = (value: number | null, suffix = '') =>
    value === null ? '-' : `${formatNumber(value)}${suffix}`;
  return [
    {
      label: 'Sessions',
      value: count(current.sessions),
      change: formatChange(change.sessions.absolute),
    },
    {
      label: 'Active days',
      value: count(current.activeDays),
      change: formatChange(change.activeDays.absolute),
    },
    {
      label: `Volume (${unit})`,
      value: `${formatNumber(current.volume)} ${unit}`,
      change:
        change.volume.percent === null
          ? formatChange(change.volume.absolute, ` ${unit}`)
          : formatChange(change.volume.percent, ' %'),
    },
    {
      label: 'Personal records',
      value: count(current.personalRecords),
      change: formatChange(change.personalRecords.absolute),
    },
    {
      label: 'Streak (weeks with a workout)',
      value: count(current.streakWeeks),
      change: formatChange(change.streakWeeks.absolute),
    },
    {
      label: `Body weight (${unit}, last reading)`,
      value: orDash(current.bodyWeight, ` ${unit}`),
      change: formatChange(change.bodyWeight.absolute, ` ${unit}`),
    },
    {
      label: 'Average mood',
      value: orDash(current.mood),
      change: formatChange(change.mood.absolute),
    },
    {
      label: 'Goals achieved',
      value: count(current.goalsAchieved),
      change: formatChange(change.goalsAchieved.absolute),
    },
  ];
}
