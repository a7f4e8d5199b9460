import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../support/people.ts';
import { accessibilityViolations, launchChromium, screenshot, visitor } from './browser.ts';
import { expectVisibleFocus, focusStop, tabUntil, trackFocus } from './focus.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the keyboard alone', () => {
  it('completes an access request from the overview to the confirmation, with focus visible all the way', async () => {
    const email = uniqueEmail('kim', 'keyboard.example');
    const context = await visitor(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await trackFocus(page);

    // The overview: the first Tab shows the skip link; the main navigation leads to the form.
    await page.goto('/en');
    const [skip] = await tabUntil(page, () => true);
    expect(skip?.text).toBe('Skip to content');
    await tabUntil(page, (stop) => stop.tag === 'a' && stop.text === 'Request access');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/en\/request$/);

    // The skip link jumps over the header: the next Tab is the form's first field.
    await tabUntil(page, (stop) => stop.text === 'Skip to content', { max: 1 });
    await page.keyboard.press('Enter');
    expect((await focusStop(page)).id).toBe('main');
    await tabUntil(page, (stop) => stop.id === 'name', { max: 1 });

    // Sent empty, the form comes back with its errors tied to the fields, and focus on the first one.
    await tabUntil(page, (stop) => stop.tag === 'button' && stop.text === 'Send request');
    await page.keyboard.press('Enter');
    await page.locator('#error-summary').waitFor();
    const first = await focusStop(page);
    expect(first.id).toBe('name');
    expectVisibleFocus(first);
    const nameField = page.locator('#name');
    expect(await nameField.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await nameField.getAttribute('aria-describedby')) ?? '';
    expect(describedBy.split(' ')).toContain('name-error');
    await expect(page.locator('#name-error').textContent()).resolves.toBe('Please fill this in.');
    for (const field of ['email', 'company']) {
      expect(await page.locator(`#${field}`).getAttribute('aria-describedby')).toContain(`${field}-error`);
    }
    expect(await page.locator('input[name="document_ids"]').first().getAttribute('aria-describedby')).toBe(
      'document_ids-error',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'keyboard-en-request-errors');

    // Filled in by typing, in the page's order, choosing an NDA document and accepting the NDA with Space.
    await page.keyboard.type('Kim Keyboard');
    const order = [...(await tabUntil(page, (stop) => stop.id === 'email'))];
    await page.keyboard.type(email);
    order.push(...(await tabUntil(page, (stop) => stop.id === 'company')));
    await page.keyboard.type('Keys Ltd');
    let chose = false;
    order.push(
      ...(await tabUntil(page, (stop) => {
        if (stop.name === 'document_ids' && stop.text.includes('NDA required')) chose = true;
        return chose;
      })),
    );
    await page.keyboard.press('Space');
    order.push(...(await tabUntil(page, (stop) => stop.id === 'nda_accepted')));
    await page.keyboard.press('Space');
    order.push(...(await tabUntil(page, (stop) => stop.id === 'message')));
    await page.keyboard.type('Needed for our vendor review.');
    order.push(...(await tabUntil(page, (stop) => stop.tag === 'button', { max: 1 })));
    // Back and forth: Shift+Tab returns to the message, Tab to the button.
    await tabUntil(page, (stop) => stop.id === 'message', { key: 'Shift+Tab', max: 1 });
    await tabUntil(page, (stop) => stop.text === 'Send request', { max: 1 });

    const fields = order.map((stop) => stop.id).filter((id) => id);
    expect(fields.indexOf('email')).toBeLessThan(fields.indexOf('company'));
    expect(fields.indexOf('company')).toBeLessThan(fields.findIndex((id) => id.startsWith('document-')));
    expect(fields.findLastIndex((id) => id.startsWith('document-'))).toBeLessThan(
      fields.indexOf('nda_accepted'),
    );
    expect(fields.indexOf('nda_accepted')).toBeLessThan(fields.indexOf('message'));
    expect(await page.locator('#nda_accepted').isChecked()).toBe(true);

    // The proof of work finishes in the Web Worker, then Enter sends the form.
    await page.locator('[data-pow-status]', { hasText: 'Check complete.' }).waitFor();
    expect(await page.locator('input[name="pow_nonce"]').inputValue()).not.toBe('');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/en\/request\/sent/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Thank you');
    await expect(page.getByRole('status').textContent()).resolves.toContain('We received your request');
    await screenshot(page, 'keyboard-en-request-sent');
    await context.close();
  }, 120_000);

  it('sends focus to the first error of the subscription form too, its message tied to the field', async () => {
    const context = await visitor(browser, { locale: 'fr-FR' });
    const page = await context.newPage();
    await trackFocus(page);

    await page.goto('/fr/subprocessors');
    await tabUntil(page, (stop) => stop.id === 'email', { max: 80 });
    await page.keyboard.type('pas-une-adresse');
    await tabUntil(page, (stop) => stop.tag === 'button', { max: 1 });
    await page.keyboard.press('Enter');
    await page.locator('#error-summary').waitFor();

    const first = await focusStop(page);
    expect(first.id).toBe('email');
    expectVisibleFocus(first);
    expect(await page.locator('#email').getAttribute('aria-describedby')).toContain('email-error');
    await expect(page.locator('#email-error').isVisible()).resolves.toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);
});
