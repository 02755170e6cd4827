/**
 * Retries `assertion` every 25 ms (real timers) until it passes or `timeoutMs` runs out.
 * Used instead of testing-library's `waitFor`, whose MutationObserver loop starves the
 * timers here: Taro's Stencil components mutate the DOM whenever they are queried.
 */
export async function eventually<T>(assertion: () => T, timeoutMs = 2000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return assertion();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
