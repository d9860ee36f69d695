// Stops the stack the global setup started (the Java process included).
export default async function globalTeardown() {
  await globalThis.holdfastStack?.stop();
}
