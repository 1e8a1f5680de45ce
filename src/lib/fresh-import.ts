/**
 * A dynamic import that can be tried again after it failed. Browsers keep a failed module import
 * in their module map, so calling the same `import()` again rejects at once without a request
 * (Chromium 150 does): "Try again" would never fetch. After a failure, the chunk's URL (which the
 * browser names in its error, "Failed to fetch dynamically imported module: <url>") is imported
 * again with a query that makes it a new entry of the map; the chunk's own imports resolve as
 * before. Where the error names no URL, the original import is simply called again.
 */
const FAILED_URL = /(https?:\/\/\S+?\.js)\b/;

export function freshImport<M, T>(importer: () => Promise<M>, pick: (module: M) => T): () => Promise<T> {
  let failedUrl: string | undefined;
  let attempts = 0;
  return async () => {
    try {
      const module = failedUrl === undefined ? await importer() : ((await import(/* @vite-ignore */ `${failedUrl}?retry=${++attempts}`)) as M);
      return pick(module);
    } catch (error) {
      failedUrl ??= FAILED_URL.exec(error instanceof Error ? error.message : String(error))?.[1];
      throw error;
    }
  };
}
