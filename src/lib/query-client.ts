import { QueryClient } from "@tanstack/react-query";

import { ApiError } from "@/lib/api/client";

/** One client for the app; tests make their own. 4xx answers are final, so they are not retried. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (count, error) =>
          !(
            error instanceof ApiError &&
            error.status >= 400 &&
            error.status < 500
          ) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}
