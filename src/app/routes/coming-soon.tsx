import { Link } from "@/components/ui/link";
import { paths } from "@/config/paths";

type ComingSoonRouteProps = {
  title: string;
};

/** Stands in for a journey that is not built yet, and says so plainly. */
export function ComingSoonRoute({ title }: ComingSoonRouteProps) {
  return (
    <>
      <title>{`${title} · Packsmith`}</title>
      <h1>{title}</h1>
      <p>This journey is coming soon. Nothing on this page works yet.</p>
      <p>
        <Link to={paths.home}>Back to the home page</Link>
      </p>
    </>
  );
}
