import "server-only";
import { redirect } from "next/navigation";
import { auth } from "@/auth";

/**
 * The signed-in user for a server component, or a redirect to sign-in. Every page calls it itself:
 * layouts and pages render concurrently, so a layout's check does not protect its pages.
 */
export async function requireSessionUser() {
  const session = await auth();
  if (!session?.user) redirect("/sign-in");
  return session.user;
}
