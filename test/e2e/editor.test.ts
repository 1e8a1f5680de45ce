// Proves the Monaco task-definition editor against the built app: a changed definition registers
// as web:2 and becomes runnable; invalid JSON is refused with its line and column and registers
// nothing; an AWS-invalid definition is refused with the error listed and a marker on the model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type AppSession, type OpenedPage, startWithPage } from './app.ts';

let session: AppSession;
let opened: OpenedPage;
let page: Page;

beforeAll(async () => {
  ({ session, opened, page } = await startWithPage({ editor: true }));
});
afterAll(async () => {
  await session?.close();
});

const definition = (container: Record<string, unknown>) =>
  JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27', cpu: 256, ...container }] }, null, 2);

async function setText(text: string) {
  await page.evaluate((t) => window.__ecsSandbox!.setEditorText(t), text);
}

async function runTaskChoices(): Promise<string[]> {
  return page.$$eval('form.run-task select[name="taskDefinition"] option', (els) => els.map((e) => (e as HTMLOptionElement).value));
}

describe('the task definition editor', () => {
  it('opens on the scenario task definition', async () => {
    const text = await page.evaluate(() => window.__ecsSandbox!.getEditorText());
    expect(JSON.parse(text)).toMatchObject({ family: 'web', containerDefinitions: [{ name: 'web', memory: 512 }] });
  });

  it('registers a changed definition as web:2, which the Run task form then offers', async () => {
    await setText(definition({ memory: 256 }));
    await page.click('.editor-panel button:has-text("Register")');
    await page.waitForSelector('[data-testid="editor-message"].ok', { timeout: 10_000 });
    const message = await page.textContent('[data-testid="editor-message"]');
    expect(message).toContain('web:2 registered');
    expect(message).toContain('arn:aws:ecs:us-east-1:123456789012:task-definition/web:2');
    await page.waitForFunction(() => [...document.querySelectorAll('form.run-task option')].some((o) => (o as HTMLOptionElement).value === 'web:2'));
    expect(await runTaskChoices()).toEqual(['web:2', 'web:1']);
  });

  it('refuses invalid JSON with line and column, and registers nothing', async () => {
    await setText('{\n  "family": "web"\n  "containerDefinitions": []\n}');
    await page.click('.editor-panel button:has-text("Register")');
    await page.waitForSelector('[data-testid="editor-message"].error');
    const message = await page.textContent('[data-testid="editor-message"]');
    expect(message).toMatch(/^Invalid JSON at line 3, column 3: Expected ',' or '}'/);
    expect(message).toContain('Nothing was registered');
    expect(await runTaskChoices()).toEqual(['web:2', 'web:1']);
  });

  it('refuses an AWS-invalid definition (no memory) with the error listed and a marker', async () => {
    await setText(definition({}));
    await page.click('.editor-panel button:has-text("Register")');
    await page.waitForSelector('[data-testid="editor-message"].error');
    expect(await page.textContent('[data-testid="editor-message"]')).toMatch(/^Not registered: \d+ validation error/);
    const listed = await page.textContent('ul.validation-errors');
    expect(listed).toMatch(/memory/);
    await page.waitForFunction(() => window.__ecsSandbox!.getEditorMarkers().some((m) => /memory/.test(m.message)));
    const markers = await page.evaluate(() => window.__ecsSandbox!.getEditorMarkers());
    expect(markers[0]!.startLineNumber).toBeGreaterThan(1); // on the container, not the document
    expect(await runTaskChoices()).toEqual(['web:2', 'web:1']);
  });

  it('completes container fields from the JSON Schema', async () => {
    await setText('{\n  "family": "web",\n  "containerDefinitions": [\n    {\n      "name": "web",\n      \n    }\n  ]\n}');
    await page.evaluate(() => window.__ecsSandbox!.focusEditorAt(6, 7));
    await page.keyboard.type('"memoryR'); // Monaco closes the quote itself
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.suggest-widget.visible', { timeout: 10_000 });
    await page.waitForFunction(() => /memoryReservation/.test(document.querySelector('.suggest-widget')?.textContent ?? ''), undefined, { timeout: 10_000 });
    await page.keyboard.press('Escape');
  });

  it('registers with Ctrl+S from inside the editor', async () => {
    await setText(definition({ memory: 384 }));
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+s');
    await page.waitForFunction(() => /web:3 registered/.test(document.querySelector('[data-testid="editor-message"]')?.textContent ?? ''), undefined, { timeout: 10_000 });
    expect(opened.problems).toEqual([]);
  });
});
