import { chainError } from "../chain/errors.js";

/** Rejects with a `Timeout` ChainError when `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(chainError("Timeout", { what, ms })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
