// Auto height: resizeMessages gives the sandbox's resize event and Canvas's lti.frameResize for a
// height (rounded up, clamped, none for 0); HeightReporter, driven by a fake scheduler, posts once per
// tick however many requests came, only on a change of a pixel or more, never 0 or anything while the
// page is hidden or not laid out, and never throws whatever measure returns (fast-check).
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  animationFrameScheduler, HeightReporter, intervalScheduler, reportableHeight, RESIZE_MAX_HEIGHT_PX, resizeMessages,
  type ResizeMessages, type Scheduler,
} from '../../../src/lib/embed/resize.ts';

/** Runs scheduled callbacks only when told to: one `tick()` is one animation frame. */
class FakeScheduler implements Scheduler {
  queue: Array<{ cb: () => void; cancelled: boolean }> = [];
  schedule(cb: () => void): () => void {
    const entry = { cb, cancelled: false };
    this.queue.push(entry);
    return () => { entry.cancelled = true; };
  }
  tick(): void {
    const due = this.queue;
    this.queue = [];
    for (const e of due) if (!e.cancelled) e.cb();
  }
  get pending(): number { return this.queue.filter((e) => !e.cancelled).length; }
}

function setup(options: { maxHeightPx?: number; laidOut?: () => boolean } = {}) {
  const page = { height: 500 as number, visible: true };
  const posts: ResizeMessages[] = [];
  const scheduler = new FakeScheduler();
  const reporter = new HeightReporter({
    measure: () => page.height,
    isLaidOut: options.laidOut ?? (() => page.visible),
    post: (m) => posts.push(m),
    scheduler,
    ...(options.maxHeightPx === undefined ? {} : { maxHeightPx: options.maxHeightPx }),
  });
  const heights = () => posts.map((p) => p.sandbox.payload.height);
  return { page, posts, scheduler, reporter, heights };
}

describe('resizeMessages', () => {
  it('gives both forms for a height', () => {
    expect(resizeMessages(640)).toEqual({
      sandbox: { source: 'ecs-sandbox', version: 1, type: 'resize', payload: { height: 640 } },
      canvas: { subject: 'lti.frameResize', height: 640 },
    });
  });

  it.each([
    [640.2, 641], // rounded up: a frame a pixel short scrolls
    [1, 1],
    [RESIZE_MAX_HEIGHT_PX + 5000, RESIZE_MAX_HEIGHT_PX], // clamped
  ])('%d → %d', (height, px) => {
    expect(resizeMessages(height)?.canvas.height).toBe(px);
    expect(resizeMessages(height)?.sandbox.payload.height).toBe(px);
  });

  it('clamps to a smaller maximum when given', () => expect(resizeMessages(900, 800)?.canvas.height).toBe(800));

  it('has nothing for 0, negative, NaN or infinite heights', () => {
    for (const h of [0, -3, Number.NaN, Infinity, -Infinity]) expect(resizeMessages(h)).toBeNull();
    expect(reportableHeight('500')).toBeNull();
  });
});

describe('HeightReporter', () => {
  it('a burst of requests makes one post on the next frame', () => {
    const { page, scheduler, reporter, heights } = setup();
    reporter.request();
    page.height = 510;
    reporter.request();
    page.height = 530;
    reporter.request();
    expect(scheduler.pending).toBe(1);
    expect(heights()).toEqual([]);
    scheduler.tick();
    expect(heights()).toEqual([530]); // the height at the frame, not at the first request
  });

  it('posts only when the height moved by a pixel or more', () => {
    const { page, scheduler, reporter, heights } = setup();
    reporter.request(); scheduler.tick(); // 500
    page.height = 500.4; // ceil → 501: one pixel
    reporter.request(); scheduler.tick();
    page.height = 500.9; // ceil → 501: unchanged
    reporter.request(); scheduler.tick();
    reporter.request(); scheduler.tick(); // nothing moved
    page.height = 480;
    reporter.request(); scheduler.tick();
    expect(heights()).toEqual([500, 501, 480]);
    expect(reporter.lastPostedHeight).toBe(480);
  });

  it('never posts 0 (a frame inside a hidden tab) and keeps the last height until laid out again', () => {
    const { page, scheduler, reporter, heights } = setup({ laidOut: () => true });
    reporter.request(); scheduler.tick();
    page.height = 0; // display: none around the frame
    reporter.request(); scheduler.tick();
    expect(heights()).toEqual([500]);
    expect(reporter.lastPostedHeight).toBe(500);
    page.height = 700; // the tab is shown again
    reporter.request(); scheduler.tick();
    expect(heights()).toEqual([500, 700]);
  });

  it('posts nothing while the page is hidden, then the current height when shown', () => {
    const { page, scheduler, reporter, heights } = setup();
    page.visible = false;
    page.height = 300;
    reporter.request(); scheduler.tick();
    expect(heights()).toEqual([]);
    page.visible = true;
    reporter.request(); scheduler.tick();
    expect(heights()).toEqual([300]);
  });

  it('clamps to the named maximum, and to a smaller one when given', () => {
    const big = setup();
    big.page.height = 1e9;
    big.reporter.request(); big.scheduler.tick();
    expect(big.heights()).toEqual([RESIZE_MAX_HEIGHT_PX]);
    big.page.height = 2e9; // still clamped: no new post
    big.reporter.request(); big.scheduler.tick();
    expect(big.heights()).toEqual([RESIZE_MAX_HEIGHT_PX]);
    const small = setup({ maxHeightPx: 1200 });
    small.page.height = 5000;
    small.reporter.flush();
    expect(small.posts[0]?.canvas).toEqual({ subject: 'lti.frameResize', height: 1200 });
    // a host cannot raise the maximum past the sandbox's own
    const raised = setup({ maxHeightPx: RESIZE_MAX_HEIGHT_PX * 10 });
    raised.page.height = 1e9;
    raised.reporter.flush();
    expect(raised.heights()).toEqual([RESIZE_MAX_HEIGHT_PX]);
  });

  it('repost sends the same height again (a host that attached late)', () => {
    const { scheduler, reporter, heights } = setup();
    reporter.request(); scheduler.tick();
    expect(reporter.repost()).toBe(true);
    expect(heights()).toEqual([500, 500]);
  });

  it('dispose cancels the pending frame and ignores later requests', () => {
    const { scheduler, reporter, heights } = setup();
    reporter.request();
    reporter.dispose();
    scheduler.tick();
    reporter.request();
    expect(scheduler.pending).toBe(0);
    expect(reporter.flush()).toBe(false);
    expect(heights()).toEqual([]);
  });

  it('a throwing measure posts nothing and does not break later frames', () => {
    const scheduler = new FakeScheduler();
    let fail = true;
    const post = vi.fn();
    const reporter = new HeightReporter({ measure: () => { if (fail) throw new Error('no layout'); return 42; }, post, scheduler });
    reporter.request(); scheduler.tick();
    expect(post).not.toHaveBeenCalled();
    fail = false;
    reporter.request(); scheduler.tick();
    expect(post).toHaveBeenCalledTimes(1);
  });

  it('with an interval scheduler, one post per interval however many requests', () => {
    vi.useFakeTimers();
    try {
      let height = 100;
      const post = vi.fn();
      const reporter = new HeightReporter({ measure: () => height, post, scheduler: intervalScheduler(200, { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) }) });
      for (let i = 0; i < 10; i++) { height += 10; reporter.request(); vi.advanceTimersByTime(15); } // 150 ms of a growing page
      expect(post).not.toHaveBeenCalled();
      vi.advanceTimersByTime(50);
      expect(post).toHaveBeenCalledTimes(1);
      expect(post.mock.calls[0]![0].canvas.height).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it('the animation-frame scheduler cancels through cancelAnimationFrame', () => {
    const win = { requestAnimationFrame: vi.fn(() => 7), cancelAnimationFrame: vi.fn() };
    const cancel = animationFrameScheduler(win).schedule(() => {});
    cancel();
    expect(win.cancelAnimationFrame).toHaveBeenCalledWith(7);
  });

  it('fuzz: any sequence of measured values never throws, never posts a non-positive or over-maximum height, and never repeats a height back to back', () => {
    const measured = fc.oneof(fc.double(), fc.integer({ min: -10, max: 50_000 }), fc.constantFrom(0, Number.NaN, Infinity), fc.anything());
    fc.assert(fc.property(fc.array(fc.tuple(measured, fc.boolean()), { maxLength: 60 }), (frames) => {
      const scheduler = new FakeScheduler();
      let current: unknown = 0;
      let laidOut = true;
      const posted: number[] = [];
      const reporter = new HeightReporter({
        measure: () => current as number,
        isLaidOut: () => laidOut,
        post: (m) => { expect(m.canvas.height).toBe(m.sandbox.payload.height); posted.push(m.canvas.height); },
        scheduler,
      });
      for (const [value, visible] of frames) {
        current = value;
        laidOut = visible;
        expect(() => { reporter.request(); scheduler.tick(); }).not.toThrow();
      }
      for (const h of posted) expect(Number.isInteger(h) && h >= 1 && h <= RESIZE_MAX_HEIGHT_PX).toBe(true);
      for (let i = 1; i < posted.length; i++) expect(posted[i]).not.toBe(posted[i - 1]);
    }));
  });
});
