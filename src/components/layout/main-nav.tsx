import { Link } from "@/components/ui/link";
import { paths } from "@/config/paths";
import { usePathname } from "@/lib/location";

const ITEMS = [
  { to: paths.packs, label: "Packs" },
  { to: paths.build, label: "Build" },
  { to: paths.open, label: "Open a pack" },
] as const;

/** The section a path belongs to: a pack's page is under Packs, a draft under Build. */
const isIn = (pathname: string, to: string): boolean =>
  pathname === to || pathname.startsWith(`${to}/`);

/** The header's navigation between the registry, the builder and a pack from disk. */
export function MainNav() {
  const pathname = usePathname();
  return (
    <nav className="main-nav" aria-label="Main">
      <ul className="main-nav__list">
        {ITEMS.map((item) => (
          <li key={item.to}>
            <Link
              className="main-nav__link"
              to={item.to}
              aria-current={isIn(pathname, item.to) ? "page" : undefined}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
