import type { Page } from 'playwright-core';

// The measurements run inside the page. They are strings, not functions: the test's compiler
// would wrap named functions in helpers (`__name`) that do not exist in the page.

/** Something on the page that is (partly) outside the window, with its box in CSS pixels. */
export interface OutsideBox {
  what: string;
  box: { top: number; bottom: number; left: number; right: number };
}

export interface WindowFit {
  viewport: { width: number; height: number };
  scrollHeight: number;
  outside: OutsideBox[];
}

const MEASURE_FIT = `(() => {
  const outside = [];
  const width = window.innerWidth;
  const height = window.innerHeight;
  for (const element of document.querySelectorAll('h1, p, label, input, button, .notice, .server-card, svg')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || element.closest('.visually-hidden')) continue;
    if (getComputedStyle(element).visibility === 'hidden') continue;
    if (box.top < 0 || box.left < 0 || box.bottom > height + 0.5 || box.right > width + 0.5) {
      const classes = typeof element.className === 'string' && element.className.trim() ? '.' + element.className.trim().split(/\\s+/).join('.') : '';
      outside.push({
        what: element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + classes,
        box: { top: Math.round(box.top), bottom: Math.round(box.bottom), left: Math.round(box.left), right: Math.round(box.right) },
      });
    }
  }
  return { viewport: { width, height }, scrollHeight: document.scrollingElement ? document.scrollingElement.scrollHeight : 0, outside };
})()`;

/**
 * Every visible element that a person reads or uses (headings, text, fields, buttons, the
 * message) must lie inside the window as it is, without scrolling: measured, not trusted.
 */
export function outsideTheWindow(page: Page): Promise<WindowFit> {
  return page.evaluate(MEASURE_FIT) as Promise<WindowFit>;
}

export interface ColourPair {
  what: string;
  text: string;
  background: string;
  ratio: number;
}

const MEASURE_DISABLED = `(() => {
  const parse = (value) => {
    const match = /rgba?\\(([^)]+)\\)/.exec(value);
    if (!match) throw new Error('cannot read the colour ' + value);
    const parts = match[1].split(/[\\s,/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (top, bottom) => {
    const alpha = top[3] + bottom[3] * (1 - top[3]);
    if (alpha === 0) return [0, 0, 0, 0];
    const mix = (i) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / alpha;
    return [mix(0), mix(1), mix(2), alpha];
  };
  const channel = (v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  };
  const luminance = (c) => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  const pairs = [];
  for (const button of document.querySelectorAll('button')) {
    if (!button.disabled || button.getClientRects().length === 0) continue;
    const layers = [];
    let opacity = 1;
    for (let element = button; element; element = element.parentElement) {
      const style = getComputedStyle(element);
      opacity *= Number(style.opacity);
      const colour = parse(style.backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] === 1) break;
    }
    // Below everything: the canvas, white unless a painted layer covers it.
    let background = [255, 255, 255, 1];
    for (const layer of layers.reverse()) background = over(layer, background);
    const own = parse(getComputedStyle(button).color);
    const text = over([own[0], own[1], own[2], own[3] * opacity], background);
    const a = luminance(text);
    const b = luminance(background);
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    pairs.push({
      what: '#' + (button.id || button.textContent),
      text: getComputedStyle(button).color,
      background: 'rgb(' + background.slice(0, 3).map(Math.round).join(', ') + ')',
      ratio: Math.round(ratio * 100) / 100,
    });
  }
  return pairs;
})()`;

/**
 * The WCAG contrast of every visible disabled button's text against what is really behind it:
 * its own background, or the painted ancestors' (semi-transparent layers blended in order).
 * Opacity anywhere on the way fades the text too, so it is multiplied in.
 */
export function disabledButtonContrast(page: Page): Promise<ColourPair[]> {
  return page.evaluate(MEASURE_DISABLED) as Promise<ColourPair[]>;
}
