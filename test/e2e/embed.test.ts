// Proves the built app works from a nested sub-path inside an iframe on a host page: dist/ is
// served under /courses/ecs/lab/, the host page at / embeds it, and the cluster view paints in
// the frame with the default scenario, with no failed request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, startSession, waitForClusterPaint, type AppSession } from './app.ts';

const HOST_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Course page</title></head>
<body><h1>Lesson 3: task placement</h1>
<iframe id="lab" title="ECS Sandbox" src="/courses/ecs/lab/" width="1200" height="760"></iframe>
</body></html>`;

let session: AppSession;
beforeAll(async () => {
  session = await startSession({ basePath: '/courses/ecs/lab/', pages: { '/': HOST_PAGE } });
});
afterAll(async () => {
  await session?.close();
});

describe('embedded in an iframe under a nested sub-path', () => {
  it('paints the cluster view inside the frame', async () => {
    const { page, context, problems } = await openPage(session, '/', { width: 1280, height: 900 });
    const handle = await page.waitForSelector('iframe#lab');
    const frame = await handle.contentFrame();
    expect(frame).not.toBeNull();
    await waitForClusterPaint(frame!);
    expect(frame!.url()).toMatch(/\/courses\/ecs\/lab\/$/);
    await frame!.waitForFunction(() => document.querySelectorAll('.tile[data-status="RUNNING"]').length === 3, undefined, { timeout: 20_000 });
    expect(await frame!.locator('.instance').count()).toBe(6);
    await frame!.waitForFunction(() => window.__ecsSandbox !== undefined);
    await frame!.evaluate(() => window.__ecsSandbox!.ready);
    expect(problems).toEqual([]);
    await context.close();
  });
});
