import Link from "next/link";
import { Card } from "../ui/card";

/** What an unknown address shows, with ways on. */
export function NotFoundMessage({ signedIn }: { signedIn: boolean }) {
  const links = signedIn
    ? [
        { href: "/", label: "Go home" },
        { href: "/search", label: "Find people" },
        { href: "/messages", label: "Open messages" },
      ]
    : [
        { href: "/sign-in", label: "Sign in" },
        { href: "/sign-up", label: "Create an account" },
      ];
  return (
    <Card>
      <p className="text-sm font-medium text-ember-700">Not found</p>
      <h1 className="mt-1 mb-2 text-xl font-semibold">We could not find that page</h1>
      <p className="mb-5 text-sm text-stone-600">
        The link may be mistyped, or what it pointed to was removed or is not shared with you.
      </p>
      <ul className="flex flex-wrap gap-x-5 gap-y-2 text-sm font-medium">
        {links.map((link) => (
          <li key={link.href}>
            <Link href={link.href} className="text-ember-700 underline-offset-2 hover:underline">
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
