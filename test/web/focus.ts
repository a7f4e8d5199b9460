import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Keyboard-only helpers for the browser tests: where focus is, and whether it can be seen (WCAG 2.2
 * 2.4.7 Focus Visible, with 1.4.11's 3:1 for the indicator against what surrounds it).
 */

/** The focused element as a test reads it, with its focus indicator and the style it has unfocused. */
export interface FocusStop {
  tag: string;
  id: string;
  name: string;
  type: string;
  /** Its accessible text: a link's or button's text, a control's label. */
  text: string;
  /** On screen: non-empty and inside the viewport. */
  visible: boolean;
  focused: IndicatorStyle;
  /** Its style before it had focus; null when the page never showed it unfocused (an autofocused field). */
  unfocused: IndicatorStyle | null;
  /** The colour behind it: the first opaque background of its ancestors. */
  background: string;
}

export interface IndicatorStyle {
  outlineStyle: string;
  outlineWidth: number;
  outlineColor: string;
  boxShadow: string;
}

/**
 * Runs in every page before its own scripts: remembers each focusable element's style while it is not
 * focused (at load, and whenever focus leaves it), so a test can compare it with the focused style;
 * `stop()` describes the focused element (FocusStop).
 * A string, so that no transpiler helper leaks into the page.
 */
const TRACKER = `(() => {
  const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const unfocused = new WeakMap();
  const styleOf = (element) => {
    const style = getComputedStyle(element);
    return {
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth) || 0,
      outlineColor: style.outlineColor,
      boxShadow: style.boxShadow,
    };
  };
  const remember = () => {
    for (const element of document.querySelectorAll(FOCUSABLE)) {
      if (element !== document.activeElement && !unfocused.has(element)) unfocused.set(element, styleOf(element));
    }
  };
  document.addEventListener('DOMContentLoaded', remember);
  document.addEventListener('focusin', (event) => {
    const left = event.relatedTarget;
    if (left instanceof Element && !unfocused.has(left)) unfocused.set(left, styleOf(left));
  }, true);
  const backgroundOf = (element) => {
    for (let node = element.parentElement; node; node = node.parentElement) {
      const color = getComputedStyle(node).backgroundColor;
      const alpha = color.match(/rgba\\([^)]*,\\s*([\\d.]+)\\)/);
      if (color !== 'transparent' && (!alpha || Number(alpha[1]) > 0)) return color;
    }
    return 'rgb(255, 255, 255)';
  };
  const stop = () => {
    const element = document.activeElement || document.body;
    const rect = element.getBoundingClientRect();
    const label = (element.labels && element.labels[0] && element.labels[0].textContent) || '';
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      name: element.name || '',
      type: element.type || '',
      text: (label || element.getAttribute('aria-label') || element.textContent || '').replace(/\\s+/g, ' ').trim(),
      visible: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0
        && rect.top < innerHeight && rect.left < innerWidth,
      focused: styleOf(element),
      unfocused: unfocused.get(element) || null,
      background: backgroundOf(element),
    };
  };
  window.__focusTracker = { stop };
})();`;

/** Installs the tracker in every page the context opens. */
export async function trackFocus(page: Page): Promise<void> {
  await page.addInitScript({ content: TRACKER });
}

/** The element that has focus now (the tracker reads it in the page). */
export function focusStop(page: Page): Promise<FocusStop> {
  return page.evaluate('window.__focusTracker.stop()') as Promise<FocusStop>;
}

function rgb(color: string): [number, number, number] | null {
  const parts = color.match(/rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/);
  return parts ? [Number(parts[1]), Number(parts[2]), Number(parts[3])] : null;
}

/** WCAG 2.x relative luminance of an sRGB colour. */
function luminance([r, g, b]: [number, number, number]): number {
  const linear = (channel: number) => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2.x contrast ratio of two CSS colours (`rgb(…)`), 1 to 21. */
export function contrast(first: string, second: string): number {
  const a = rgb(first);
  const b = rgb(second);
  if (!a || !b) return 1;
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The colours the focus indicator draws with: the outline's and each box-shadow's. */
export function indicatorColours(style: IndicatorStyle): string[] {
  const outline = style.outlineStyle !== 'none' && style.outlineWidth > 0 ? [style.outlineColor] : [];
  const shadows = style.boxShadow === 'none' ? [] : (style.boxShadow.match(/rgba?\([^)]*\)/g) ?? []);
  return [...outline, ...shadows];
}

/**
 * Asserts that the focused element can be seen to have focus: it is on screen, its outline or box-shadow
 * differs from its unfocused style (when the page showed it unfocused), and one colour of the indicator
 * stands out from the background around it by 3:1 or more.
 */
export function expectVisibleFocus(stop: FocusStop): void {
  const where = `${stop.tag}#${stop.id} "${stop.text}"`;
  expect(stop.visible, `${where} is on screen`).toBe(true);
  if (stop.unfocused) {
    const changed =
      stop.focused.outlineStyle !== stop.unfocused.outlineStyle ||
      stop.focused.outlineWidth !== stop.unfocused.outlineWidth ||
      stop.focused.outlineColor !== stop.unfocused.outlineColor ||
      stop.focused.boxShadow !== stop.unfocused.boxShadow;
    expect(changed, `${where} looks different with focus`).toBe(true);
  }
  const best = Math.max(
    0,
    ...indicatorColours(stop.focused).map((colour) => contrast(colour, stop.background)),
  );
  expect(best, `${where}: focus indicator contrast against ${stop.background}`).toBeGreaterThanOrEqual(3);
}

/**
 * Presses `key` (Tab or Shift+Tab) until the focused element matches, checking the focus indicator of
 * every element met on the way; fails after `max` presses.
 * @returns every stop met, the matching one last.
 */
export async function tabUntil(
  page: Page,
  matches: (stop: FocusStop) => boolean,
  options: { key?: 'Tab' | 'Shift+Tab'; max?: number } = {},
): Promise<FocusStop[]> {
  const stops: FocusStop[] = [];
  for (let press = 0; press < (options.max ?? 60); press += 1) {
    await page.keyboard.press(options.key ?? 'Tab');
    const stop = await focusStop(page);
    expectVisibleFocus(stop);
    stops.push(stop);
    if (matches(stop)) return stops;
  }
  throw new Error(
    `No focus stop matched after ${stops.length} presses: ${stops.map((s) => s.text).join(' | ')}`,
  );
}
