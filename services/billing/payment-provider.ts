/**
 * The port for a payment provider. None is built in: out of the box invoices are issued (PDF, event
 * `invoice.issued`) and an operator marks them paid or void. A deployment that collects payments
 * implements this port in its own module and wires it to the events:
 *
 * - on `invoice.issued` (an EventBridge rule, or a consumer in services/registry.ts), call `collect` with
 *   the invoice; the provider charges the organization's stored payment method or sends its own payment
 *   link to `billing_email`;
 * - when the provider confirms the payment (its webhook, verified by its own signature), call
 *   `markInvoicePaid` of invoice-status.ts with the platform as actor: the invoice turns `paid` and
 *   `invoice.paid` is emitted, exactly as when an operator marks it.
 *
 * Amounts are whole units of the currency (the plan's price in cdk.json); convert to the provider's minor
 * units at the adapter. Keep the provider's secrets in Secrets Manager, never in the table.
 */
export interface PaymentProvider {
  /** Starts collecting the invoice; resolves with the provider's reference for it. Must be idempotent per invoice id. */
  collect(invoice: {
    id: string;
    number: string;
    organization_id: string;
    amount: number;
    currency: string;
    billing_email: string | null;
    due_date: string;
  }): Promise<{ reference: string }>;
}
