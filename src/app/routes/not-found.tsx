import { Link } from "@/components/ui/link";
import { paths } from "@/config/paths";

/** Shown for any path the route table does not know. */
export function NotFoundRoute() {
  return (
    <>
      <title>Page not found · Packsmith</title>
      <h1>Page not found</h1>
      <p>There is no page at this address.</p>
      <p>
        <Link to={paths.home}>Back to the home page</Link>
      </p>
    </>
  );
}
