/** A response callback that says whether a response counts as expected (not failed). */
export type ResponseCallback = (response: { status: number }) => boolean;

type StatusRange = { min: number; max: number };

/** `http.expectedStatuses(200, { min: 300, max: 399 })`: statuses or ranges that count as success. */
export function expectedStatuses(...statuses: (number | StatusRange)[]): ResponseCallback {
  for (const status of statuses) {
    const valid =
      typeof status === 'number'
        ? Number.isInteger(status)
        : Number.isInteger(status?.min) && Number.isInteger(status?.max) && status.min <= status.max;
    if (!valid) {
      throw new Error(
        `invalid expectedStatuses argument ${JSON.stringify(status)}; expected an integer status or { min, max } integers`,
      );
    }
  }
  return (response) =>
    statuses.some((status) =>
      typeof status === 'number' ? response.status === status : response.status >= status.min && response.status <= status.max,
    );
}

/** k6's default: 200 to 399 are expected. */
export const DEFAULT_RESPONSE_CALLBACK = expectedStatuses({ min: 200, max: 399 });
