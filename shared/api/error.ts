/** The one error body every failure answers: `{ error: { code, message, details? } }` (functions/lib/http.ts). */
import * as z from 'zod';
import { httpStatusOf, type ErrorCode } from '../errors.js';

const CODES = Object.keys(httpStatusOf) as ErrorCode[];
/** The domain's codes, and INTERNAL for the 500 that no request should ever get. */
export const errorCode = z.enum([...CODES, 'INTERNAL']);

export const errorBody = z.object({
  error: z.object({
    code: errorCode,
    /** Vietnamese, for the user. */
    message: z.string(),
    /** e.g. the offending fields of a VALIDATION error, the current version of a CONFLICT. */
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;
