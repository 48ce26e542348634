import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// The UI reads every instant in Norwegian time (i18n/format.ts, #14); a test that builds a local
// time (`new Date(2025, 2, 12, 10, 32)`) means the same clock, whatever zone the runner is in.
process.env.TZ = 'Europe/Oslo';

// jsdom has <dialog> but not its modal API; Designsystemet's Dialog calls showModal()/close().
if (typeof HTMLDialogElement !== 'undefined' && !HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.show = function show(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.hasAttribute('open')) return;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}

// jsdom has no Web Animations; Designsystemet's Spinner/Skeleton synchronise through them.
if (typeof document !== 'undefined' && !('getAnimations' in document)) {
  Object.defineProperty(Document.prototype, 'getAnimations', { value: () => [], configurable: true });
  Object.defineProperty(Element.prototype, 'getAnimations', { value: () => [], configurable: true });
}

// findBy*/waitFor wait for what the page will show; on a busy 2-core CI with two test workers a
// whole case page can take longer than the library's 1 s to draw (a wait, not a time limit).
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
});
