/** The API takes a screenshot data URL of at most this many characters (about 300 KB). */
export const SCREENSHOT_MAX_CHARS = 400_000;

/**
 * A JPEG of the page behind the feedback dialog, shrunk until it fits the API's limit. Only taken
 * when the person asks for it, and shown to them before anything is sent.
 */
export async function capturePage(root: HTMLElement, exclude: HTMLElement | null): Promise<string> {
  // Loaded on first use: most sessions never take a screenshot.
  const { toJpeg } = await import('html-to-image');
  const width = root.scrollWidth || 1280;
  for (const [scale, quality] of [
    [1, 0.7],
    [0.7, 0.6],
    [0.5, 0.5],
    [0.35, 0.45],
  ] as const) {
    const dataUrl = await toJpeg(root, {
      quality,
      pixelRatio: Math.min(1, 1280 / width) * scale,
      backgroundColor: '#ffffff',
      skipFonts: true,
      filter: (node) => node !== exclude,
    });
    if (dataUrl.length <= SCREENSHOT_MAX_CHARS) return dataUrl;
  }
  throw new Error('The screenshot is too large to send. Send your message without it.');
}
