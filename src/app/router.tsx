import { ComingSoonRoute } from "@/app/routes/coming-soon";
import { HomeRoute } from "@/app/routes/home";
import { NotFoundRoute } from "@/app/routes/not-found";
import { paths } from "@/config/paths";

type RouteProps = {
  pathname: string;
};

/** Maps a pathname to its page. A trailing slash is ignored so `/build/` still finds `/build`. */
export function Route({ pathname }: RouteProps) {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  switch (path) {
    case paths.home:
      return <HomeRoute />;
    case paths.build:
      return <ComingSoonRoute title="Build a pack" />;
    case paths.review:
      return <ComingSoonRoute title="Review a pack" />;
    default:
      return <NotFoundRoute />;
  }
}
