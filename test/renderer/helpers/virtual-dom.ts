import { afterAll, beforeAll } from 'vitest';

/**
 * jsdom has no layout: give the case grid (the virtualiser's scroll element) a height and a
 * working scrollTo, so the virtual window is what a 640 px tall list would show.
 */
export function useGridLayout(height = 640): void {
  const saved: [string, PropertyDescriptor | undefined][] = [];
  const define = (name: string, descriptor: PropertyDescriptor) => {
    saved.push([name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name)]);
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, ...descriptor });
  };
  const isGrid = (el: HTMLElement) => el.getAttribute('role') === 'grid';
  beforeAll(() => {
    define('clientHeight', { get(this: HTMLElement) { return isGrid(this) ? height : 0; } });
    // The rows' total height, as the grid's body rowgroup is sized by the virtualiser.
    define('scrollHeight', {
      get(this: HTMLElement) {
        if (!isGrid(this)) return 0;
        const body = this.querySelector<HTMLElement>('[role="rowgroup"]:last-child');
        return (parseFloat(body?.style.height ?? '0') || 0) + 64;
      },
    });
    define('clientWidth', { get(this: HTMLElement) { return isGrid(this) ? 1000 : 0; } });
    define('scrollTop', {
      get(this: HTMLElement & { _top?: number }) { return this._top ?? 0; },
      set(this: HTMLElement & { _top?: number }, value: number) { this._top = value; },
    });
    define('scrollTo', {
      value(this: HTMLElement, options: ScrollToOptions) {
        this.scrollTop = options.top ?? 0;
        this.dispatchEvent(new Event('scroll'));
      },
      writable: true,
    });
  });
  afterAll(() => {
    for (const [name, descriptor] of saved.reverse()) {
      if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
    }
  });
}
