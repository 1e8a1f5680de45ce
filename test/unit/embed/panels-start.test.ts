// The embed options' small boot decisions (issue 9, item 2): which panels panels= shows, whether
// the clock starts, the page language, the first frame under a seed, and the poster's title.
import { describe, expect, it } from 'vitest';
import { ALL_PANELS, panelPlan } from '../../../src/lib/embed/panels.ts';
import { pageLanguage, startsPlaying, usesFirstFrame } from '../../../src/lib/embed/start.ts';
import { posterTitle } from '../../../src/lib/embed/poster.ts';
import { parseEmbedOptions, PANELS } from '../../../src/lib/embed/options.ts';
import { scenarioChoice } from '../../../src/lib/bundled-scenarios.ts';

describe('panelPlan', () => {
  it('shows every panel by default', () => {
    expect(ALL_PANELS).toEqual({ ...Object.fromEntries(PANELS.map((p) => [p, true])), side: true, dock: true });
    expect(panelPlan(parseEmbedOptions('?embed=1').options.panels)).toEqual(ALL_PANELS);
  });

  it('draws the side column for any of editor, runTask, command, and the dock for capacity or events', () => {
    const lessonLog = panelPlan(['lesson', 'log']);
    expect(lessonLog).toMatchObject({ lesson: true, log: true, editor: false, runTask: false, command: false, services: false, side: false, dock: false });
    expect(panelPlan(['command']).side).toBe(true);
    expect(panelPlan(['runTask']).side).toBe(true);
    expect(panelPlan(['editor']).side).toBe(true);
    expect(panelPlan(['events'])).toMatchObject({ dock: true, capacity: false, events: true });
    expect(panelPlan(['capacity'])).toMatchObject({ dock: true, capacity: true, events: false });
  });
});

describe('startsPlaying', () => {
  it('plays on the site, stays paused in an embed, and autoplay= decides when given', () => {
    expect(startsPlaying({ embed: false, autoplay: null })).toBe(true);
    expect(startsPlaying({ embed: true, autoplay: null })).toBe(false);
    expect(startsPlaying({ embed: true, autoplay: true })).toBe(true);
    expect(startsPlaying({ embed: false, autoplay: false })).toBe(false);
  });
});

describe('pageLanguage and usesFirstFrame', () => {
  it('uses lang= when given, else English (the interface language)', () => {
    expect(pageLanguage(null)).toBe('en');
    expect(pageLanguage(parseEmbedOptions('?lang=pt-br').options.lang)).toBe('pt-BR');
  });

  it('draws the build-time first frame only with the scenario’s own seed', () => {
    expect(usesFirstFrame(null)).toBe(true);
    expect(usesFirstFrame(0)).toBe(false);
    expect(usesFirstFrame(42)).toBe(false);
  });
});

describe('scenarioChoice from the embed options', () => {
  it('maps the options’ source: default, bundled, unknown id, url', () => {
    expect(scenarioChoice(null)).toEqual({ kind: 'default' });
    expect(scenarioChoice({ kind: 'id', id: 'sandbox' })).toEqual({ kind: 'default' });
    expect(scenarioChoice({ kind: 'id', id: 'launch-types' })).toEqual({ kind: 'bundled', id: 'launch-types' });
    expect(scenarioChoice({ kind: 'id', id: 'no-such-one' })).toEqual({ kind: 'unknown', given: 'no-such-one' });
    expect(scenarioChoice({ kind: 'url', url: 'https://example.com/lab.yaml' })).toEqual({ kind: 'url', url: 'https://example.com/lab.yaml' });
    expect(scenarioChoice(parseEmbedOptions('?scenario=launch-types').options.scenario)).toEqual({ kind: 'bundled', id: 'launch-types' });
  });
});

describe('posterTitle', () => {
  it('prettifies an id, names the free sandbox, and takes a URL’s file name', () => {
    expect(posterTitle(null)).toBe('Free sandbox');
    expect(posterTitle({ kind: 'id', id: 'sandbox' })).toBe('Free sandbox');
    expect(posterTitle({ kind: 'id', id: 'launch-types' })).toBe('Launch types');
    expect(posterTitle({ kind: 'url', url: 'https://example.com/labs/blue_green.yaml' })).toBe('Blue green');
    expect(posterTitle({ kind: 'url', url: 'https://example.com/' })).toBe('A scenario from the web');
    expect(posterTitle({ kind: 'url', url: `https://example.com/${'a'.repeat(200)}.yaml` }).length).toBeLessThanOrEqual(81);
  });

  it('keeps markup as text (the poster sets textContent)', () => {
    expect(posterTitle({ kind: 'url', url: 'https://example.com/%3Cimg%20src=x%3E.yaml' })).toBe('<img src=x>');
  });
});
