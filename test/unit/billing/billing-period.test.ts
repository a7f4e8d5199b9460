import { describe, expect, it } from 'vitest';
import { daysAfter, monthKeyOf, monthOf } from '#services/billing/billing-period';
import { formatAmount } from '#services/billing/invoice-pdf';

describe('billing periods', () => {
  it('are calendar months in UTC, whatever the instant within them', () => {
    const month = monthOf(new Date('2024-02-29T23:59:59.999Z'));

    expect(month).toMatchObject({ firstDay: '2024-02-01', lastDay: '2024-02-29' });
    expect(month.start.toISOString()).toBe('2024-02-01T00:00:00.000Z');
    expect(month.end.toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(monthOf(new Date('2024-12-31T12:00:00Z')).end.toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it("are keyed by their month, and count seed 4's payment terms", () => {
    expect(monthKeyOf(monthOf(new Date('2024-01-15T00:00:00Z')))).toBe('2024-01');
    expect(daysAfter('2024-01-01', 29)).toBe('2024-01-30');
  });

  it('write amounts in whole units with two decimals and the currency code', () => {
    expect(formatAmount(5000, 'usd')).toBe('USD 5,000.00');
    expect(formatAmount(0, 'eur')).toBe('EUR 0.00');
  });
});
