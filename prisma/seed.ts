/**
 * Demo data for local development: a handful of people with friendships and one pending request.
 * Idempotent: re-running leaves existing demo accounts as they are. Run with `npm run db:seed`.
 */
import { createDb } from "../web/src/server/infra/db";
import { hashPassword } from "../web/src/server/services/accounts/password-hash";

export const DEMO_PASSWORD = "hearth demo password";

const people = [
  { username: "ada", displayName: "Ada Lovelace", bio: "Poetical scientist. Notes on the Analytical Engine." },
  {
    username: "grace",
    displayName: "Grace Hopper",
    bio: "It's easier to ask forgiveness than it is to get permission.",
  },
  { username: "alan", displayName: "Alan Turing", bio: "Long-distance runner; occasionally thinks about machines." },
  { username: "katherine", displayName: "Katherine Johnson", bio: "Counting everything." },
  { username: "linus", displayName: "Linus Pauling", bio: "Vitamin C enthusiast." },
  {
    username: "admin",
    displayName: "Hearth Admin",
    bio: "Runs this Hearth.",
    email: "admin@hearth.local",
    role: "ADMIN" as const,
  },
];
const friendships: [string, string][] = [
  ["ada", "grace"],
  ["ada", "alan"],
  ["grace", "alan"],
  ["grace", "katherine"],
];
const pendingRequests: [string, string][] = [["linus", "ada"]];

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is missing (see .env.example)");
  const db = createDb(url);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids = new Map<string, string>();
  for (const person of people) {
    const email = person.email ?? `${person.username}@hearth.local`;
    const user = await db.user.upsert({
      where: { email },
      update: {},
      create: {
        email,
        emailVerifiedAt: new Date(),
        passwordHash,
        username: person.username === "admin" ? "hearth_admin" : person.username,
        usernameKey: person.username === "admin" ? "hearth_admin" : person.username,
        displayName: person.displayName,
        bio: person.bio,
        role: person.role ?? "USER",
      },
      select: { id: true },
    });
    ids.set(person.username, user.id);
  }
  const id = (name: string) => ids.get(name)!;
  await db.friendship.createMany({
    data: friendships.flatMap(([a, b]) => [
      { userId: id(a), friendId: id(b) },
      { userId: id(b), friendId: id(a) },
    ]),
    skipDuplicates: true,
  });
  for (const [from, to] of pendingRequests) {
    const friends = await db.friendship.findUnique({
      where: { userId_friendId: { userId: id(from), friendId: id(to) } },
    });
    if (!friends)
      await db.friendRequest.createMany({ data: [{ senderId: id(from), recipientId: id(to) }], skipDuplicates: true });
  }
  await db.$disconnect();
  console.log(`[seed] ${people.length} demo accounts ready (password: "${DEMO_PASSWORD}")`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
