import { Button } from "./button";
import { FormAlert } from "./field";
import { formErrors } from "./form-errors";

/** "Load more" under a paged list; a failed page keeps what is already shown and says why. */
export function LoadMore({
  query,
}: {
  query: {
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    isFetchNextPageError: boolean;
    error: unknown;
    fetchNextPage: () => unknown;
  };
}) {
  return (
    <>
      {query.hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="secondary" onClick={() => void query.fetchNextPage()} pending={query.isFetchingNextPage}>
            Load more
          </Button>
        </div>
      ) : null}
      {query.isFetchNextPageError ? <FormAlert message={formErrors(query.error).form} /> : null}
    </>
  );
}
