import * as echarts from 'echarts';
import { linearRegression } from 'simple-statistics';
import { ReportCharts } from './report-content';

/** A chart as vector graphics: ECharts' server-side SVG, placed into the PDF by svg-to-pdfkit. */
export interface ChartSvg {
  caption: string;
  svg: string;
}

/** Drawn at this size (SVG pixels) and scaled to the page's content width. */
export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 300;

const COLORS = ['#2563eb', '#f97316', '#16a34a', '#9333ea', '#dc2626'];
const TEXT = { color: '#374151', fontFamily: 'sans-serif', fontSize: 13 };
const AXIS_LABEL = { color: '#4b5563', fontSize: 12 };

function render(option: echarts.EChartsCoreOption): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  });
  try {
    chart.setOption({
      animation: false,
      color: COLORS,
      textStyle: TEXT,
      grid: { left: 64, right: 56, top: 40, bottom: 48 },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** A grey note in the middle of an empty chart, so every chart is drawn and counted. */
function emptyNote(empty: boolean, text: string) {
  return empty
    ? {
        graphic: {
          type: 'text',
          left: 'center',
          top: 'middle',
          style: { text, fill: '#9ca3af', fontSize: 15, fontFamily: 'sans-serif' },
        },
      }
    : {};
}

/** "2026-11-16" → "16 Nov". */
export function shortDate(date: string): string {
  const [, month, day] = date.split('-').map(Number);
  const names = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  return `${day} ${names[month - 1]}`;
}

export function volumeChart(data: ReportCharts['weeklyVolume'], unit: string): ChartSvg {
  return {
    caption: `Training volume per week (${unit}, weeks starting Monday)`,
    svg: render({
      xAxis: {
        type: 'category',
        data: data.map((week) => shortDate(week.weekStart)),
        axisLabel: AXIS_LABEL,
      },
      yAxis: { type: 'value', name: unit, axisLabel: AXIS_LABEL },
      series: [
        {
          type: 'bar',
          data: data.map((week) => Math.round(week.volume)),
          barMaxWidth: 36,
          label: { show: data.length <= 16, position: 'top', fontSize: 11, color: '#374151' },
        },
      ],
      ...emptyNote(
        data.every((week) => week.volume === 0),
        'No training logged in this period',
      ),
    }),
  };
}

export function e1rmChart(data: ReportCharts['e1rm'], unit: string): ChartSvg {
  return {
    caption: `Estimated one-rep max of the main lifts (${unit}, best set of each session)`,
    svg: render({
      legend: { top: 4, textStyle: { fontSize: 12 } },
      xAxis: { type: 'time', axisLabel: { ...AXIS_LABEL, formatter: '{d} {MMM}' } },
      yAxis: { type: 'value', name: unit, scale: true, axisLabel: AXIS_LABEL },
      series: data.map((lift) => ({
        type: 'line',
        name: lift.exercise.length > 34 ? `${lift.exercise.slice(0, 33)}…` : lift.exercise,
        data: lift.points.map((point) => [point.date, point.e1rm]),
        symbolSize: 6,
      })),
      ...emptyNote(data.length === 0, 'No main lift trained in this period'),
    }),
  };
}

/** Daily weights as dots and the least-squares trend line through them. */
export function bodyWeightChart(data: ReportCharts['bodyWeight'], unit: string): ChartSvg {
  const days = data.map((point) => Date.parse(`${point.date}T00:00:00Z`) / 86_400_000);
  const trend =
    data.length >= 2 ? linearRegression(days.map((day, i) => [day, data[i].value])) : null;
  const trendAt = (i: number) =>
    trend ? Math.round((trend.m * days[i] + trend.b) * 100) / 100 : null;
  const perWeek = trend ? Math.round(trend.m * 7 * 100) / 100 : null;
  return {
    caption:
      `Body weight (${unit}) with its trend line` +
      (perWeek === null ? '' : ` (${perWeek > 0 ? '+' : ''}${perWeek} ${unit} per week)`),
    svg: render({
      legend: { top: 4, textStyle: { fontSize: 12 } },
      xAxis: { type: 'time', axisLabel: { ...AXIS_LABEL, formatter: '{d} {MMM}' } },
      yAxis: { type: 'value', name: unit, scale: true, axisLabel: AXIS_LABEL },
      series: [
        {
          type: 'scatter',
          name: 'Daily weight',
          data: data.map((point) => [point.date, point.value]),
          symbolSize: 7,
        },
        {
          type: 'line',
          name: 'Trend',
          data: trend
            ? [
                [data[0].date, trendAt(0)],
                [data[data.length - 1].date, trendAt(data.length - 1)],
              ]
            : [],
          symbol: 'none',
          lineStyle: { width: 2, type: 'dashed' },
        },
      ],
      ...emptyNote(data.length === 0, 'No body weight logged in this period'),
    }),
  };
}

/** Mood (line, left axis) over the volume lifted each day (bars, right axis). */
export function moodTrainingChart(data: ReportCharts['moodTraining'], unit: string): ChartSvg {
  return {
    caption: `Mood (1-10) and training volume (${unit}) per day`,
    svg: render({
      legend: { top: 4, textStyle: { fontSize: 12 } },
      xAxis: {
        type: 'category',
        data: data.map((day) => shortDate(day.date)),
        axisLabel: AXIS_LABEL,
      },
      yAxis: [
        { type: 'value', name: 'mood', min: 0, max: 10, axisLabel: AXIS_LABEL },
        { type: 'value', name: unit, axisLabel: AXIS_LABEL, splitLine: { show: false } },
      ],
      series: [
        {
          type: 'bar',
          name: 'Volume',
          yAxisIndex: 1,
          data: data.map((day) => Math.round(day.volume)),
          itemStyle: { color: '#cbd5e1' },
        },
        {
          type: 'line',
          name: 'Mood',
          data: data.map((day) => day.mood),
          connectNulls: true,
          symbolSize: 6,
          itemStyle: { color: '#f97316' },
        },
      ],
      ...emptyNote(
        data.every((day) => day.mood === null && day.volume === 0),
        'No mood or training logged in this period',
      ),
    }),
  };
}

export function goalProgressChart(data: ReportCharts['goalProgress']): ChartSvg {
  const shown = data.slice(0, 10);
  return {
    caption: 'Progress of each goal (% of the way from its start to its target)',
    svg: render({
      grid: { left: 200, right: 48, top: 24, bottom: 40 },
      xAxis: {
        type: 'value',
        min: 0,
        max: 100,
        axisLabel: { ...AXIS_LABEL, formatter: '{value} %' },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: shown.map((goal) =>
          goal.title.length > 28 ? `${goal.title.slice(0, 27)}…` : goal.title,
        ),
        axisLabel: AXIS_LABEL,
      },
      series: [
        {
          type: 'bar',
          data: shown.map((goal) => Math.round(goal.percent)),
          barMaxWidth: 22,
          label: { show: true, position: 'right', formatter: '{c} %', fontSize: 11 },
        },
      ],
      ...emptyNote(shown.length === 0, 'No goals yet'),
    }),
  };
}
