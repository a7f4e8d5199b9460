/**
 * An invoice as a PDF, rendered by the platform with pdf-lib (no template service): one A4 page with the
 * number, the organization, the period, the plan and the amount. Text is drawn with a standard font, so
 * names are reduced to what WinAnsi encodes (anything else becomes `?`).
 */
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';

export interface InvoiceDocument {
  number: string;
  organizationName: string;
  billingEmail?: string | undefined;
  planName: string;
  periodStart: string;
  periodEnd: string;
  date: string;
  dueDate: string;
  amount: number;
  currency: string;
}

/** `5000 usd` → `USD 5,000.00`: whole units, written with two decimals. */
export function formatAmount(amount: number, currency: string): string {
  const digits = amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${currency.toUpperCase()} ${digits}`;
}

// WinAnsi (the standard fonts' encoding) covers Latin-1 printable characters; the rest cannot be drawn.
const drawable = (text: string) => text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?').slice(0, 120);

export async function renderInvoicePdf(invoice: InvoiceDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Invoice ${invoice.number}`);
  pdf.setCreator('Trust Center Platform');
  const page = pdf.addPage([595.28, 841.89]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const grey = rgb(0.35, 0.35, 0.35);
  let y = 780;
  const line = (label: string, value: string, options: { size?: number; gap?: number } = {}) => {
    const size = options.size ?? 11;
    page.drawText(label, { x: 56, y, size, font: regular, color: grey });
    page.drawText(drawable(value), { x: 200, y, size, font: bold });
    y -= options.gap ?? 20;
  };
  page.drawText(`Invoice ${invoice.number}`, { x: 56, y, size: 22, font: bold });
  y -= 44;
  line('Billed to', invoice.organizationName);
  if (invoice.billingEmail) line('Billing email', invoice.billingEmail);
  line('Issued', invoice.date);
  line('Due', invoice.dueDate, { gap: 36 });
  line('Plan', `${invoice.planName} (monthly subscription)`);
  line('Period', `${invoice.periodStart} to ${invoice.periodEnd}`, { gap: 36 });
  line('Amount due', formatAmount(invoice.amount, invoice.currency), { size: 14 });
  return pdf.save();
}
