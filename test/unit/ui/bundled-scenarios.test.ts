// `?scenario=<id>` opens a bundled scenario, an http(s) URL is fetched as data; anything else opens the default with a notice and is never fetched.
import { describe, expect, it } from 'vitest';
import { BUNDLED_SCENARIO_IDS, loadBundledScenario, scenarioChoice, unknownScenarioNotice } from '../../../src/lib/bundled-scenarios.ts';

describe('bundled scenarios', () => {
  it('lists the files of scenarios/', () => {
    expect(BUNDLED_SCENARIO_IDS).toContain('services');
    expect(BUNDLED_SCENARIO_IDS).toContain('sandbox');
  });
  it('reads ?scenario=', () => {
    expect(scenarioChoice('')).toEqual({ kind: 'default' });
    expect(scenarioChoice('?scenario=sandbox')).toEqual({ kind: 'default' });
    expect(scenarioChoice('?embed=1&scenario=services')).toEqual({ kind: 'bundled', id: 'services' });
    expect(scenarioChoice('?scenario=../../etc/passwd')).toEqual({ kind: 'unknown', given: '../../etc/passwd' });
    expect(scenarioChoice('?scenario=https://example.com/x.yaml')).toEqual({ kind: 'url', url: 'https://example.com/x.yaml' });
    expect(scenarioChoice('?scenario=javascript:alert(1)')).toEqual({ kind: 'unknown', given: 'javascript:alert(1)' });
    expect(scenarioChoice('?scenario=file:///etc/passwd')).toEqual({ kind: 'unknown', given: 'file:///etc/passwd' });
  });
  it('loads a bundled file and refuses others', async () => {
    expect(await loadBundledScenario('services')).toMatch(/^# Services behind/);
    await expect(loadBundledScenario('nope')).rejects.toThrow('No bundled scenario "nope".');
  });
  it('says what exists when the id is unknown, cutting long input', () => {
    const notice = unknownScenarioNotice('x'.repeat(500));
    // The given id is cut to 60 characters; the list of ids grows with the course.
    expect(notice).toContain(`"${'x'.repeat(60)}…"`);
    expect(notice.length).toBeLessThan(200 + BUNDLED_SCENARIO_IDS.join(', ').length);
    expect(notice).toContain('Scenarios: ');
    expect(notice).toContain('services');
  });
});
