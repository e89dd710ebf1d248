import type { AppErrorCode } from '../shared/app-error';

export interface ErrorBody {
  code: AppErrorCode;
  message: string;
  guidance?: string;
  retryable?: boolean;
}

/** Every resolver replies with this envelope: data xor error. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
