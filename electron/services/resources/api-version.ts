/** Whether an Engine API version ("1.41") is at least `wanted` ("1.42"); an unreadable one is not. */
export function apiAtLeast(version: string, wanted: string): boolean {
  const have = version.split('.').map(Number);
  const want = wanted.split('.').map(Number);
  if (have.length < 2 || have.some((part) => !Number.isInteger(part))) return false;
  for (let i = 0; i < want.length; i++) {
    const a = have[i] ?? 0;
    const b = want[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}
