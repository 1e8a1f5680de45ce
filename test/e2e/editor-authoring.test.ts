// Proves the authoring experience of the task definition editor against the built app: hover
// documentation from the JSON Schema; the engine's AWS rule errors as markers while typing (and a
// syntax error alone while the JSON is broken); quick fixes from the error list's Fix button and
// from Monaco's own Ctrl+. menu, each removing the error; edits surviving a reload with a notice
// and a reset, and a notice (no crash) where the browser refuses storage; and a registration
// answered with the new revision and its diff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type AppSession, type OpenedPage, startWithPage, waitForEditor } from './app.ts';

let session: AppSession;
let opened: OpenedPage;
let page: Page;

beforeAll(async () => {
  ({ session, opened, page } = await startWithPage({ editor: true }));
});
afterAll(async () => {
  await session?.close();
});

const HOST_PORT_MESSAGE = 'When networkMode=awsvpc, the host ports and container ports in port mappings must match.';

/** awsvpc with hostPort 8080 for containerPort 80: AWS refuses it, and the fix is obvious. */
const awsvpcMismatch = JSON.stringify(
  {
    family: 'web',
    networkMode: 'awsvpc',
    containerDefinitions: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27', cpu: 256, memory: 512, portMappings: [{ containerPort: 80, hostPort: 8080 }] }],
  },
  null,
  2,
);

async function setText(text: string) {
  await page.evaluate((t) => window.__ecsSandbox!.setEditorText(t), text);
}

async function waitForMarker(message: string, present = true) {
  await page.waitForFunction(
    ([m, p]) => window.__ecsSandbox!.getEditorMarkers().some((x) => x.message === m) === p,
    [message, present] as const,
    { timeout: 10_000 },
  );
}

describe('authoring a task definition', () => {
  it('shows the schema description when hovering a field, naming the AWS parameter', async () => {
    await page.evaluate(() => window.__ecsSandbox!.setEditorText('{\n  "family": "web",\n  "containerDefinitions": [{ "name": "web", "image": "nginx", "memory": 512 }]\n}'));
    // The innermost span is the token; the line's outer span contains the whole line.
    const token = page.locator('.monaco-editor .view-line span', { hasText: '"memory"' }).last();
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Hard memory limit' });
    // The JSON worker may not have the schema yet right after the text is set (it then answers the
    // hover with nothing, stack notes): hover again until it does, as a person moving the mouse would.
    for (let attempt = 0; ; attempt++) {
      await page.mouse.move(0, 0);
      await token.hover({ force: true });
      try {
        await hover.waitFor({ timeout: 3_000 });
        break;
      } catch (error) {
        if (attempt >= 5) throw error;
      }
    }
    expect(await hover.textContent()).toContain('RegisterTaskDefinition parameter containerDefinitions[].memory');
    await page.mouse.move(0, 0);
  });

  it('marks an AWS rule error at its field, with the AWS message, and lists it with a Fix button', async () => {
    await setText(awsvpcMismatch);
    await waitForMarker(HOST_PORT_MESSAGE);
    const marker = (await page.evaluate(() => window.__ecsSandbox!.getEditorMarkers()))[0]!;
    expect(marker).toMatchObject({ owner: 'ecs-rules', code: 'ClientException', message: HOST_PORT_MESSAGE });
    const lines = awsvpcMismatch.split('\n');
    expect(lines[marker.startLineNumber - 1]!.slice(marker.startColumn - 1)).toMatch(/^"hostPort"/);
    const item = page.locator('.editor-issues li', { hasText: HOST_PORT_MESSAGE });
    await item.waitFor();
    expect(await item.locator('code').textContent()).toBe('/containerDefinitions/0/portMappings/0/hostPort');
    expect(await item.locator('button.fix').getAttribute('title')).toBe('Set hostPort to 80 (the containerPort)');
  });

  it('while the JSON is broken, shows only the syntax error', async () => {
    // A missing comma, and a schema error ("memory" as a string) that must not be reported meanwhile.
    await setText(awsvpcMismatch.replace('"family": "web",', '"family": "web"').replace('"memory": 512', '"memory": "x"'));
    await waitForMarker(HOST_PORT_MESSAGE, false);
    await page.locator('.editor-issues[aria-label="JSON syntax error"]', { hasText: 'line 3, col 3' }).waitFor();
    expect(await page.locator('.editor-issues li').count()).toBe(1);
    await page.waitForFunction(() => {
      const markers = window.__ecsSandbox!.getEditorMarkers('*');
      return markers.length === 1 && markers[0]!.owner === 'json' && /comma/i.test(markers[0]!.message);
    }, undefined, { timeout: 10_000 });
  });

  it('the Fix button applies the fix, keeping the formatting, and the error goes', async () => {
    await setText(awsvpcMismatch);
    await waitForMarker(HOST_PORT_MESSAGE);
    await page.locator('.editor-issues li', { hasText: HOST_PORT_MESSAGE }).locator('button.fix').click();
    await waitForMarker(HOST_PORT_MESSAGE, false);
    expect(await page.evaluate(() => window.__ecsSandbox!.getEditorText())).toBe(awsvpcMismatch.replace('"hostPort": 8080', '"hostPort": 80'));
    expect(await page.locator('.editor-issues li').count()).toBe(0);
  });

  it('Monaco\'s quick fix menu (Ctrl+.) offers and applies the same fix', async () => {
    await setText(awsvpcMismatch);
    await waitForMarker(HOST_PORT_MESSAGE);
    const marker = (await page.evaluate(() => window.__ecsSandbox!.getEditorMarkers()))[0]!;
    await page.evaluate(([l, c]) => window.__ecsSandbox!.focusEditorAt(l, c), [marker.startLineNumber, marker.startColumn + 2] as const);
    await page.keyboard.press('Control+.');
    const action = page.locator('.action-widget', { hasText: 'Set hostPort to 80' });
    await action.waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await waitForMarker(HOST_PORT_MESSAGE, false);
    expect(await page.evaluate(() => window.__ecsSandbox!.getEditorText())).toBe(awsvpcMismatch.replace('"hostPort": 8080', '"hostPort": 80'));
  });

  it('F8 jumps to the next problem and shows it inline', async () => {
    await setText(awsvpcMismatch);
    await waitForMarker(HOST_PORT_MESSAGE);
    await page.evaluate(() => window.__ecsSandbox!.focusEditorAt(1, 1));
    await page.keyboard.press('F8');
    await page.locator('.marker-widget', { hasText: HOST_PORT_MESSAGE }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
  });

  it('clicking a listed error selects its range in the editor', async () => {
    await setText(awsvpcMismatch);
    await waitForMarker(HOST_PORT_MESSAGE);
    await page.locator('.editor-issues li .issue-link', { hasText: HOST_PORT_MESSAGE }).click();
    const focused = await page.evaluate(() => document.activeElement?.closest('.monaco-editor') !== null);
    expect(focused).toBe(true);
  });

  it('registers and shows the new revision with its diff from the previous one', async () => {
    const text = awsvpcMismatch.replace('"hostPort": 8080', '"hostPort": 80').replace('"memory": 512', '"memory": 256');
    await setText(text);
    await page.click('.editor-panel button:has-text("Register")');
    const message = page.locator('[data-testid="editor-message"].revision-diff');
    await message.waitFor({ timeout: 10_000 });
    const shown = (await message.textContent()) ?? '';
    expect(shown).toMatch(/web:2 registered — \d+ changes? from web:1/);
    expect(shown).toContain('containerDefinitions[0].memory 512 → 256');
    expect(shown).toContain('networkMode "bridge" → "awsvpc"');
    expect(shown).toContain('arn:aws:ecs:us-east-1:123456789012:task-definition/web:2');
  });

  it('keeps the edits across a reload, with a notice and a reset to the scenario\'s version', async () => {
    const edited = awsvpcMismatch.replace('"memory": 512', '"memory": 384');
    await setText(edited);
    await page.reload();
    await waitForEditor(page);
    expect(await page.evaluate(() => window.__ecsSandbox!.getEditorText())).toBe(edited);
    const notice = page.locator('[data-testid="editor-restored"]');
    expect(await notice.textContent()).toContain('Restored your edits');
    await notice.locator('button').click();
    const text = await page.evaluate(() => window.__ecsSandbox!.getEditorText());
    expect(JSON.parse(text)).toMatchObject({ family: 'web', containerDefinitions: [{ name: 'web', memory: 512 }] });
    expect(await notice.count()).toBe(0);
    await page.reload();
    await waitForEditor(page);
    expect(await page.evaluate(() => window.__ecsSandbox!.getEditorText())).toBe(text);
    expect(await page.locator('[data-testid="editor-restored"]').count()).toBe(0);
    expect(opened.problems).toEqual([]);
  });

  it('where the browser refuses storage, the editor still works and says edits will not survive a reload', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
    // As in a sandboxed iframe: merely touching window.localStorage throws.
    await context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The document is sandboxed', 'SecurityError');
        },
      });
    });
    const other = await context.newPage();
    const errors: string[] = [];
    other.on('pageerror', (e) => errors.push(e.message));
    await other.goto(session.server.origin + '/');
    await waitForEditor(other);
    await other.evaluate((t) => window.__ecsSandbox!.setEditorText(t), awsvpcMismatch);
    await other.waitForFunction((m) => window.__ecsSandbox!.getEditorMarkers().some((x) => x.message === m), HOST_PORT_MESSAGE, { timeout: 10_000 });
    await other.locator('.editor-notice.warn', { hasText: 'Your edits cannot be kept across reloads' }).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    await context.close();
  });
});
