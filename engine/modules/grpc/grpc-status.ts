/** The gRPC status codes, under the names `k6/net/grpc` exports them. */
export const GRPC_STATUS = {
  StatusOK: 0,
  StatusCanceled: 1,
  StatusUnknown: 2,
  StatusInvalidArgument: 3,
  StatusDeadlineExceeded: 4,
  StatusNotFound: 5,
  StatusAlreadyExists: 6,
  StatusPermissionDenied: 7,
  StatusResourceExhausted: 8,
  StatusFailedPrecondition: 9,
  StatusAborted: 10,
  StatusOutOfRange: 11,
  StatusUnimplemented: 12,
  StatusInternal: 13,
  StatusUnavailable: 14,
  StatusDataLoss: 15,
  StatusUnauthenticated: 16,
} as const;

/** The health-check status values k6 exports next to the status codes. */
export const HEALTH_CHECK_STATUS = {
  HealthCheckServing: 'SERVING',
  HealthCheckNotServing: 'NOT_SERVING',
  HealthCheckUnknown: 'UNKNOWN',
  // k6's spelling, kept so scripts written for k6 find it.
  HealthCheckServiceUnkown: 'SERVICE_UNKNOWN',
} as const;
