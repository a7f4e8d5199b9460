import { describe, expect, it } from 'vitest';
import type { CounterItem } from '#services/analytics/counters';
import { periodOf } from '#services/analytics/period';
import { accessRequestsReport, overviewReport, percentile, rate } from '#services/analytics/report';

const item = (sk: string, values: Record<string, number>, seconds: number[] = []): CounterItem => ({
  sk,
  values,
  seconds,
});

describe('percentile (nearest rank)', () => {
  it('is null for no values', () => {
    expect(percentile([], 50)).toBeNull();
  });

  it('is the ⌈p/100·n⌉-th smallest value', () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 5)).toBe(15);
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 90)).toBe(50);
    expect(percentile(values, 100)).toBe(50);
  });

  it('does not depend on the order of the values, and never interpolates', () => {
    expect(percentile([9, 1, 5, 3], 50)).toBe(3);
    expect(percentile([9, 1, 5, 3], 90)).toBe(9);
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([0, 100], 50)).toBe(0);
  });
});

describe('rate', () => {
  it('divides, and is null when there is nothing to divide by', () => {
    expect(rate(1, 3)).toBe(1 / 3);
    expect(rate(3, 2)).toBe(1.5);
    expect(rate(0, 0)).toBeNull();
  });
});

describe('overviewReport', () => {
  it('sums the days, fills days without counters with zeros, and ranks each breakdown', () => {
    const period = periodOf({ from: '2026-11-01', to: '2026-11-03' });
    const totals = [
      item('total#2026-11-01', { views: 3, visitors: 2, 'page:overview': 2, 'page:faq': 1, 'lang:en': 3 }),
      item('total#2026-11-03', { views: 2, visitors: 2, downloads: 1, 'page:faq': 2, 'lang:de': 2 }),
    ];
    const referrers = [
      item('ref#2026-11-01#example.com', { views: 1 }),
      item('ref#2026-11-03#example.com', { views: 1 }),
      item('ref#2026-11-03#news.example', { views: 1 }),
    ];

    const report = overviewReport(period, totals, referrers);

    expect(report.totals).toEqual({ page_views: 5, unique_visitors: 4, downloads: 1 });
    expect(report.series.map((day) => [day.date, day.page_views])).toEqual([
      ['2026-11-01', 3],
      ['2026-11-02', 0],
      ['2026-11-03', 2],
    ]);
    expect(report.pages).toEqual([
      { page: 'faq', page_views: 3 },
      { page: 'overview', page_views: 2 },
    ]);
    expect(report.languages).toEqual([
      { language: 'en', page_views: 3 },
      { language: 'de', page_views: 2 },
    ]);
    expect(report.referrers).toEqual([
      { domain: 'example.com', page_views: 2 },
      { domain: 'news.example', page_views: 1 },
    ]);
  });
});

describe('accessRequestsReport', () => {
  it('computes the funnel, its rates and time to decision over every day of the period', () => {
    const period = periodOf({ from: '2026-11-01', to: '2026-11-02' });
    const totals = [
      item('total#2026-11-01', { form_views: 4, submitted: 2, approved: 1, auto_decided: 1 }),
      item('total#2026-11-02', { submitted: 1, rejected: 1, approved: 1, first_downloads: 1 }),
    ];
    const decisions = [item('dec#2026-11-01', {}, [0]), item('dec#2026-11-02', {}, [3600, 60])];

    const report = accessRequestsReport(period, totals, decisions);

    expect(report.funnel).toMatchObject({ form_views: 4, submitted: 3, approved: 2, rejected: 1 });
    expect(report.conversion).toEqual({
      form_to_submission: 3 / 4,
      submission_to_decision: 1,
      approval_rate: 2 / 3,
      auto_decision_rate: 1 / 3,
      approval_to_first_download: 1 / 2,
    });
    expect(report.time_to_decision).toEqual({ decisions: 3, p50_seconds: 60, p90_seconds: 3600 });
  });

  it('answers null rates and percentiles for an empty period', () => {
    const report = accessRequestsReport(periodOf({ period: '7d' }, new Date('2026-11-30T12:00:00Z')), [], []);

    expect(report.period).toEqual({ from: '2026-11-24', to: '2026-11-30', days: 7 });
    expect(Object.values(report.conversion)).toEqual([null, null, null, null, null]);
    expect(report.time_to_decision).toEqual({ decisions: 0, p50_seconds: null, p90_seconds: null });
  });
});
