import Link from "next/link";
import { Card } from "@/components/ui/card";
import { FormAlert } from "@/components/ui/field";
import { HomeAttention } from "@/components/home/home-attention";
import { deps } from "@/server/infra/deps";
import { requireSessionUser } from "@/server/session";
import { HydrateClient, prefetch, serverTRPC } from "@/trpc/server";

export default async function HomePage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  const user = await requireSessionUser();
  const { welcome } = await searchParams;
  // Friend requests come with the page, so what needs attention shows sooner.
  const [me] = await Promise.all([
    deps().db.user.findUniqueOrThrow({
      where: { id: user.id },
      select: {
        displayName: true,
        avatarKey: true,
        emailVerifiedAt: true,
        bio: true,
        _count: { select: { friendships: true } },
      },
    }),
    prefetch(serverTRPC.friends.requests.queryOptions()),
  ]);
  const steps = [
    { done: !!me.avatarKey, label: "Add a profile photo", href: "/settings/profile" },
    { done: me.bio.length > 0, label: "Write a short bio", href: "/settings/profile" },
    { done: me._count.friendships > 0, label: "Find your first friend", href: "/search" },
  ];
  return (
    <div className="space-y-6">
      {welcome ? (
        <FormAlert
          tone="success"
          message={
            me.emailVerifiedAt
              ? "Welcome to Hearth!"
              : "Welcome to Hearth! We sent you an email to confirm your address."
          }
        />
      ) : null}
      <h1 className="text-2xl font-semibold tracking-tight">Hi, {me.displayName}</h1>
      {steps.some((s) => !s.done) ? (
        <Card>
          <h2 className="mb-3 font-semibold">Get started</h2>
          <ul className="space-y-2">
            {steps.map((step) => (
              <li key={step.label} className="flex items-center gap-3">
                <span
                  aria-hidden
                  className={`inline-flex size-6 items-center justify-center rounded-full text-xs ${step.done ? "bg-green-100 text-green-700" : "bg-stone-100 text-stone-400"}`}
                >
                  {step.done ? "✓" : "•"}
                </span>
                {step.done ? (
                  <span className="text-stone-400 line-through">{step.label}</span>
                ) : (
                  <Link href={step.href} className="text-ember-700 hover:underline">
                    {step.label}
                  </Link>
                )}
                <span className="sr-only">{step.done ? "(done)" : "(to do)"}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <HydrateClient>
        <HomeAttention />
      </HydrateClient>
    </div>
  );
}
