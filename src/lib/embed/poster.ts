/**
 * The click-to-load poster (issue 9, `clickToLoad=1`): plain DOM, no Svelte, no worker, no
 * Monaco, so that a course page embedding many sandboxes loads almost nothing until a learner
 * asks for one. The product name, the scenario, and a big "Start the sandbox" button; the whole
 * poster is clickable, the button is the keyboard's way in (Tab, then Enter or Space). Colours
 * follow html[data-theme] (poster.css), which main.ts sets before this is shown. Every text goes
 * in with textContent: the scenario comes from the address, which is untrusted.
 */
import type { ScenarioSource } from './options.ts';
import './poster.css';

/** "launch-types" → "Launch types"; a URL → its file name, prettified; nothing or "sandbox" → "Free sandbox". */
export function posterTitle(source: ScenarioSource | null): string {
  if (source === null) return 'Free sandbox';
  let name = source.kind === 'id' ? source.id : fileName(source.url);
  if (source.kind === 'id' && name === 'sandbox') return 'Free sandbox';
  name = name.replace(/\.(ya?ml|json)$/i, '').replace(/[-_.]+/g, ' ').trim();
  if (name === '') return source.kind === 'url' ? 'A scenario from the web' : 'Free sandbox';
  const text = name.charAt(0).toUpperCase() + name.slice(1);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function fileName(url: string): string {
  try {
    const path = new URL(url).pathname;
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  } catch {
    return '';
  }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * Shows the poster in `target` and calls `start` on the learner's click (or Enter/Space on the
 * button), once. `start` loads and mounts the app; the poster is removed just before the app
 * mounts (`remove` is passed to it) and stays, saying so, if loading fails.
 */
export function showPoster(target: HTMLElement, source: ScenarioSource | null, start: (remove: () => void) => Promise<void>): HTMLElement {
  const poster = element('div', 'poster');
  poster.dataset.testid = 'poster';
  const title = posterTitle(source);
  const product = element('p', 'poster-product', 'ECS Sandbox');
  const scenario = element('h1', 'poster-scenario', title);
  const button = element('button', 'poster-start', 'Start the sandbox');
  button.type = 'button';
  button.setAttribute('aria-describedby', 'poster-note');
  const note = element('p', 'poster-note', 'A simulated Amazon ECS cluster runs in this page once started.');
  note.id = 'poster-note';
  poster.append(product, scenario, button, note);

  let started = false;
  const go = (): void => {
    if (started) return;
    started = true;
    button.disabled = true;
    button.textContent = 'Starting…';
    poster.setAttribute('aria-busy', 'true');
    start(() => poster.remove()).catch(() => {
      started = false;
      button.disabled = false;
      button.textContent = 'Start the sandbox';
      poster.removeAttribute('aria-busy');
      note.textContent = 'The sandbox could not load. Check the connection and try again.';
    });
  };
  poster.addEventListener('click', go);
  target.append(poster);
  return poster;
}
