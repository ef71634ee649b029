import { Link } from "@/components/ui/link";
import { paths } from "@/config/paths";

/** The landing page: the two journeys the app offers. */
export function HomeRoute() {
  return (
    <>
      <title>Packsmith</title>
      <h1>Build and review Palette packs</h1>
      <p className="lead">
        Packsmith helps you prepare packs for Spectro Cloud Palette, right in
        your browser.
      </p>
      {/* The link sits in the heading so its name is the journey's name; CSS stretches it over the card. */}
      <ul className="journeys" aria-label="Journeys">
        <li className="journey-card">
          <h2>
            <Link to={paths.build}>Build a pack</Link>
          </h2>
          <p>
            Describe a new pack step by step — its metadata, values and charts
            or manifests — and download it as an archive ready to publish.
          </p>
        </li>
        <li className="journey-card">
          <h2>
            <Link to={paths.packs}>Review a pack</Link>
          </h2>
          <p>
            Open an existing pack archive to inspect its files and check it
            against the pack format rules before it reaches a registry.
          </p>
        </li>
      </ul>
    </>
  );
}
