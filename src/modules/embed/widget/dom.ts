/** DOM from createElement and textContent only: no HTML parsing, so no listing text can inject markup. */

/** An attribute value: false, null and undefined leave the attribute out; true sets it empty. */
type AttrValue = string | number | boolean | null | undefined;
/** `text` sets textContent, `class` the class name; any other key is an attribute. */
export type Attrs = Record<string, AttrValue>;
/** A child node or text; null, undefined and false are skipped, for `cond ? el(…) : null`. */
export type Child = Node | string | null | undefined | false;

/** el('p', { class: 'x', text: 'y' }, [children]) */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, children?: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'class') node.className = String(value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children ?? []) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const;

/** The heading element of a level, clamped to 1–6. */
export function headingTag(level: number): (typeof HEADINGS)[number] {
  return HEADINGS[Math.min(Math.max(level, 1), 6) - 1];
}

/** An inline SVG icon of one path, hidden from assistive technology (the button says what it does). */
export function svgIcon(path: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const icon = document.createElementNS(ns, 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('aria-hidden', 'true');
  icon.setAttribute('focusable', 'false');
  const shape = document.createElementNS(ns, 'path');
  shape.setAttribute('d', path);
  shape.setAttribute('fill', 'currentColor');
  icon.append(shape);
  return icon;
}

/** Replaces a list's items. */
export function fill(list: HTMLElement, items: Node[]): void {
  while (list.firstChild) list.firstChild.remove();
  list.append(...items);
}
