import type { FormAnalysisFigure } from '../scenarios/form-analysis';
import { EntriesReadFigure, sizeLabel } from '../scenarios/entries-read';
import type { DomainEventsFigure } from '../scenarios/domain-events';
import type { FeedReadFigure } from '../scenarios/feed-read';
import type { RouteCase } from './page-ratios';
import type { PlanGenerationFigure } from '../scenarios/plan-generation';
import type { LeaderboardReadFigure } from '../scenarios/leaderboard-read';
import type { ProgressReadFigure } from '../scenarios/progress-read';
import type { RealtimeFigure } from '../scenarios/realtime';
import type { RecommendationsFigure } from '../scenarios/recommendations';
import type { RouteFigure, RouteOverheadFigure } from '../scenarios/route-overhead';
import type { SummaryLatencyFigure } from '../scenarios/summary-latency';
import type { WorkerFigure } from '../scenarios/worker-throughput';
import type { DataExportFigure } from '../scenarios/data-export';
import type { ReportGenerationFigure } from '../scenarios/report-generation';
import type { LoadResult } from './load';
import type { MachineInfo } from './machine';
import {
  Distribution,
  median,
  percentile,
  round,
  roundDistribution,
  roundSpread,
  Spread,
} from './stats';

/** The measured figures; each is absent when BENCH_FIGURES left it out. */
export interface BenchFigures {
  routeOverhead?: RouteOverheadFigure;
  entriesRead?: EntriesReadFigure;
  worker?: WorkerFigure;
  summaries?: SummaryLatencyFigure;
  progress?: ProgressReadFigure;
  domainEvents?: DomainEventsFigure;
  realtime?: RealtimeFigure;
  feed?: FeedReadFigure;
  formAnalysis?: FormAnalysisFigure;
  plans?: PlanGenerationFigure;
  leaderboard?: LeaderboardReadFigure;
  recommendations?: RecommendationsFigure;
  dataExport?: DataExportFigure;
  reports?: ReportGenerationFigure;
}

export interface BenchResults extends BenchFigures {
  generatedAt: string;
  totalSeconds: number;
  machine: MachineInfo;
  settings: Record<string, string | number>;
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : 'n/a');
const times = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : 'n/a');

/** Left-aligned first column, right-aligned figures. */
function table(header: string[], rows: string[][], indent = '   '): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (row: string[]) =>
    indent +
    row
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : (cell ?? '').padStart(widths[c])))
      .join('   ')
      .trimEnd();
  const rule = indent + widths.map((w) => '─'.repeat(w)).join('   ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function duration(seconds: number): string {
  const total = Math.round(seconds);
  const m = Math.floor(total / 60);
  return `${m}m${String(total - m * 60).padStart(2, '0')}s`;
}

/** A per-round ratio: its median, then the range of the rounds. */
function spread(s: Spread): string {
  const range = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');
  return `${times(s.median)} (${range(s.min)}–${range(s.max)})`;
}

function routeOverheadSection(f: RouteOverheadFigure): string[] {
  const reference = f.reference ? ` and the reference build ${f.reference.commit}` : '';
  const routeName = (route: RouteFigure) =>
    route.note ? `${route.route} (${route.note})` : route.route;
  const compared = f.routes[0]?.ratios.map((x) => x.server) ?? [];
  return [
    `1. Routes — FitAI vs a bare node:http + pg server (same SQL, same JWT check)${reference}`,
    `   ${f.connections} connections · ${f.rounds} interleaved rounds, the order rotating · ` +
      `${f.durationSeconds} s per server and round after a warm-up (${f.warmupSeconds} s, ` +
      `then ${f.laterWarmupSeconds} s)`,
    table(
      ['route / server: medians over the rounds', 'req/s', 'p50 ms', 'p99 ms'],
      f.routes.flatMap((route) => [
        [routeName(route), '', '', ''],
        ...route.servers.map((s) => [
          `  ${s.label}`,
          int(s.requestsPerSecond),
          ms(s.p50),
          ms(s.p99),
        ]),
      ]),
    ),
    '',
    table(
      [
        'FitAI ÷ server, per-round ratios: median (min–max)',
        ...compared.flatMap((server) => [`req/s ÷ ${server}`, `p99 ÷ ${server}`]),
      ],
      f.routes.map((route) => [
        route.route,
        ...route.ratios.flatMap((x) => [spread(x.requestsPerSecond), spread(x.p99)]),
      ]),
    ),
  ];
}

function entriesReadSection(g: EntriesReadFigure, settings: BenchResults['settings']): string[] {
  return [
    `2. GET /api/v1/entries?limit=50 — ${g.connections} connection(s), ${g.seconds} s per case ` +
      `(history over ${settings.historyDays} days, seeded in ${g.seedSeconds.toFixed(0)} s)`,
    table(
      ['case', 'p50 ms', 'p99 ms', 'req/s'],
      [
        ...g.cases.map((c) => [
          c.label,
          ms(c.result.latency.p50),
          ms(c.result.latency.p99),
          int(c.result.requestsPerSecond),
        ]),
        ...g.ratios.map((x) => [
          `ratio ${sizeLabel(Number(settings.largeUserEntries))} / ` +
            `${sizeLabel(Number(settings.smallUserEntries))}, ${x.page === 'first' ? 'first' : 'middle'} page`,
          times(x.p50),
          times(x.p99),
          '',
        ]),
      ],
    ),
  ];
}

function workerSection(worker: WorkerFigure): string[] {
  return [
    `3. Worker — week summaries (${worker.entriesPerWeek} entries each), pre-filled queue, ` +
      'JOB_CONCURRENCY jobs at once per queue per process, after an untimed warm-up batch',
    table(
      [
        'worker processes',
        'summaries',
        'seconds',
        'per second',
        'avg job ms',
        'worker CPU ms per summary',
      ],
      worker.runs.map((run) => [
        String(run.workers),
        String(run.summaries),
        run.seconds.toFixed(2),
        run.perSecond.toFixed(1),
        ms(run.averageJobMs),
        run.workerCpuMsPerJob === null ? 'n/a' : ms(run.workerCpuMsPerJob),
      ]),
    ),
  ];
}

function summariesSection(s: SummaryLatencyFigure): string[] {
  return [
    `4. Summary latency — ${s.workers} worker process, client side`,
    table(
      ['request', 'p50 ms', 'p90 ms', 'p99 ms', 'n'],
      [
        [
          `fresh: POST 202 → GET completed (polling every ${s.pollIntervalMs} ms)`,
          ms(s.fresh.p50),
          ms(s.fresh.p90),
          ms(s.fresh.p99),
          String(s.fresh.count),
        ],
        ...(
          [
            ['  · POST answered 202 (client)', s.freshParts.accepted],
            [
              '  · queued: requested → claimed by the worker (PostgreSQL clock)',
              s.freshParts.queued,
            ],
            ['  · processing: claimed → completed (PostgreSQL clock)', s.freshParts.processing],
          ] as const
        ).map(([label, d]) => [label, ms(d.p50), ms(d.p90), ms(d.p99), String(d.count)]),
        [
          'cached: repeated POST → 200 from Redis (1 connection)',
          ms(s.cached.latency.p50),
          ms(s.cached.latency.p90),
          ms(s.cached.latency.p99),
          String(s.cached.latency.count),
        ],
        ['fresh / cached', times(s.p50Ratio), '', '', ''],
      ],
    ),
  ];
}

/** Figures 5, 7 and 10: each route against the page read (bench/lib/page-ratios.ts). */
function pageRatioTable(cases: RouteCase[]): string {
  return table(
    ['route', 'req/s', 'p50 ms', 'p99 ms', 'p50 / page', 'p99 / page', 'CPU ms', 'CPU / page'],
    cases.map((c) => [
      c.label,
      int(c.result.requestsPerSecond),
      ms(c.result.latency.p50),
      ms(c.result.latency.p99),
      times(c.p50Ratio),
      times(c.p99Ratio),
      c.cpuMsPerRequest == null ? '—' : ms(c.cpuMsPerRequest),
      c.cpuRatio == null ? '—' : times(c.cpuRatio),
    ]),
  );
}

function progressSection(p: ProgressReadFigure): string[] {
  return [
    `5. Progress — ${p.sessions} sessions, ${p.sets} sets over 3 years, ${p.connections} ` +
      `connection(s), ${p.seconds} s per case (seeded in ${p.seedSeconds.toFixed(0)} s, ` +
      `analytics rollups rebuilt in ${(p.rollupRebuildSeconds ?? 0).toFixed(1)} s)`,
    pageRatioTable(p.cases),
  ];
}

function feedSection(f: FeedReadFigure): string[] {
  return [
    `7. Feed — a user with ${int(f.friends)} friends among ${int(f.users)} users, ` +
      `${int(f.activities)} activities, ${f.connections} connection(s), ${f.seconds} s per case ` +
      `(seeded in ${f.seedSeconds.toFixed(0)} s)`,
    pageRatioTable(f.cases),
  ];
}

function leaderboardSection(f: LeaderboardReadFigure): string[] {
  return [
    `10. Leaderboard — the month's global volume board of ${int(f.users)} users, the caller ` +
      `ranked ${int(f.viewerRank)} (with neighbours), ${f.connections} connection(s), ` +
      `${f.seconds} s per case (seeded in ${f.seedSeconds.toFixed(0)} s; the board's rank ` +
      `snapshot refreshed in ${f.refreshSeconds.toFixed(2)} s)`,
    pageRatioTable(f.cases),
  ];
}

function domainEventsSection(e: DomainEventsFigure): string[] {
  return [
    `6. Domain events — ${e.samples} workouts completed one at a time (1 worker), then a ` +
      `committed backlog per worker count`,
    table(
      ['latency', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'n'],
      [
        [
          'POST complete answered → goal rewritten by the subscriber',
          ms(e.commitToEffect.p50),
          ms(e.commitToEffect.p90),
          ms(e.commitToEffect.p99),
          ms(e.commitToEffect.max),
          String(e.commitToEffect.count),
        ],
      ],
    ),
    table(
      ['throughput', 'events', 'relayed/s', 'relayed in s', 'delivered/s', 'delivered in s'],
      e.runs.map((run) => [
        `${run.workers} worker process(es)`,
        int(run.events),
        int(run.relayPerSecond),
        run.relaySeconds.toFixed(2),
        int(run.deliveredPerSecond),
        run.deliveredSeconds.toFixed(2),
      ]),
    ),
  ];
}

function formAnalysisSection(f: FormAnalysisFigure): string[] {
  const e = f.evaluation;
  const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
  return [
    `8. Form analysis — ${e.sets} synthetic sets (seed ${f.seed}, ${int(e.frames)} frames), kinematic model`,
    `   rep count exact in ${pct(e.repCountAccuracy)} of sets (mean absolute error ${e.meanAbsoluteRepError.toFixed(3)} reps); ` +
      `rules reported as measured from a view that cannot measure them: ${e.guessedFromWrongView}`,
    table(
      ['rule (per rep)', 'precision', 'recall', 'TP', 'FP', 'FN'],
      e.rules.map((r) => [
        r.rule,
        r.precision.toFixed(3),
        r.recall.toFixed(3),
        String(r.truePositives),
        String(r.falsePositives),
        String(r.falseNegatives),
      ]),
    ),
    '',
    table(
      ['in-process analysis, 10 reps at 30 fps', 'frames', 'ms', 'frames/s'],
      f.throughput.map((t) => [t.label, String(t.frames), ms(t.ms), int(t.framesPerSecond)]),
    ),
    `   largest set (${f.largest.frames} BlazePose-33 frames, ${int(f.largest.bytes / 1024)} KiB): ` +
      `JSON.parse ${ms(f.largest.parseMs)} ms, DTO transform + validation ${ms(f.largest.validateMs)} ms, ` +
      `analysis ${ms(f.largest.analyseMs)} ms`,
    `   POST /ai/form-analysis, one ${f.http.frames}-frame COCO-17 set (${int(f.http.bytes / 1024)} KiB), sequential: ` +
      `p50 ${ms(f.http.latency.p50)} ms, p90 ${ms(f.http.latency.p90)} ms, p99 ${ms(f.http.latency.p99)} ms (n ${f.http.latency.count})`,
  ];
}

function reportsSection(r: ReportGenerationFigure): string[] {
  const row = (label: string, d: Distribution, p95: number) => [
    label,
    ms(d.p50),
    ms(p95),
    ms(d.max),
    String(d.count),
  ];
  return [
    `13. Monthly PDF report (${r.month} of the demo history, ${r.pages} pages, ${int(r.bytes / 1024)} KiB) — ` +
      `${r.workers} worker process, one at a time; aim p50 < 5,000 ms on 2 cores`,
    table(
      ['measure', 'p50 ms', 'p95 ms', 'max ms', 'n'],
      [
        row('POST 202 → GET completed', r.endToEnd, r.endToEndP95),
        row('worker: claimed → completed', r.processing, r.processingP95),
      ],
    ),
    `   load average (1 min) ${r.loadAverage[0].toFixed(2)} before, ${r.loadAverage[1].toFixed(2)} after`,
  ];
}

function plansSection(p: PlanGenerationFigure): string[] {
  return [
    `9. Plan generation, local provider — ${p.workers} worker process, one plan at a time`,
    table(
      ['request', 'p50 ms', 'p90 ms', 'p99 ms', 'n'],
      (
        [
          [
            `POST /ai/workout-generate 202 → GET completed (polling every ${p.pollIntervalMs} ms)`,
            p.endToEnd,
          ],
          ['  · queued (PostgreSQL clock)', p.queued],
          ['  · processing: catalogue, rules, validation, metering', p.processing],
        ] as const
      ).map(([label, d]) => [label, ms(d.p50), ms(d.p90), ms(d.p99), String(d.count)]),
    ),
  ];
}

function realtimeSection(f: RealtimeFigure): string[] {
  const row = (what: string, d: Distribution) => [
    what,
    ms(d.p50),
    ms(d.p90),
    ms(d.p99),
    ms(d.max),
    String(d.count),
  ];
  return [
    `11. Real time — socket events on another client, and idle sockets on one API process`,
    table(
      ['request sent → event received', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'n'],
      [
        row('set logged → workout.updated (API emits after commit)', f.workoutSync),
        row('goal completed → notification.created (outbox → worker)', f.notification),
      ],
    ),
    table(
      ['idle sockets', 'sockets', 'connected in s', 'RSS before MB', 'RSS after MB', 'KB/socket'],
      [
        [
          'one API process',
          int(f.idleSockets),
          f.connectSeconds.toFixed(1),
          f.rssBeforeMb.toFixed(1),
          f.rssAfterMb.toFixed(1),
          f.kbPerSocket.toFixed(1),
        ],
      ],
    ),
  ];
}

function recommendationsSection(f: RecommendationsFigure): string[] {
  return [
    `15. Recommendations recomputed per user — ${f.workers} worker process, ${f.rounds} runs ` +
      `per user after a warm-up (histories seeded in ${f.seedSeconds.toFixed(1)} s)`,
    table(
      ['history', 'sessions', 'sets', 'kept', 'what', 'p50 ms', 'p90 ms', 'p99 ms', 'n'],
      f.users.flatMap((u) =>
        (
          [
            ['job enqueued → finished', u.endToEnd],
            ['worker processing', u.processing],
          ] as const
        ).map(([what, d], i) => [
          i === 0 ? `${u.years} year(s)` : '',
          i === 0 ? int(u.sessions) : '',
          i === 0 ? int(u.sets) : '',
          i === 0 ? String(u.recommendations) : '',
          what,
          ms(d.p50),
          ms(d.p90),
          ms(d.p99),
          String(d.count),
        ]),
      ),
    ),
  ];
}

function dataExportSection(f: DataExportFigure): string[] {
  const mb = (value: number) => value.toFixed(1);
  return [
    `14. Data export — full zip for users with ${f.runs.map((run) => run.years).join(', ')} years of training and journal (1 worker process)`,
    `    live = heapUsed + external after two forced full GCs 5 ms apart, sampled all through each export;`,
    `    before = median of the idle samples before it; rises are MB above that`,
    table(
      [
        'history',
        'rows',
        'archive MB',
        'end to end s',
        'PG clock s',
        'live before MB',
        'median rise MB',
        'p90 rise MB',
        'peak rise MB',
        'samples',
        'ms apart',
        'RSS rise MB',
      ],
      f.runs.map((run) => {
        const rises = [...run.liveRisesMb].sort((a, b) => a - b);
        return [
          `${run.years} y`,
          int(run.rows),
          (run.archiveBytes / 2 ** 20).toFixed(1),
          (run.endToEndMs / 1000).toFixed(1),
          (run.processingMs / 1000).toFixed(1),
          mb(run.liveBeforeMb),
          mb(median(rises)),
          mb(percentile(rises, 90)),
          mb(rises[rises.length - 1]),
          int(rises.length),
          int(run.sampleGapMs),
          (run.rssPeakMb - run.rssBeforeMb).toFixed(1),
        ];
      }),
    ),
    ...f.runs.map(
      (run) =>
        `    ${run.years} y, every sample (MB above before): ${run.liveRisesMb.map(mb).join(' ')}`,
    ),
  ];
}

export function formatReport(r: BenchResults): string {
  const m = r.machine;
  const sections = [
    r.routeOverhead && routeOverheadSection(r.routeOverhead),
    r.entriesRead && entriesReadSection(r.entriesRead, r.settings),
    r.worker && workerSection(r.worker),
    r.summaries && summariesSection(r.summaries),
    r.progress && progressSection(r.progress),
    r.domainEvents && domainEventsSection(r.domainEvents),
    r.realtime && realtimeSection(r.realtime),
    r.feed && feedSection(r.feed),
    r.formAnalysis && formAnalysisSection(r.formAnalysis),
    r.plans && plansSection(r.plans),
    r.leaderboard && leaderboardSection(r.leaderboard),
    r.recommendations && recommendationsSection(r.recommendations),
    r.dataExport && dataExportSection(r.dataExport),
    r.reports && reportsSection(r.reports),
  ].filter((section): section is string[] => section !== undefined);
  return [
    `FitAI benchmarks — ${r.generatedAt} — total ${duration(r.totalSeconds)}`,
    `machine  node ${m.node} · ${m.cpus} CPUs (${m.cpuModel}) · ${m.memoryGiB} GiB · ${m.os}`,
    `         PostgreSQL ${m.postgres} · Redis ${m.redis} · FitAI ${m.commit}`,
    `servers  separate processes from dist/ · NODE_ENV=production · LOG_LEVEL=warn · ` +
      `rate limits raised · pg pool ${r.settings.poolSize} per process`,
    ...sections.flatMap((section) => ['', ...section]),
  ].join('\n');
}

export function formatExplain(r: BenchResults): string {
  return [
    ...(r.entriesRead?.explain ?? []),
    ...(r.progress?.explain ?? []),
    ...(r.feed?.explain ?? []),
    ...(r.leaderboard?.explain ?? []),
  ]
    .map(
      (e) => `-- ${e.label}\n-- parameters: ${JSON.stringify(e.parameters)}\n${e.sql}\n\n${e.plan}`,
    )
    .join('\n\n');
}

function roundLoad(l: LoadResult) {
  return {
    ...l,
    seconds: round(l.seconds),
    requestsPerSecond: round(l.requestsPerSecond, 1),
    latency: roundDistribution(l.latency, 3),
  };
}

function roundRouteOverhead(f: RouteOverheadFigure) {
  return {
    ...f,
    routes: f.routes.map((route) => ({
      ...route,
      servers: route.servers.map((s) => ({
        ...s,
        runs: s.runs.map(roundLoad),
        requestsPerSecond: round(s.requestsPerSecond, 1),
        p50: round(s.p50, 3),
        p99: round(s.p99, 3),
      })),
      ratios: route.ratios.map((x) => ({
        ...x,
        requestsPerSecond: roundSpread(x.requestsPerSecond),
        p99: roundSpread(x.p99),
      })),
    })),
  };
}

function roundEntriesRead(f: EntriesReadFigure) {
  return {
    ...f,
    seedSeconds: round(f.seedSeconds, 1),
    cases: f.cases.map((c) => ({ ...c, result: roundLoad(c.result) })),
    ratios: f.ratios.map((x) => ({ ...x, p50: round(x.p50, 3), p99: round(x.p99, 3) })),
  };
}

function roundWorker(f: WorkerFigure) {
  return {
    ...f,
    runs: f.runs.map((run) => ({
      ...run,
      seconds: round(run.seconds, 3),
      perSecond: round(run.perSecond, 1),
      averageJobMs: round(run.averageJobMs, 2),
      workerCpuMsPerJob: run.workerCpuMsPerJob === null ? null : round(run.workerCpuMsPerJob, 2),
      enqueueSeconds: round(run.enqueueSeconds, 2),
    })),
  };
}

function roundSummaries(f: SummaryLatencyFigure) {
  return {
    ...f,
    fresh: roundDistribution(f.fresh, 2),
    freshParts: {
      accepted: roundDistribution(f.freshParts.accepted, 2),
      queued: roundDistribution(f.freshParts.queued, 2),
      processing: roundDistribution(f.freshParts.processing, 2),
    },
    cached: roundLoad(f.cached),
    p50Ratio: round(f.p50Ratio, 2),
  };
}

/** Figures 5 and 7: routes measured against one GET /workouts page. */
interface CasesAgainstPage {
  seedSeconds: number;
  cases: { result: LoadResult; p50Ratio: number; p99Ratio: number }[];
}

function roundCases<F extends CasesAgainstPage>(f: F) {
  return {
    ...f,
    seedSeconds: round(f.seedSeconds, 1),
    cases: f.cases.map((c) => ({
      ...c,
      result: roundLoad(c.result),
      p50Ratio: round(c.p50Ratio, 2),
      p99Ratio: round(c.p99Ratio, 2),
    })),
  };
}

/** The same figures as JSON (rounded), for bench/results/latest.json. */
export function toJson(r: BenchResults): string {
  const json = {
    ...r,
    totalSeconds: round(r.totalSeconds, 1),
    routeOverhead: r.routeOverhead && roundRouteOverhead(r.routeOverhead),
    entriesRead: r.entriesRead && roundEntriesRead(r.entriesRead),
    worker: r.worker && roundWorker(r.worker),
    summaries: r.summaries && roundSummaries(r.summaries),
    progress: r.progress && roundCases(r.progress),
    feed: r.feed && roundCases(r.feed),
    plans: r.plans && {
      ...r.plans,
      endToEnd: roundDistribution(r.plans.endToEnd),
      processing: roundDistribution(r.plans.processing),
      queued: roundDistribution(r.plans.queued),
    },
    leaderboard: r.leaderboard && roundCases(r.leaderboard),
    recommendations: r.recommendations && {
      ...r.recommendations,
      users: r.recommendations.users.map((u) => ({
        ...u,
        endToEnd: roundDistribution(u.endToEnd),
        processing: roundDistribution(u.processing),
      })),
    },
    reports: r.reports && {
      ...r.reports,
      endToEnd: roundDistribution(r.reports.endToEnd),
      processing: roundDistribution(r.reports.processing),
      endToEndP95: round(r.reports.endToEndP95),
      processingP95: round(r.reports.processingP95),
    },
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
